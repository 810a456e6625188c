// /api/v1 routes of « Diplomates des territoires ». Thin: parse, authorise, call, answer.
import { z } from 'zod';
import { defineApiRoute } from '../../platform/http/api.ts';
import { fail } from '../../platform/result.ts';
import { secretsKey } from '../../platform/secrets.ts';
import type { Services } from '../../platform/services.ts';
import { uuid } from '../../platform/validation.ts';
import { getPerson } from '../organisations/people.ts';
import { applicationInput, applyToProgram } from './applications.ts';
import { certificateOf, getCertificate, issueCertificates, verifyCertificate } from './certificates.ts';
import { codePattern } from './program.forms.ts';
import { programMessages as m } from './program.messages.ts';
import { programPolicy as policy } from './program.policy.ts';
import { addSession, createProgram, getProgram, programInput, sessionInput } from './programs.ts';
import { participantProgress, standings } from './progress.ts';

const forbidden = () => fail(403, 'forbidden', m.forbidden());
const idParams = z.object({ id: uuid });
const codeParams = z.object({ code: z.string().regex(codePattern, m.certificateCode().text) });

export function programApiRoutes(services: Services) {
  const { db, config } = services;
  return [
    defineApiRoute({
      method: 'POST',
      url: '/api/v1/programs',
      tag: 'Parcours',
      summary: 'Créer une édition du parcours (« promotion 2026-2027 »)',
      body: programInput,
      allow: (request) => policy.manage(request.actor),
      responses: {
        201: {
          description: 'Édition créée',
          schema: z.object({ id: z.uuid(), title: z.string(), minSessions: z.number() }),
        },
        403: { description: 'Réservé à l’équipe du réseau' },
      },
      handler: async ({ request }) => {
        const result = await db.transaction((tx) => createProgram(tx, request.body, request.actor!.personId));
        return result.ok
          ? { id: result.value.id, title: result.value.title, minSessions: result.value.minSessions }
          : result;
      },
    }),
    defineApiRoute({
      method: 'POST',
      url: '/api/v1/programs/:id/sessions',
      tag: 'Parcours',
      summary: 'Faire d’un événement de l’agenda une séance du parcours',
      params: idParams,
      body: sessionInput,
      allow: (request) => policy.manage(request.actor),
      responses: {
        201: {
          description: 'Séance ajoutée',
          schema: z.object({
            id: z.uuid(),
            eventId: z.uuid(),
            mandatory: z.boolean(),
            cohortOnly: z.boolean(),
          }),
        },
        404: { description: 'Parcours introuvable' },
        409: { description: 'Déjà une séance' },
        422: { description: 'Événement introuvable' },
      },
      handler: async ({ params, body, request }) => {
        const result = await db.transaction((tx) => addSession(tx, params.id, body, request.actor!.personId));
        return result.ok
          ? {
              id: result.value.id,
              eventId: result.value.eventId,
              mandatory: result.value.mandatory,
              cohortOnly: result.value.cohortOnly,
            }
          : result;
      },
    }),
    defineApiRoute({
      method: 'POST',
      url: '/api/v1/programs/:id/applications',
      tag: 'Parcours',
      summary: 'Candidater (l’élu lui-même, le référent de sa collectivité, ou l’équipe)',
      params: idParams,
      body: applicationInput,
      responses: {
        201: {
          description: 'Candidature déposée',
          schema: z.object({ id: z.uuid(), status: z.literal('submitted') }),
        },
        403: {
          description:
            'Pas élu d’une collectivité adhérente (code not_eligible), ou pas le droit de candidater pour cette personne (code forbidden)',
        },
        404: { description: 'Parcours ou personne introuvable' },
        409: { description: 'Déjà candidat' },
        422: { description: 'Hors de la période de candidature' },
      },
      handler: async ({ params, body, request }) => {
        const person = await getPerson(db, body.personId);
        if (!person) return fail(404, 'not_found', m.personNotFound());
        if (!policy.actFor(request.actor, person)) return forbidden();
        const result = await db.transaction((tx) =>
          applyToProgram(tx, params.id, body, request.actor!.personId),
        );
        return result.ok ? { id: result.value.id, status: 'submitted' as const } : result;
      },
    }),
    defineApiRoute({
      method: 'GET',
      url: '/api/v1/programs/:id/participants/:personId',
      tag: 'Parcours',
      summary: 'Avancement d’un participant (présences comptées dans l’agenda)',
      params: z.object({ id: uuid, personId: uuid }),
      responses: {
        200: {
          description: 'L’avancement',
          schema: z.object({
            attended: z.number(),
            mandatoryAttended: z.number(),
            mandatoryTotal: z.number(),
            minSessions: z.number(),
            eligible: z.boolean(),
            standing: z
              .enum(standings)
              .describe(
                'eligible : conditions remplies ; on_track : en bonne voie ; at_risk : encore possible, sans marge ; out_of_reach : ne peut plus obtenir le certificat avec les séances qui restent',
              ),
            certified: z.boolean().describe('Un certificat (non révoqué) est délivré'),
            left: z.number().describe('Séances pas encore commencées (les séances annulées ne comptent pas)'),
          }),
        },
        403: { description: 'Ni cette personne, ni son référent, ni l’équipe du réseau' },
        404: { description: 'Introuvable' },
      },
      handler: async ({ params, request }) => {
        const program = await getProgram(db, params.id);
        const person = await getPerson(db, params.personId);
        if (!program || !person) return fail(404, 'not_found', m.programOrPersonNotFound());
        if (!policy.actFor(request.actor, person)) return forbidden();
        const [p, certificate] = await Promise.all([
          participantProgress(db, program, person.id),
          certificateOf(db, program.id, person.id),
        ]);
        return {
          attended: p.attended,
          mandatoryAttended: p.mandatoryAttended,
          mandatoryTotal: p.mandatoryTotal,
          minSessions: p.minSessions,
          eligible: p.eligible,
          standing: p.standing,
          certified: Boolean(certificate && !certificate.revokedAt),
          left: p.left,
        };
      },
    }),
    defineApiRoute({
      method: 'POST',
      url: '/api/v1/programs/:id/certificates',
      tag: 'Parcours',
      summary:
        'Délivrer les certificats à tous les participants éligibles qui n’en ont pas (idempotent) ; avant la remise des certificats, seulement avec {"early": true}',
      operationId: 'issueProgramCertificates',
      params: idParams,
      body: z.object({
        early: z
          .boolean({ error: m.trueOrFalse().text })
          .optional()
          .describe('Délivrer avant la date de remise (ils seront datés du jour de la remise)'),
      }),
      allow: (request) => policy.manage(request.actor),
      responses: {
        201: {
          description: 'Les certificats délivrés par cet appel',
          schema: z.array(z.object({ code: z.string(), personId: z.uuid() })),
        },
        404: { description: 'Parcours introuvable' },
        422: {
          description:
            'Avant la date de remise des certificats (ou, sans date, avant la fin des séances), sans {"early": true} (code early)',
        },
      },
      handler: async ({ params, body, request }) => {
        const result = await issueCertificates(
          db,
          params.id,
          request.actor!.personId,
          { baseUrl: config.baseUrl, secretsKey: secretsKey(config) },
          { early: body.early === true },
        );
        if (result.ok) return result.value;
        if (result.error.code !== 'early') return result;
        return fail(422, 'early', m.earlyApi({ reason: result.error.message }));
      },
    }),
    defineApiRoute({
      method: 'GET',
      url: '/api/v1/certificates/:code',
      tag: 'Parcours',
      summary: 'Vérifier un certificat (public)',
      operationId: 'verifyCertificate',
      auth: false,
      params: codeParams,
      responses: {
        200: {
          description: 'Valide ou révoqué',
          schema: z.object({
            valid: z.boolean(),
            holder: z
              .string()
              .nullable()
              .describe('Null quand le nom a été effacé à la demande de la personne'),
            erased: z.boolean(),
            title: z.string(),
            program: z.string(),
            issuedOn: z.string(),
          }),
        },
        404: { description: 'Aucun certificat ne porte ce code' },
      },
      handler: async ({ params }) => {
        const verified = await verifyCertificate(db, params.code);
        if (!verified) return fail(404, 'not_found', m.noCertificateWithCode());
        return {
          valid: verified.valid,
          holder: verified.holder,
          erased: verified.erased,
          title: verified.title,
          program: verified.program,
          issuedOn: verified.issuedOn,
        };
      },
    }),
    defineApiRoute({
      method: 'GET',
      url: '/api/v1/certificates/:code/pdf',
      tag: 'Parcours',
      summary: 'Le certificat en PDF (son titulaire et l’équipe)',
      params: codeParams,
      responses: {
        200: { description: 'Le certificat', mediaType: 'application/pdf' },
        403: { description: 'Ni son titulaire, ni l’équipe du réseau' },
        404: { description: 'Introuvable' },
        410: {
          description:
            'Révoqué : il ne se télécharge plus (code revoked) ; nom effacé à la demande de la personne (code erased)',
        },
      },
      handler: async ({ params, request, reply }) => {
        const certificate = await getCertificate(db, params.code);
        if (!certificate) return fail(404, 'not_found', m.noCertificateWithCode());
        if (!policy.downloadCertificate(request.actor, certificate)) return forbidden();
        if (certificate.revokedAt) return fail(410, 'revoked', m.revokedNoDownload());
        if (!certificate.pdf) return fail(410, 'erased', m.noCertificateFile());
        return reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="certificat-${certificate.code}.pdf"`)
          .send(certificate.pdf);
      },
    }),
  ];
}
