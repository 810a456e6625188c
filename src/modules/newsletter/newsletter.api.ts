// /api/v1 routes of « La Lettre » (their shape is relied on elsewhere: issue 17).
import { z } from 'zod';
import { defineApiRoute } from '../../platform/http/api.ts';
import type { Services } from '../../platform/services.ts';
import { createIssue, issueInput } from './issues.ts';

export function newsletterApiRoutes(services: Services) {
  const { db } = services;
  return [
    defineApiRoute({
      method: 'POST',
      url: '/api/v1/newsletter/issues',
      tag: 'La Lettre',
      summary:
        'Préparer une Lettre (brouillon) : titre, période (son agenda se génère à partir des événements), éditorial, rubriques et articles',
      body: issueInput,
      allow: (request) => Boolean(request.actor?.staff),
      responses: {
        201: { description: 'Lettre enregistrée en brouillon', schema: z.object({ id: z.uuid() }) },
        403: { description: 'Réservé à l’équipe du réseau' },
      },
      handler: async ({ request }) => {
        const created = await db.transaction((tx) => createIssue(tx, request.body, request.actor!.personId));
        return created.ok ? { id: created.value.issue.id } : created;
      },
    }),
  ];
}
