// PDF documents with pdfkit and embedded DejaVu fonts (every French accent, ligature and apostrophe).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);
const font = (name: string) => readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${name}`));
// Read once per process: issuing 500 certificates must not read the fonts 500 times.
const fonts = {
  regular: font('DejaVuSans.ttf'),
  bold: font('DejaVuSans-Bold.ttf'),
  serif: font('DejaVuSerif.ttf'),
  serifBold: font('DejaVuSerif-Bold.ttf'),
};

export type Pdf = PDFKit.PDFDocument;

/** Creates a document with the embedded fonts registered, writes it with `draw`, returns its bytes. */
export function renderPdf(
  options: { size?: string; layout?: 'portrait' | 'landscape'; title: string; author: string },
  draw: (doc: Pdf) => void,
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: options.size ?? 'A4',
    layout: options.layout ?? 'portrait',
    margin: 50,
    info: { Title: options.title, Author: options.author, Creator: 'Coopdec' },
    lang: 'fr-FR',
    pdfVersion: '1.7',
    tagged: false,
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  doc.registerFont('serif', fonts.serif);
  doc.registerFont('serifBold', fonts.serifBold);
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    draw(doc);
    doc.end();
  });
}
