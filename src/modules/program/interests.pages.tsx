// Staff's pages of the expressions of interest: inviting the interested people to apply, the exports.
import { definePage, notFound } from '../../platform/http/pages.tsx';
import { type SheetFormat, sendSheet, sheetFormats } from '../../platform/http/send-sheet.ts';
import { secretsKey } from '../../platform/secrets.ts';
import type { Services } from '../../platform/services.ts';
import type { Column } from '../../platform/sheets/sheets.ts';
import { manageView } from './editions.pages.tsx';
import { inviteInterested, listInterests } from './interest.ts';
import { idParams } from './program.forms.ts';
import { programMessages as m } from './program.messages.ts';
import { programPolicy as policy } from './program.policy.ts';
import { getProgram } from './programs.ts';
import type { InterestRow } from './views/interests.tsx';

const interestColumns: Column<InterestRow>[] = [
  { header: 'Prénom', value: (i) => i.firstName },
  { header: 'Nom', value: (i) => i.lastName },
  { header: 'Adresse électronique', value: (i) => i.email },
  { header: 'Collectivité', value: (i) => i.organisationName },
  { header: 'Mandat', value: (i) => i.mandate },
  { header: 'Reçue le', type: 'date', value: (i) => i.createdAt },
  { header: 'Confirmée le', type: 'date', value: (i) => i.confirmedAt },
  { header: 'Invitée le', type: 'date', value: (i) => i.invitedAt },
];

export function interestsPages(services: Services) {
  const { db, config } = services;
  const exportOf = (format: SheetFormat) =>
    definePage({
      method: 'GET',
      url: `/gestion/parcours/:id/interets.${format}`,
      access: policy.manage,
      params: idParams,
      handler: async ({ params, reply }) => {
        const program = await getProgram(db, params.id);
        if (!program) return notFound(m.programGone().text);
        const rows = await listInterests(db, program.id);
        return sendSheet(reply, {
          name: 'interets',
          format,
          title: 'Intérêts',
          columns: interestColumns,
          rows,
        });
      },
    });

  return [
    definePage({
      method: 'POST',
      url: '/gestion/parcours/:id/invitations',
      access: policy.manage,
      params: idParams,
      handler: async ({ actor, params, ctx }) => {
        const program = await getProgram(db, params.id);
        if (!program) return notFound(m.programGone().text);
        const result = await db.transaction((tx) =>
          inviteInterested(tx, program.id, actor.personId, {
            baseUrl: config.baseUrl,
            secretsKey: secretsKey(config),
          }),
        );
        services.jobs.poke();
        if (!result.ok)
          return manageView(db, ctx, program, actor, {
            notice: result.error.message,
            status: result.error.status,
          });
        const count = result.value;
        const notice = count === 0 ? m.nobodyToInvite().text : m.invited({ count }).text;
        return manageView(db, ctx, program, actor, { notice });
      },
    }),
    ...sheetFormats.map(exportOf),
  ];
}
