// A country's « Répertoire des partenariats de coopération décentralisée » as a PDF publication (issue 14):
// a cover, a table of contents with page numbers, the introduction, the key figures, the partnerships by
// French région, an index of the French local governments; running heads and « 12 / 200 » on every page but
// the cover. One partnership is never cut across two pages when it fits on one.
import { type Pdf, renderPdf } from '../../platform/pdf/pdf.ts';
import { formatDay } from '../../platform/time.ts';
import { frenchText as t } from '../../platform/typography.ts';
import type { Directory, DirectoryPartnership, DirectoryProject } from './directory.types.ts';

const title = 'Répertoire des partenariats de coopération décentralisée';
const runningTitle = 'Répertoire des partenariats';
const blue = '#1a3d8f';
const ink = '#1e1e1e';
const grey = '#555555';
const lineGap = 1.5;
/** pdfkit's margin on every side (renderPdf); the running head and the page number sit inside it. */
const margin = 50;

type FontName = 'regular' | 'bold' | 'serif' | 'serifBold';

/** A paragraph as drawn and as measured: the same values serve both, so a measure is what the page gets. */
interface Piece {
  text: string;
  font: FontName;
  size: number;
  /** Space above it, in points. */
  before: number;
  indent?: number;
  color?: string;
}

const amountFormats = new Map<string, Intl.NumberFormat>();
/** « 120 000 € », « 2 500 000 F CFA »: whole units, as a directory reads budgets. */
export function formatBudget(cents: number, currency: string): string {
  let format = amountFormats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat('fr-FR', { style: 'currency', currency, maximumFractionDigits: 0 });
    amountFormats.set(currency, format);
  }
  return format.format(Math.round(cents / 100));
}

/** « 30 novembre 2026 », « 1er mars 2027 ». */
const editionDay = (date: Date) => formatDay(date).replace(/^\S+ /, '');

const years = (p: DirectoryProject) =>
  p.endYear === null
    ? `depuis ${p.startYear}`
    : p.endYear === p.startYear
      ? `${p.startYear}`
      : `${p.startYear}–${p.endYear}`;

const frenchSide = (p: DirectoryPartnership) =>
  p.frenchOrganisations.map((o) => (o.departement ? `${o.name} (${o.departement})` : o.name)).join(', ');

const paragraphs = (text: string | null) =>
  (text ?? '')
    .split(/\n\s*\n/)
    .map((s) => s.trim().replace(/\s+/g, ' '))
    .filter(Boolean);

/** A partnership's heading and facts, then one group of pieces per project: the places it may break. */
function partnershipChunks(p: DirectoryPartnership): Piece[][] {
  const head: Piece[] = [
    {
      text: t(`${frenchSide(p)} ↔ ${p.partner.name}${p.partner.region ? ` (${p.partner.region})` : ''}`),
      font: 'bold',
      size: 11,
      before: 0,
      color: blue,
    },
    {
      text: t([p.kind, p.status, p.since === null ? null : `depuis ${p.since}`].filter(Boolean).join(' · ')),
      font: 'regular',
      size: 9,
      before: 3,
      color: grey,
    },
  ];
  if (p.agreement) head.push({ text: t(p.agreement), font: 'regular', size: 9, before: 1, color: grey });
  if (p.themes.length)
    head.push({ text: t(`Thèmes : ${p.themes.join(', ')}`), font: 'regular', size: 9, before: 1 });
  for (const paragraph of paragraphs(p.description))
    head.push({ text: t(paragraph), font: 'serif', size: 9.5, before: 4 });
  const projects = p.projects.map((project, i): Piece[] => {
    const facts = [
      years(project),
      project.budgetCents === null ? null : `budget ${formatBudget(project.budgetCents, project.currency)}`,
      project.place,
    ].filter(Boolean);
    const pieces: Piece[] = [
      ...(i === 0
        ? [{ text: 'Projets', font: 'regular', size: 8.5, before: 7, color: grey } satisfies Piece]
        : []),
      { text: t(project.title), font: 'bold', size: 9.5, before: i === 0 ? 3 : 7, indent: 12 },
      { text: t(facts.join(' · ')), font: 'regular', size: 8.5, before: 1, indent: 12, color: grey },
    ];
    if (project.coFunders.length)
      pieces.push({
        text: t(`Cofinanceurs : ${project.coFunders.join(', ')}`),
        font: 'regular',
        size: 8.5,
        before: 1,
        indent: 12,
        color: grey,
      });
    if (project.themes.length)
      pieces.push({
        text: t(`Thèmes : ${project.themes.join(', ')}`),
        font: 'regular',
        size: 8.5,
        before: 1,
        indent: 12,
        color: grey,
      });
    for (const paragraph of paragraphs(project.description))
      pieces.push({ text: t(paragraph), font: 'serif', size: 9, before: 3, indent: 12 });
    return pieces;
  });
  return [head, ...projects];
}

