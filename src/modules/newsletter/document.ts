// The issue's content as staff type it in one text box, read back the same way: « ## » opens a section,
// « ### » an item, the lines after it are its text (the site's safe Markdown), and a last line « Lien :
// https://… » is its « Pour plus d'informations », a line « Image : <id> | texte alternatif » its image. One box keeps the order visible and editable without a
// dozen forms; the form shows the text again with its errors when a line cannot be read.
import type { IssueInput, Section } from './issues.ts';
import { newsletterMessages as m } from './newsletter.messages.ts';

const linkLine = /^Lien\s*:\s*(\S+)\s*$/i;
/** « Image : <id> | texte alternatif » (the id, or the image's address, as its page gives it). */
const imageLine = /^Image\s*:\s*(?:\S*\/lettre\/images\/)?([0-9a-f-]{36})\s*(?:\|\s*(.*?))?\s*$/i;

export function parseContent(source: string): { sections: IssueInput['sections'] } | { error: string } {
  const sections: IssueInput['sections'] = [];
  let item: { title: string; body: string[]; link?: string; image?: { id: string; alt: string } } | undefined;
  const close = () => {
    if (!item) return;
    sections.at(-1)!.items.push({
      title: item.title,
      body: item.body.join('\n').trim(),
      ...(item.link ? { link: item.link } : {}),
      ...(item.image ? { image: item.image } : {}),
    });
    item = undefined;
  };
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  for (const [index, line] of lines.entries()) {
    if (line.startsWith('### ')) {
      if (!sections.length) return { error: m.sectionLine({ line: index + 1 }).text };
      close();
      item = { title: line.slice(4).trim(), body: [] };
    } else if (line.startsWith('## ')) {
      close();
      sections.push({ title: line.slice(3).trim(), items: [] });
    } else if (item && imageLine.test(line)) {
      const [, id, alt] = imageLine.exec(line)!;
      if (!alt) return { error: m.imageWithoutAlt({ line: index + 1 }).text };
      item.image = { id: id!.toLowerCase(), alt };
    } else if (item && linkLine.test(line)) {
      item.link = linkLine.exec(line)![1]!;
    } else if (item) {
      item.body.push(line);
    } else if (line.trim()) {
      return { error: m.orphanLine({ line: index + 1 }).text };
    }
  }
  close();
  const empty = sections.flatMap((s) => s.items).find((i) => !i.body);
  if (empty) return { error: m.itemWithoutText({ title: empty.title }).text };
  return { sections };
}

/** The sections as the text box shows them (what `parseContent` reads back). */
export const formatContent = (sections: Section[]) =>
  sections
    .map((s) =>
      [
        `## ${s.title}`,
        ...s.items.map((i) =>
          [
            `### ${i.title}`,
            i.body,
            ...(i.imageId ? [`Image : ${i.imageId} | ${i.imageAlt}`] : []),
            ...(i.link ? [`Lien : ${i.link}`] : []),
          ].join('\n\n'),
        ),
      ].join('\n\n'),
    )
    .join('\n\n');
