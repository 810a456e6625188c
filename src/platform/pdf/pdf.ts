// PDF documents with pdfkit and embedded DejaVu fonts (every French accent, ligature and apostrophe).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as Fontkit from 'fontkit';

const require = createRequire(import.meta.url);

// pdfkit and the fonts are loaded by the first document, not at start: loading them is a good share of a
// restart that makes no PDF (decision 017). The fonts are parsed once per process and shared by every
// document (pdfkit takes a parsed font as well as a file): parsing a font costs tens of milliseconds, which
// 500 certificates would otherwise pay 500 times.
let loaded: ReturnType<typeof load> | undefined;
async function load() {
  const [{ default: PDFDocument }, fontkit] = await Promise.all([import('pdfkit'), import('fontkit')]);
  const font = (name: string) => {
    const parsed = fontkit.create(
      readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${name}`)),
    ) as Fontkit.Font;
    // fontkit caches each glyph with the characters it was first asked for, and a document's font subset asks
    // for the parts of a composed glyph (« E » in « É ») with none: every later document sharing the font then
    // lost « E » from its text layer (copy, search, screen readers). Asking first for each glyph by its
    // character caches it with its character: the Latin letters and diacritics (U+0020–U+036F), the parts of
    // the composed glyphs we print, in 3 ms a font (the font's 5 900 characters would take 30 ms).
    for (let codePoint = 0x20; codePoint <= 0x36f; codePoint++) parsed.glyphForCodePoint(codePoint);
    return parsed;
  };
  const fonts = {
    regular: font('DejaVuSans.ttf'),
    bold: font('DejaVuSans-Bold.ttf'),
    serif: font('DejaVuSerif.ttf'),
    serifBold: font('DejaVuSerif-Bold.ttf'),
  };
  return { PDFDocument, fonts };
}

export type Pdf = PDFKit.PDFDocument;

/** Creates a document with the embedded fonts registered, writes it with `draw`, returns its bytes. */
export async function renderPdf(
  options: {
    size?: string;
    layout?: 'portrait' | 'landscape';
    title: string;
    author: string;
    /** Keeps every page open until the end, for `switchToPage` (running heads, page numbers, contents). */
    bufferPages?: boolean;
  },
  draw: (doc: Pdf) => void,
): Promise<Buffer> {
  loaded ??= load();
  const { PDFDocument, fonts } = await loaded;
  const doc = new PDFDocument({
    size: options.size ?? 'A4',
    layout: options.layout ?? 'portrait',
    margin: 50,
    info: { Title: options.title, Author: options.author, Creator: 'Coopdec' },
    lang: 'fr-FR',
    pdfVersion: '1.7',
    tagged: false,
    bufferPages: options.bufferPages ?? false,
  });
  // pdfkit accepts a parsed fontkit font (it checks for `layout`); its typings know only paths and buffers.
  for (const [name, parsed] of Object.entries(fonts)) doc.registerFont(name, parsed as unknown as Buffer);
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    draw(doc);
    doc.end();
  });
}