export async function directoryPdf(directory: Directory): Promise<Buffer> {
  const country = directory.country.name;
  // The contents' pages are kept open (bufferPages) and written once the content is laid out: the number of
  // entries is known before (introduction, figures, each région, index), so the pages they need are reserved
  // up front and nothing after them moves. Laying the 200 pages out twice would double the time.
  return renderPdf(
    { title: `${title} — ${country}`, author: directory.publisher.name, bufferPages: true },
    (doc) => {
      const left = doc.page.margins.left;
      const width = doc.page.width - left - doc.page.margins.right;
      const bottom = () => doc.page.height - doc.page.margins.bottom;
      const page = () => doc.bufferedPageRange().count - 1;

      const measure = (pieces: Piece[]) =>
        pieces.reduce(
          (sum, piece) =>
            sum +
            piece.before +
            doc
              .font(piece.font)
              .fontSize(piece.size)
              .heightOfString(piece.text, { width: width - (piece.indent ?? 0), lineGap }),
          0,
        );
      const draw = (pieces: Piece[]) => {
        for (const piece of pieces) {
          doc.y += piece.before;
          doc
            .font(piece.font)
            .fontSize(piece.size)
            .fillColor(piece.color ?? ink)
            .text(piece.text, left + (piece.indent ?? 0), doc.y, {
              width: width - (piece.indent ?? 0),
              lineGap,
            });
        }
      };
      const heading = (text: string, destination: string) => {
        doc
          .font('serifBold')
          .fontSize(20)
          .fillColor(blue)
          .text(t(text), left, doc.page.margins.top + 10, { width, destination });
        doc.outline.addItem(text);
        doc.moveDown(0.6);
      };

      cover(doc, directory);

      const regions = directory.regions.filter((r) => r.partnerships.length > 0);
      const entries: { label: string; destination: string; page: number }[] = [
        { label: 'Introduction', destination: 'introduction', page: 0 },
        { label: 'Chiffres clés', destination: 'chiffres', page: 0 },
        ...regions.map((r, i) => ({ label: r.name, destination: `region-${i}`, page: 0 })),
        { label: 'Index des collectivités françaises', destination: 'index', page: 0 },
      ];
      const tocTop = margin + 70;
      const tocRow = 18;
      const tocPerPage = Math.floor((doc.page.height - margin - tocTop) / tocRow);
      const tocFirst = page() + 1;
      const tocPages = Math.ceil(entries.length / tocPerPage);
      for (let i = 0; i < tocPages; i++) doc.addPage();
      // The bookmarks follow the pages: the contents' one is added with its first page, before the others.
      doc.switchToPage(tocFirst);
      doc.outline.addItem('Sommaire');
      doc.switchToPage(page());

      const at = (destination: string) => {
        entries.find((e) => e.destination === destination)!.page = page();
      };

      doc.addPage();
      at('introduction');
      heading('Introduction', 'introduction');
      for (const paragraph of directory.introduction) {
        draw([{ text: t(paragraph), font: 'serif', size: 10.5, before: 0 }]);
        doc.moveDown(0.6);
      }

      doc.addPage();
      at('chiffres');
      heading('Chiffres clés', 'chiffres');
      figures(doc, directory, { left, width, bottom });

      // French local governments → the pages where their partnerships start, for the index.
      const index = new Map<string, Set<number>>();
      regions.forEach((region, r) => {
        doc.addPage();
        at(`region-${r}`);
        heading(region.name, `region-${r}`);
        const count = region.partnerships.length;
        doc
          .font('regular')
          .fontSize(9)
          .fillColor(grey)
          .text(`${count} partenariat${count > 1 ? 's' : ''}`, left, doc.y, { width });
        doc.moveDown(0.8);
        for (const partnership of region.partnerships) {
          const chunks = partnershipChunks(partnership);
          const heights = chunks.map(measure);
          const total = heights.reduce((a, b) => a + b, 0);
          const pageHeight = bottom() - doc.page.margins.top;
          // A hair of slack for rounding between measure and drawing.
          if (doc.y + total + 1 > bottom()) doc.addPage();
          for (const [i, chunk] of chunks.entries()) {
            // Longer than a page: it breaks between its projects, a project starting on a new page when it
            // would not fit (one longer than a page still flows over, pdfkit opening the next page).
            if (total + 1 > pageHeight && i > 0 && doc.y + heights[i]! + 1 > bottom()) doc.addPage();
            if (i === 0)
              for (const o of partnership.frenchOrganisations) {
                const key = o.departement ? `${o.name} (${o.departement})` : o.name;
                (index.get(key) ?? index.set(key, new Set()).get(key)!).add(page());
              }
            draw(chunk);
          }
          doc.moveDown(0.4);
          if (doc.y + 12 < bottom()) {
            doc
              .moveTo(left, doc.y)
              .lineTo(left + width, doc.y)
              .lineWidth(0.4)
              .stroke('#b0b0b0');
          }
          doc.y += 10;
        }
      });

      doc.addPage();
      at('index');
      heading('Index des collectivités françaises', 'index');
      indexPages(doc, index, { left, width, bottom });

      const total = page() + 1;
      for (let i = 0; i < tocPages; i++) {
        doc.switchToPage(tocFirst + i);
        if (i === 0) {
          doc
            .font('serifBold')
            .fontSize(20)
            .fillColor(blue)
            .text('Sommaire', left, margin + 10, { width, lineBreak: false });
        }
        entries.slice(i * tocPerPage, (i + 1) * tocPerPage).forEach((entry, row) => {
          const y = tocTop + row * tocRow;
          const number = String(entry.page + 1);
          doc.font('regular').fontSize(11).fillColor(ink);
          const label = t(entry.label);
          const labelWidth = doc.widthOfString(label);
          const numberWidth = doc.widthOfString(number);
          doc.text(label, left, y, { lineBreak: false, goTo: entry.destination });
          const dotWidth = doc.widthOfString('.');
          const dots = Math.max(0, Math.floor((width - labelWidth - numberWidth - 12) / dotWidth));
          doc.fillColor('#888888').text('.'.repeat(dots), left + labelWidth + 6, y, { lineBreak: false });
          doc
            .fillColor(ink)
            .text(number, left + width - numberWidth, y, { lineBreak: false, goTo: entry.destination });
        });
      }

      // Running heads and page numbers, on every page but the cover, once the number of pages is known.
      for (let i = 1; i < total; i++) {
        doc.switchToPage(i);
        doc.font('regular').fontSize(8).fillColor(grey);
        doc.text(runningTitle, left, 28, { lineBreak: false });
        const name = t(country);
        doc.text(name, left + width - doc.widthOfString(name), 28, { lineBreak: false });
        doc
          .moveTo(left, 40)
          .lineTo(left + width, 40)
          .lineWidth(0.4)
          .stroke('#b0b0b0');
        const folio = `${i + 1} / ${total}`;
        doc.text(folio, left + (width - doc.widthOfString(folio)) / 2, doc.page.height - 35, {
          lineBreak: false,
        });
      }
    },
  );
}

