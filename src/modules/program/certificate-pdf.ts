// The certificate « Auditrice / Auditeur de Cités Unies France » as an A4 PDF, with a QR code to its
// verification page. Every text goes through French typography (no-break spaces before « : ; ! ? » and
// inside « », an elided « d’ » kept with its word).
import { network } from '../../platform/identity.ts';
import { renderPdf } from '../../platform/pdf/pdf.ts';
import { formatDay, parisTime } from '../../platform/time.ts';
import { frenchText } from '../../platform/typography.ts';

/** « 10 février 2027 », « 1er mars 2027 »: the day as a certificate is dated (no weekday). */
export const certificateDay = (day: string) => formatDay(parisTime(day, '12:00')).replace(/^\S+ /, '');

/** « d’Auditrice de … », « de Lauréate … »: the title after « le titre ». */
export const ofTitle = (title: string) => (/^[aeiouyàâéèêîïôûh]/i.test(title) ? `d’${title}` : `de ${title}`);

export interface CertificateContent {
  code: string;
  holderName: string;
  holderMandate: string | null;
  organisationName: string | null;
  /** In the holder's form: « Auditrice de Cités Unies France ». */
  title: string;
  programTitle: string;
  issuedOn: string;
  signatoryName: string | null;
  signatoryTitle: string | null;
  verificationUrl: string;
}

export async function certificatePdf(c: CertificateContent): Promise<Buffer> {
  // Drawn as vector squares: sharp at any zoom, and no PNG to encode for each of 500 certificates.
  const { default: QRCode } = await import('qrcode');
  const qr = QRCode.create(c.verificationUrl, { errorCorrectionLevel: 'M' }).modules;
  const issuer = network().name;
  const t = frenchText;
  return renderPdf({ layout: 'landscape', title: `Certificat — ${c.holderName}`, author: issuer }, (doc) => {
    const width = doc.page.width;
    const height = doc.page.height;
    const blue = '#1a3d8f';
    doc
      .rect(20, 20, width - 40, height - 40)
      .lineWidth(3)
      .stroke(blue);
    doc
      .rect(28, 28, width - 56, height - 56)
      .lineWidth(0.8)
      .stroke(blue);
    doc
      .fillColor(blue)
      .font('serifBold')
      .fontSize(14)
      .text(issuer.toLocaleUpperCase('fr-FR'), 60, 60, {
        width: width - 120,
        align: 'center',
        characterSpacing: 2,
      });
    doc
      .fillColor('#1e1e1e')
      .font('serifBold')
      .fontSize(34)
      .text('Certificat', 60, 105, { width: width - 120, align: 'center' });
    doc
      .font('serif')
      .fontSize(15)
      .text(t(`Parcours d’immersion « Diplomates des territoires » — ${c.programTitle}`), 60, 155, {
        width: width - 120,
        align: 'center',
      });
    doc
      .font('serif')
      .fontSize(13)
      .text('est décerné à', 60, 205, { width: width - 120, align: 'center' });
    doc
      .font('serifBold')
      .fontSize(28)
      .text(t(c.holderName), 60, 230, { width: width - 120, align: 'center' });
    const role = [c.holderMandate, c.organisationName].filter(Boolean).join(', ');
    if (role)
      doc
        .font('serif')
        .fontSize(13)
        .text(t(role), 80, 275, { width: width - 160, align: 'center' });
    // « d’ » goes with the title on its line: never alone at the end of the line above.
    doc
      .font('serif')
      .fontSize(13)
      .text('qui reçoit le titre', 60, 318, { width: width - 120, align: 'center' });
    doc
      .fillColor(blue)
      .font('serifBold')
      .fontSize(20)
      .text(t(ofTitle(c.title)), 60, 340, { width: width - 120, align: 'center' });
    doc
      .fillColor('#1e1e1e')
      .font('serif')
      .fontSize(11)
      .text('pour avoir suivi le cycle de séances du parcours, dont les séances obligatoires.', 60, 372, {
        width: width - 120,
        align: 'center',
      });
    const bottom = height - 150;
    doc
      .font('serif')
      .fontSize(11)
      .text(t(`Fait à Paris, le ${certificateDay(c.issuedOn)}`), 70, bottom);
    if (c.signatoryName) {
      doc
        .font('serifBold')
        .fontSize(12)
        .text(t(c.signatoryName), 70, bottom + 30);
      if (c.signatoryTitle)
        doc
          .font('serif')
          .fontSize(11)
          .text(t(c.signatoryTitle), 70, bottom + 48, { width: 330 });
    }
    // Under the QR code, the code and the address, within the border: a text below the page's bottom
    // margin would make pdfkit open a new page, so each block is given its height (it then never does).
    const cell = 110 / (qr.size + 2);
    const [qrX, qrY] = [width - 190 + cell, bottom - 45 + cell];
    for (let row = 0; row < qr.size; row++) {
      for (let col = 0; col < qr.size; col++) {
        if (qr.get(row, col)) doc.rect(qrX + col * cell, qrY + row * cell, cell, cell);
      }
    }
    doc.fill('#000000');
    doc
      .font('serifBold')
      .fontSize(9)
      .text(t(`Code : ${c.code}`), width - 330, bottom + 70, { width: 280, height: 12, align: 'right' });
    doc
      .font('serif')
      .fontSize(8)
      .text(t('Vérifier ce certificat :'), width - 330, bottom + 83, {
        width: 280,
        height: 10,
        align: 'right',
      });
    doc
      .font('serif')
      .fontSize(8)
      .text(c.verificationUrl, width - 480, bottom + 94, { width: 430, height: 20, align: 'right' });
  });
}
