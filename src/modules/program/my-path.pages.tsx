// « Mon parcours »: where a participant stands, and their certificate's PDF.
import { z } from 'zod';
import { definePage, message, view } from '../../platform/http/pages.tsx';
import type { Services } from '../../platform/services.ts';
import { uuid } from '../../platform/validation.ts';
import { programMessages as m } from './program.messages.ts';
import { myCertificate, myPathPage } from './program.queries.ts';
import { MyPathPage } from './views/my-path.tsx';

export function myPathPages({ db, config }: Services) {
  return [
    definePage({
      method: 'GET',
      url: '/mon-parcours',
      access: 'signedIn',
      handler: async ({ actor, ctx, notice }) =>
        view(
          <MyPathPage
            ctx={ctx}
            notice={notice}
            {...(await myPathPage(db, actor.personId, config.baseUrl))}
          />,
        ),
    }),
    definePage({
      method: 'GET',
      url: '/mon-parcours/certificat.pdf',
      access: 'signedIn',
      // An edition that is no id reads as none asked: the latest certificate.
      query: z.object({ parcours: uuid.optional().catch(undefined) }),
      handler: async ({ actor, query, reply }) => {
        const certificate = await myCertificate(db, actor, query.parcours);
        if (!certificate) return message(404, 'Aucun certificat', m.noCertificate().text);
        if (certificate.revokedAt) return message(410, 'Certificat révoqué', m.revoked().text);
        if (!certificate.pdf) return message(410, 'Aucun certificat', m.noCertificateFile().text);
        return reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="certificat-${certificate.code}.pdf"`)
          .header('cache-control', 'private, no-store')
          .send(certificate.pdf);
      },
    }),
  ];
}