function cover(doc: Pdf, directory: Directory) {
  const left = doc.page.margins.left;
  const width = doc.page.width - 2 * left;
  doc.rect(0, 0, doc.page.width, 230).fill(blue);
  doc
    .font('serifBold')
    .fontSize(14)
    .fillColor('#ffffff')
    .text(t(directory.publisher.name).toLocaleUpperCase('fr-FR'), left, 70, { width, characterSpacing: 1.5 });
  doc.font('regular').fontSize(10).text(directory.publisher.url, left, 94, { width });
  doc.font('serifBold').fontSize(28).fillColor(ink).text(t(title), left, 290, { width });
  doc.moveDown(0.5);
  doc.font('serifBold').fontSize(40).fillColor(blue).text(t(directory.country.name), left, doc.y, { width });
  doc.moveDown(0.5);
  doc
    .font('serif')
    .fontSize(13)
    .fillColor(ink)
    .text(`Édition du ${editionDay(directory.editedOn)}`, left, doc.y, { width });
  const f = directory.figures;
  const keyFigures: [number, string, string][] = [
    [f.partnerships, 'partenariat', 'partenariats'],
    [f.activePartnerships, 'actif', 'actifs'],
    [f.frenchOrganisations, 'collectivité française', 'collectivités françaises'],
    [f.projects, 'projet', 'projets'],
  ];
  const column = width / keyFigures.length;
  const y = doc.page.height - 200;
  doc
    .moveTo(left, y - 20)
    .lineTo(left + width, y - 20)
    .lineWidth(0.8)
    .stroke(blue);
  keyFigures.forEach(([value, one, many], i) => {
    const x = left + i * column;
    doc
      .font('serifBold')
      .fontSize(26)
      .fillColor(blue)
      .text(value.toLocaleString('fr-FR'), x, y, { width: column - 10, lineBreak: false });
    doc
      .font('regular')
      .fontSize(10)
      .fillColor(ink)
      .text(value > 1 ? many : one, x, y + 34, { width: column - 10, height: 30 });
  });
}

