// The atlas's open data in the API: the public part of every partnership, for anyone (no token).
import { defineApiRoute } from '../../platform/http/api.ts';
import type { Services } from '../../platform/services.ts';
import { openDataDocument, openDataOf } from './open-data.ts';

export function openDataApiRoutes({ db }: Services) {
  return [
    defineApiRoute({
      method: 'GET',
      url: '/api/v1/partnerships/export',
      operationId: 'exportPartnerships',
      summary:
        'Données ouvertes de l’atlas : la partie publique de chaque partenariat (les archivés exceptés), sans descriptions, budgets ni contacts',
      tag: 'Atlas',
      auth: false,
      responses: { 200: { description: 'Tous les partenariats de l’atlas', schema: openDataDocument } },
      handler: () => openDataOf(db),
    }),
  ];
}
