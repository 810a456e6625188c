// The safe subset of Markdown the staff write the site's texts in: paragraphs, emphasis, lists, links,
// headings (##, ###), quotes. No HTML (it comes out escaped), no images, no tables, no code: what a text of a
// public site needs, and nothing that could carry a script or break the page's accessibility.
import MarkdownIt from 'markdown-it';

const markdown = new MarkdownIt('zero', { html: false, linkify: true, breaks: false })
  .enable(['paragraph', 'emphasis', 'list', 'link', 'linkify', 'heading', 'blockquote', 'newline', 'escape'])
  .enable(['entity', 'text', 'balance_pairs', 'fragments_join']);

// Headings start at level 2: the page has its own h1.
markdown.renderer.rules.heading_open = (tokens, index) => {
  const level = Math.min(4, Math.max(2, Number(tokens[index]!.tag.slice(1)) + 1));
  return `<h${level}>`;
};
markdown.renderer.rules.heading_close = (tokens, index) => {
  const level = Math.min(4, Math.max(2, Number(tokens[index]!.tag.slice(1)) + 1));
  return `</h${level}>\n`;
};

/** The text as HTML: escaped by markdown-it, links limited to http(s), mailto and tel, and site paths. */
export function renderMarkdown(source: string): string {
  return markdown.render(source);
}

// markdown-it's own check refuses javascript:, vbscript:, file: and data: (but images); narrower here.
const defaultValidate = markdown.validateLink.bind(markdown);
markdown.validateLink = (url) => defaultValidate(url) && /^(https?:|mailto:|tel:|\/|#)/i.test(url.trim());