function figures(doc: Pdf, directory: Directory, box: { left: number; width: number; bottom: () => number }) {
  const { left } = box;
  const f = directory.figures;
  const rows: [string, number][] = [
    ['Partenariats', f.partnerships],
    ['dont actifs', f.activePartnerships],
    ['Collectivités françaises engagées', f.frenchOrganisations],
    ['Projets', f.projects],
  ];
  for (const [label, value] of rows) {
    const y = doc.y;
    doc.font('regular').fontSize(11).fillColor(ink).text(label, left, y, { lineBreak: false });
    const shown = value.toLocaleString('fr-FR');
    doc.font('bold').text(shown, left + 260 - doc.widthOfString(shown), y, { lineBreak: false });
    doc.y = y + 18;
  }
  bars(doc, 'Thèmes des partenariats', 'Nombre de partenariats par thème', f.themes, box);
  bars(
    doc,
    'Cofinanceurs des projets',
    'Nombre de projets par cofinanceur',
    f.coFunders.map((c) => ({ label: c.name, count: c.count })),
    box,
  );
}

/** A titled list of labels, each with a bar in proportion to its count and the count written after it. */
function bars(
  doc: Pdf,
  heading: string,
  caption: string,
  items: { label: string; count: number }[],
  box: { left: number; width: number; bottom: () => number },
) {
  if (!items.length) return;
  const { left, width } = box;
  const row = 16;
  const labelWidth = 210;
  const barMax = width - labelWidth - 50;
  const max = Math.max(...items.map((i) => i.count));
  if (doc.y + 60 + row > box.bottom()) doc.addPage();
  doc.y += 18;
  doc.font('serifBold').fontSize(13).fillColor(blue).text(t(heading), left, doc.y, { width });
  doc
    .font('regular')
    .fontSize(8.5)
    .fillColor(grey)
    .text(t(caption), left, doc.y + 2, { width });
  doc.y += 8;
  for (const item of items) {
    // A long name (a ministry, a programme) wraps under itself: the row grows with it.
    const label = t(item.label);
    const height = Math.max(
      row,
      doc
        .font('regular')
        .fontSize(9.5)
        .heightOfString(label, { width: labelWidth - 8 }) + 4,
    );
    if (doc.y + height > box.bottom()) doc.addPage();
    const y = doc.y;
    doc.fillColor(ink).text(label, left, y, { width: labelWidth - 8 });
    const length = Math.max(1, (barMax * item.count) / max);
    doc.rect(left + labelWidth, y + 1, length, row - 6).fill('#7f9bd6');
    doc
      .font('bold')
      .fontSize(9.5)
      .fillColor(ink)
      .text(item.count.toLocaleString('fr-FR'), left + labelWidth + length + 6, y, { lineBreak: false });
    doc.y = y + height;
  }
}

/** « 12, 31–33, 40 »: page numbers (from 0) as an index prints them, runs of pages as ranges. */
export function pageList(pages: Iterable<number>): string {
  const sorted = [...new Set(pages)].sort((a, b) => a - b).map((p) => p + 1);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const first = sorted[i]!;
    while (sorted[i + 1] === sorted[i]! + 1) i++;
    // A word joiner after the dash: a range never breaks across two lines (« 24– » then « 25 »).
    runs.push(sorted[i] === first ? `${first}` : `${first}–\u2060${sorted[i]}`);
  }
  return runs.join(', ');
}

/** Two columns of « name (département) … 12, 45 », in French alphabetical order. */
function indexPages(
  doc: Pdf,
  index: Map<string, Set<number>>,
  box: { left: number; width: number; bottom: () => number },
) {
  const { left, width } = box;
  const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
  const names = [...index.keys()].sort(collator.compare);
  const gutter = 20;
  const columnWidth = (width - gutter) / 2;
  // A name and its pages side by side, each wrapping in its share of the column: the entry is as tall as the
  // taller of the two.
  const nameWidth = columnWidth * 0.58;
  const pagesWidth = columnWidth - nameWidth - 6;
  let top = doc.y;
  let column = 0;
  let y = top;
  doc.font('regular').fontSize(9).fillColor(ink);
  for (const name of names) {
    const label = t(name);
    const pages = pageList(index.get(name)!);
    const height =
      Math.max(
        doc.heightOfString(label, { width: nameWidth, lineGap }),
        doc.heightOfString(pages, { width: pagesWidth, lineGap }),
      ) + 3;
    if (y + height > box.bottom()) {
      if (column === 0) column = 1;
      else {
        doc.addPage();
        doc.font('regular').fontSize(9).fillColor(ink);
        top = doc.page.margins.top;
        column = 0;
      }
      y = top;
    }
    const x = left + column * (columnWidth + gutter);
    doc.text(label, x, y, { width: nameWidth, lineGap });
    doc.text(pages, x + nameWidth + 6, y, { width: pagesWidth, lineGap, align: 'right' });
    y += height;
  }
  doc.y = y;
}
