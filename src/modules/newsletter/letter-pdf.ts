// The Lettre as a PDF (`/lettre/:id.pdf`), for those who print it or file it: the same words as the web version
// and the mail — editorial, sections and items with the live data of the records they point to, the agenda of
// the period, « autres dates à retenir », the warning against fraudulent mails — on A4 pages numbered « 2 / 5 ».
import { network } from '../../platform/identity.ts';
import { type Pdf, renderPdf } from '../../platform/pdf/pdf.ts';
import { frenchText as t } from '../../platform/typography.ts';
import type { AgendaMonth, LaterDate } from './agenda.ts';
import type { IssueDocument } from './issues.ts';
import type { LiveRecord } from './live.ts';
import { periodOf } from './views/issue.tsx';

const blue = '#1a3d8f';
const ink = '#1e1e1e';
const grey = '#555555';

/** The site's Markdown read as plain text: emphasis dropped, a link written « texte (adresse) ». */
const plain = (markdown: string) =>
  markdown
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '$1 ($2)')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[^*])\*([^*\n]+)\*/g, '$1$2');

const paragraphs = (markdown: string) =>
  plain(markdown)
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);

export function letterPdf(props: {
  document: IssueDocument;
  months: AgendaMonth[];
  later: LaterDate[];
  live: Map<string, LiveRecord>;
  /** The items' images, by image id. */
  images: Map<string, Buffer>;
  baseUrl: string;
}): Promise<Buffer> {
  const { issue, sections } = props.document;
  const n = network();
  const text = (
    doc: Pdf,
    value: string,
    options: { font?: string; size?: number; color?: string; gap?: number } = {},
  ) => {
    doc
      .font(options.font ?? 'serif')
      .fontSize(options.size ?? 10.5)
      .fillColor(options.color ?? ink)
      .text(t(value), { lineGap: 1.5, paragraphGap: options.gap ?? 5 });
  };
  const href = (link: string) => (link.startsWith('/') ? `${props.baseUrl}${link}` : link);
  return renderPdf(
    { title: `${issue.title} — La Lettre de ${n.name}`, author: n.name, bufferPages: true },
    (doc) => {
      text(doc, `La Lettre de ${n.name}`, { font: 'bold', size: 11, color: blue });
      text(doc, issue.title, { font: 'serifBold', size: 22, color: blue, gap: 2 });
      text(doc, `Lettre de la période ${periodOf(issue)}`, {
        font: 'regular',
        size: 10,
        color: grey,
        gap: 14,
      });
      if (issue.editorial) {
        text(doc, 'Éditorial', { font: 'bold', size: 15, color: blue });
        for (const p of paragraphs(issue.editorial)) text(doc, p);
        if (issue.editorialAuthor)
          text(doc, issue.editorialAuthor, { font: 'regular', color: grey, gap: 12 });
      }
      for (const section of sections) {
        doc.moveDown(0.5);
        text(doc, section.title, { font: 'bold', size: 15, color: blue });
        for (const item of section.items) {
          text(doc, item.title, { font: 'serifBold', size: 12, gap: 3 });
          const image = item.imageId ? props.images.get(item.imageId) : undefined;
          if (image) {
            // Within the text's width and a third of a page; on the next page when it does not fit on this one.
            const box: [number, number] = [doc.page.width - 100, 260];
            if (doc.y + box[1] > doc.page.height - doc.page.margins.bottom) doc.addPage();
            doc.image(image, { fit: box });
            doc.moveDown(0.5);
          }
          for (const p of paragraphs(item.body)) text(doc, p);
          const live = props.live.get(item.id);
          if (live)
            text(doc, [`${live.kind} : ${live.title}`, ...live.facts].join('\n'), {
              font: 'regular',
              size: 9.5,
              color: blue,
            });
          if (item.link)
            text(doc, `Pour plus d’informations : ${href(item.link)}`, {
              font: 'regular',
              size: 9.5,
              color: grey,
              gap: 10,
            });
        }
      }
      doc.moveDown(0.5);
      text(doc, 'Agenda', { font: 'bold', size: 15, color: blue });
      if (props.months.length === 0) text(doc, 'Aucun événement du réseau sur la période.');
      for (const month of props.months) {
        text(doc, month.label, { font: 'serifBold', size: 12, gap: 3 });
        for (const day of month.days) {
          text(doc, day.label, { font: 'bold', size: 10, gap: 1 });
          for (const line of day.lines)
            text(doc, `• ${line.title}, ${line.where}${line.audience ? ` (${line.audience})` : ''}`, {
              gap: 2,
            });
        }
      }
      if (props.later.length) {
        text(doc, 'Autres dates à retenir', { font: 'serifBold', size: 12, gap: 3 });
        for (const line of props.later)
          text(
            doc,
            `• ${line.title}, ${line.where}${line.audience ? ` (${line.audience})` : ''}, ${line.when}`,
            { gap: 2 },
          );
      }
      doc.moveDown(1);
      text(
        doc,
        `Vigilance : des courriels frauduleux circulent au nom de membres de l’équipe de ${n.name}. Le réseau ne vous demande jamais vos coordonnées personnelles ni bancaires par courriel. En cas de doute, appelez-nous au ${n.phone}.`,
        { font: 'regular', size: 9.5, color: grey },
      );
      text(doc, `${n.name} · ${n.address} · ${n.phone} · ${n.website}`, {
        font: 'regular',
        size: 9,
        color: grey,
      });
      // « 2 / 5 » at the foot of every page.
      const range = doc.bufferedPageRange();
      for (let i = 0; i < range.count; i++) {
        doc.switchToPage(range.start + i);
        const bottom = doc.page.margins.bottom;
        doc.page.margins.bottom = 0;
        doc
          .font('regular')
          .fontSize(8.5)
          .fillColor(grey)
          .text(`${i + 1} / ${range.count}`, 50, doc.page.height - 35, {
            width: doc.page.width - 100,
            align: 'center',
          });
        doc.page.margins.bottom = bottom;
      }
    },
  );
}
