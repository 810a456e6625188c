// Staff's pages of an edition's cohort: attendance against the rule, its exports, issuing the certificates,
// revoking one.
import { z } from 'zod';
import type { Executor } from '../../platform/db/client.ts';
import {
  definePage,
  message,
  notFound,
  type PageOutcome,
  redirect,
  view,
} from '../../platform/http/pages.tsx';
import { type SheetFormat, sendSheet, sheetFormats } from '../../platform/http/send-sheet.ts';
import { secretsKey } from '../../platform/secrets.ts';
import type { Services } from '../../platform/services.ts';
import type { Column } from '../../platform/sheets/sheets.ts';
import type { PageContext } from '../../platform/views/layout.tsx';
import {
  earlyMessage,
  getCertificate,
  issuance as issuanceOf,
  issuanceTiming,
  issueCertificates,
  revokeCertificate,
} from './certificates.ts';
import { codePattern, idParams } from './program.forms.ts';
import { programMessages as m, programNotices as notices } from './program.messages.ts';
import { programPolicy as policy } from './program.policy.ts';
import { cohortRows } from './program.queries.ts';
import { getProgram, type Program } from './programs.ts';
import { CohortPage, type CohortRow } from './views/cohort.tsx';
import { attendanceInWords, cohortStandingLabel } from './views/parts.tsx';

// The count in words, as on the page; the numbers beside it stay, as before, for sorting and sums in a sheet.
const cohortColumns: Column<CohortRow>[] = [
  { header: 'Nom', value: (r) => r.name },
  { header: 'Adresse électronique', value: (r) => r.email },
  { header: 'Collectivité', value: (r) => r.organisationName ?? '' },
  { header: 'Région', value: (r) => r.regionName ?? '' },
  { header: 'Présences', value: (r) => attendanceInWords(r.outcome) },
  { header: 'Séances suivies', type: 'number', value: (r) => r.outcome.attended },
  { header: 'Séances exigées', type: 'number', value: (r) => r.outcome.minSessions },
  { header: 'Obligatoires suivies', type: 'number', value: (r) => r.outcome.mandatoryAttended },
  { header: 'Obligatoires', type: 'number', value: (r) => r.outcome.mandatoryTotal },
  { header: 'Situation', value: (r) => cohortStandingLabel(r.outcome.standing, r.certificate) },
  { header: 'Certificat', value: (r) => r.certificate?.code ?? '' },
];

/** The cohort's page; after issuing, how many; after a refused form, its error. */
async function cohortView(
  executor: Executor,
  ctx: PageContext,
  program: Program,
  extra: {
    issued?: number;
    issueError?: string;
    revocationError?: { code: string; message: string };
    notice?: string | undefined;
  } = {},
  status = 200,
): Promise<PageOutcome> {
  const now = new Date();
  const [rows, timing] = await Promise.all([
    cohortRows(executor, program, now),
    issuanceTiming(executor, program, now),
  ]);
  const issuance = {
    early: timing.early,
    reason: timing.early ? earlyMessage(timing).text : undefined,
    issuedOn: issuanceOf(program, now).issuedOn,
  };
  return view(<CohortPage ctx={ctx} program={program} rows={rows} issuance={issuance} {...extra} />, status);
}

export function cohortPages({ db, config }: Services) {
  const exportOf = (format: SheetFormat) =>
    definePage({
      method: 'GET',
      url: `/gestion/parcours/:id/promotion.${format}`,
      access: policy.manage,
      params: idParams,
      handler: async ({ params, reply }) => {
        const program = await getProgram(db, params.id);
        if (!program) return notFound(m.programGone().text);
        const rows = await cohortRows(db, program);
        return sendSheet(reply, {
          name: 'promotion',
          format,
          title: 'Promotion',
          columns: cohortColumns,
          rows,
        });
      },
    });

  return [
    definePage({
      method: 'GET',
      url: '/gestion/parcours/:id/promotion',
      access: policy.manage,
      params: idParams,
      handler: async ({ params, ctx, notice }) => {
        const program = await getProgram(db, params.id);
        if (!program) return notFound(m.programGone().text);
        return cohortView(db, ctx, program, { notice });
      },
    }),
    ...sheetFormats.map(exportOf),
    definePage({
      method: 'POST',
      url: '/gestion/parcours/:id/certificats',
      access: policy.manage,
      params: idParams,
      handler: async ({ actor, params, form, ctx }) => {
        const program = await getProgram(db, params.id);
        if (!program) return notFound(m.programGone().text);
        const result = await issueCertificates(
          db,
          program.id,
          actor.personId,
          { baseUrl: config.baseUrl, secretsKey: secretsKey(config) },
          { early: form.early === 'oui' },
        );
        if (result.ok) return cohortView(db, ctx, program, { issued: result.value.length });
        if (result.error.code === 'early')
          return cohortView(db, ctx, program, { issueError: m.confirmEarly().text }, 422);
        return message(result.error.status, 'Certificats non délivrés', result.error.message);
      },
    }),
    definePage({
      method: 'POST',
      url: '/gestion/certificats/:code/revocation',
      access: policy.manage,
      params: z.object({ code: z.string() }),
      handler: async ({ actor, params, form, ctx }) => {
        const code = params.code.toUpperCase();
        const certificate = codePattern.test(code) ? await getCertificate(db, code) : undefined;
        const program = certificate ? await getProgram(db, certificate.programId) : undefined;
        if (!certificate || !program) return notFound(m.certificateGone().text);
        const result = await db.transaction((tx) =>
          revokeCertificate(tx, code, form.reason ?? '', actor.personId),
        );
        if (result.ok)
          return redirect(
            `/gestion/parcours/${program.id}/promotion#revocation`,
            notices.certificate_revoked,
          );
        return cohortView(
          db,
          ctx,
          program,
          { revocationError: { code, message: result.error.message } },
          result.error.status,
        );
      },
    }),
  ];
}
