// /api/v1 routes of « La Lettre » (their shape is relied on elsewhere: issue 17).
import { z } from 'zod';
import { defineApiRoute } from '../../platform/http/api.ts';
import { fail } from '../../platform/result.ts';
import { secretsKey } from '../../platform/secrets.ts';
import type { Services } from '../../platform/services.ts';
import { uuid } from '../../platform/validation.ts';
import { createIssue, getIssue, issueInput } from './issues.ts';
import { newsletterMessages as m } from './newsletter.messages.ts';
import { progressOf, startSend } from './sending.ts';
import { subscribe } from './subscriptions.ts';

const progress = z.object({ sent: z.number().int(), remaining: z.number().int(), failed: z.number().int() });

export function newsletterApiRoutes(services: Services) {
  const { db, config } = services;
  const staff = (request: { actor?: { staff: boolean } | null }) => Boolean(request.actor?.staff);
  return [
    defineApiRoute({
      method: 'POST',
      url: '/api/v1/newsletter/issues',
      tag: 'La Lettre',
      summary:
        'Préparer une Lettre (brouillon) : titre, période (son agenda se génère à partir des événements), éditorial, rubriques et articles',
      body: issueInput,
      allow: staff,
      responses: {
        201: { description: 'Lettre enregistrée en brouillon', schema: z.object({ id: z.uuid() }) },
        403: { description: 'Réservé à l’équipe du réseau' },
      },
      handler: async ({ request }) => {
        const created = await db.transaction((tx) => createIssue(tx, request.body, request.actor!.personId));
        return created.ok ? { id: created.value.issue.id } : created;
      },
    }),
    defineApiRoute({
      method: 'POST',
      url: '/api/v1/newsletter/subscriptions',
      tag: 'La Lettre',
      summary:
        'S’abonner à La Lettre (double confirmation : un courriel est envoyé à l’adresse, rien d’autre avant sa confirmation) ; la même réponse que l’adresse soit connue ou non',
      auth: false,
      body: z.object({
        email: z.string().max(254),
        segments: z.array(z.string().max(100)).max(100).optional(),
      }),
      responses: {
        202: {
          description:
            'Demande reçue ; un courriel de confirmation part si l’adresse n’est pas encore abonnée',
          schema: z.object({}),
        },
      },
      handler: async ({ body, request }) => {
        const { email, segments } = body;
        const done = await db.transaction((tx) =>
          subscribe(
            tx,
            { email, ...(segments ? { topics: segments } : {}) },
            { method: 'api', source: request.headers['user-agent']?.slice(0, 200) ?? 'API' },
            { baseUrl: config.baseUrl, secretsKey: secretsKey(config) },
          ),
        );
        if (!done.ok) {
          // The domain calls the reader's choices `topics`; this operation's field is `segments`.
          const named = done.error.fields;
          if (!named) return done;
          const fields = Object.fromEntries(
            Object.entries(named).map(([key, text]) => [key.replace(/^topics/, 'segments'), text]),
          );
          return { ...done, error: { ...done.error, fields } };
        }
        services.jobs.poke();
        return {};
      },
    }),
    defineApiRoute({
      method: 'POST',
      url: '/api/v1/newsletter/issues/:id/send',
      tag: 'La Lettre',
      summary:
        'Envoyer une Lettre publiée à un groupe d’abonnés (tous, adherents, elus, agents, groupe:<id>) : chacun une seule fois, même si l’envoi est relancé',
      params: z.object({ id: uuid }),
      body: z.object({ segment: z.string().max(100) }),
      allow: staff,
      responses: {
        202: {
          description: 'Envoi lancé : le nombre de destinataires ajoutés (0 si tous l’ont déjà)',
          schema: z.object({ recipients: z.number().int() }),
        },
        403: { description: 'Réservé à l’équipe du réseau' },
        404: { description: 'Lettre inconnue' },
        409: { description: 'Lettre non publiée (not_published)' },
      },
      handler: async ({ body, params, request }) => {
        const sent = await db.transaction((tx) =>
          startSend(tx, params.id, body.segment, request.actor!.personId, config.baseUrl),
        );
        if (!sent.ok) return sent;
        services.jobs.poke();
        return { recipients: sent.value.recipients };
      },
    }),
    defineApiRoute({
      method: 'GET',
      url: '/api/v1/newsletter/issues/:id/progress',
      tag: 'La Lettre',
      summary: 'Où en est l’envoi d’une Lettre : envoyés, restants, en échec',
      params: z.object({ id: uuid }),
      allow: staff,
      responses: {
        200: { description: 'La progression', schema: progress },
        403: { description: 'Réservé à l’équipe du réseau' },
        404: { description: 'Lettre inconnue' },
      },
      handler: async ({ params }) =>
        (await getIssue(db, params.id)) ? progressOf(db, params.id) : fail(404, 'not_found', m.notFound()),
    }),
  ];
}
