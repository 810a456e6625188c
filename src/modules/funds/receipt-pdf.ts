// A contribution's acknowledgement (« reçu ») as an A4 PDF: who we are, its number, the contributor, the fund,
// the amount, the day the money arrived, the references, and that it is no tax receipt. A reversed receipt
// says so: the document stays, as its ledger lines do.
import { network } from '../../platform/identity.ts';
import { formatCents } from '../../platform/money.ts';
import { renderPdf } from '../../platform/pdf/pdf.ts';
import { formatDate } from '../../platform/time.ts';
import { frenchText as t } from '../../platform/typography.ts';
import { fundsMessages as m } from './funds.messages.ts';
import type { ReceiptDocument } from './queries.ts';

export async function receiptPdf({
  receipt,
  fund,
  contributorName,
  pledges,
}: ReceiptDocument): Promise<Buffer> {
  const us = network();
  const title = m.receiptTitle({ number: receipt.number }).text;
  return renderPdf({ title: `${title} — ${contributorName}`, author: us.name }, (doc) => {
    const left = 60;
    const width = doc.page.width - 2 * left;
    const blue = '#1a3d8f';
    const ink = '#1e1e1e';
    doc.fillColor(blue).font('bold').fontSize(14).text(t(us.name), left, 60, { width });
    doc
      .fillColor(ink)
      .font('regular')
      .fontSize(9)
      .text(t(`${us.address} · ${us.phone} · ${us.email}`), { width })
      .text(us.website, { width });
    doc.moveDown(2);
    doc.font('bold').fontSize(22).text(t(title), { width });
    doc
      .font('regular')
      .fontSize(11)
      .text(t(`Fonds de solidarité « ${fund.name} »`), { width });
    if (receipt.reversedOn) {
      doc
        .moveDown(0.5)
        .fillColor('#a11a1a')
        .font('bold')
        .fontSize(12)
        .text(t(`Reçu annulé par contre-passation le ${formatDate(receipt.reversedOn)}.`), { width })
        .fillColor(ink);
    }
    doc.moveDown(1.5);
    const line = (label: string, value: string) => {
      doc
        .font('bold')
        .fontSize(11)
        .text(t(`${label} :`), { width, continued: true });
      doc.font('regular').text(` ${t(value)}`, { width });
      doc.moveDown(0.3);
    };
    line('Reçu de', contributorName);
    line('Montant reçu', formatCents(receipt.amountCents));
    line('Reçu le', formatDate(receipt.receivedOn));
    line('Référence du virement', receipt.reference ?? '—');
    for (const pledge of pledges) {
      const decided = pledge.decidedOn ? ` du ${formatDate(pledge.decidedOn)}` : '';
      line(
        'Promesse de contribution',
        `${pledge.reference ?? 'sans référence'}${decided} (${formatCents(pledge.amountCents)})`,
      );
    }
    doc.moveDown(1.5);
    doc
      .font('regular')
      .fontSize(11)
      .text(
        t(
          `${us.name} accuse réception de cette contribution au fonds « ${fund.name} », dont l’emploi est décidé par le comité des donateurs et rendu public sur la page du fonds.`,
        ),
        { width },
      );
    doc.moveDown(1);
    doc.font('bold').fontSize(10).text(t(m.receiptNotTaxReceipt().text), { width });
    doc.moveDown(2);
    doc
      .font('regular')
      .fontSize(9)
      .fillColor('#555555')
      .text(t(`Reçu n° ${receipt.number}, enregistré le ${formatDate(receipt.recordedAt)}.`), { width });
  });
}
