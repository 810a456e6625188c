// /api/v1 routes of the solidarity funds (their shape is relied on elsewhere: issue 15). Thin: parse,
// authorise, call the domain in one transaction.
import { z } from 'zod';
import { defineApiRoute } from '../../platform/http/api.ts';
import { fail } from '../../platform/result.ts';
import type { Services } from '../../platform/services.ts';
import { optional, uuid } from '../../platform/validation.ts';
import {
  contributorsOf,
  pledgeInput,
  type Receipt,
  receiptInput,
  recordPledge,
  recordReceipt,
} from './contributions.ts';
import { fundsMessages as m } from './funds.messages.ts';
import { fundsPolicy as policy } from './funds.policy.ts';
import { fundStatuses } from './funds.schema.ts';
import { createFund, type Fund, fundInput, getFund, listFunds } from './funds.ts';
import { balancesOf } from './ledger.ts';
import {
  allocate,
  allocationInput,
  closeFund,
  closureInput,
  disburse,
  disbursementInput,
  reversalInput,
  reverse,
} from './projects.ts';

const idParams = z.object({ id: uuid });
const groupParams = z.object({ groupId: uuid });
const staffOnly = { description: 'Réservé à l’équipe du réseau' };
const notFound = { description: 'Introuvable' };
const closed = 'fonds clôturé (code fund_closed)';

const fundOut = z.object({
  id: z.uuid(),
  name: z.string(),
  status: z.enum(fundStatuses),
  pledgedCents: z.number().int().describe('Promesses de contribution (délibérations), en centimes'),
  receivedCents: z.number().int().describe('Versements reçus, en centimes'),
  allocatedCents: z.number().int().describe('Affecté aux projets par le comité, en centimes'),
  disbursedCents: z.number().int().describe('Versé aux projets, en centimes'),
  availableCents: z
    .number()
    .int()
    .describe('Disponible = reçu − versé − affecté restant à verser, en centimes'),
  contributors: z.number().int().describe('Organisations qui ont promis ou versé'),
});

const movementOut = z.object({
  id: z.uuid().describe('Le groupe d’écritures du mouvement (à contre-passer par son id)'),
  kind: z.enum(['pledge', 'receipt', 'allocation', 'disbursement', 'reversal']),
  occurredOn: z.string(),
});

const receiptOut = movementOut.extend({
  receiptNumber: z.string().describe('Numéro du reçu, sans trou par année : « 2026-0007 »'),
  organisationId: z.uuid(),
  amountCents: z.number().int(),
  receivedOn: z.string(),
  reference: z.string().nullable(),
});

const receiptJson = (receipt: Receipt) => ({
  id: receipt.groupId,
  kind: 'receipt' as const,
  occurredOn: receipt.receivedOn,
  receiptNumber: receipt.number,
  organisationId: receipt.organisationId,
  amountCents: receipt.amountCents,
  receivedOn: receipt.receivedOn,
  reference: receipt.reference,
});

export function fundsApiRoutes({ db }: Services) {
  const summary = async (fund: Fund) => {
    const [balances, contributors] = await Promise.all([
      balancesOf(db, fund.id),
      contributorsOf(db, fund.id),
    ]);
    const { bankCents: _, committedCents: __, ...figures } = balances;
    return {
      id: fund.id,
      name: fund.name,
      status: fund.status,
      ...figures,
      contributors: contributors.length,
    };
  };
  const movementJson = (group: { id: string; kind: string; occurredOn: string }) => ({
    id: group.id,
    kind: group.kind,
    occurredOn: group.occurredOn,
  });

  return [
    defineApiRoute({
      method: 'POST',
      url: '/api/v1/funds',
      tag: 'Fonds de solidarité',
      summary: 'Ouvrir un fonds de solidarité',
      body: fundInput,
      allow: (request) => policy.manage(request.actor),
      responses: { 201: { description: 'Fonds ouvert', schema: fundOut }, 403: staffOnly },
      handler: async ({ request }) => {
        const result = await db.transaction((tx) => createFund(tx, request.body, request.actor!.personId));
        return result.ok ? summary(result.value) : result;
      },
    }),
    defineApiRoute({
      method: 'GET',
      url: '/api/v1/funds',
      tag: 'Fonds de solidarité',
      summary: 'Lister les fonds et leurs chiffres (status : open ou closed)',
      query: z.object({ status: optional(z.enum(fundStatuses)) }),
      responses: { 200: { description: 'Les fonds', schema: z.object({ items: z.array(fundOut) }) } },
      handler: async ({ query }) => ({
        items: await Promise.all((await listFunds(db, { status: query.status })).map(summary)),
      }),
    }),
    defineApiRoute({
      method: 'GET',
      url: '/api/v1/funds/:id',
      tag: 'Fonds de solidarité',
      summary: 'Lire un fonds et ses chiffres, tous calculés depuis le grand livre',
      params: idParams,
      responses: { 200: { description: 'Le fonds', schema: fundOut }, 404: notFound },
      handler: async ({ params }) => {
        const fund = await getFund(db, params.id);
        return fund ? summary(fund) : fail(404, 'not_found', m.fundNotFound());
      },
    }),
    defineApiRoute({
      method: 'POST',
      url: '/api/v1/funds/:id/pledges',
      tag: 'Fonds de solidarité',
      summary: 'Enregistrer la promesse de contribution d’une organisation (sa délibération)',
      params: idParams,
      body: pledgeInput,
      allow: (request) => policy.manage(request.actor),
      responses: {
        200: {
          description:
            'Déjà enregistré sous cette idempotencyKey : le même mouvement, rien d’écrit deux fois',
          schema: movementOut,
        },
        201: { description: 'Promesse enregistrée', schema: movementOut },
        403: staffOnly,
        404: notFound,
        409: { description: 'Clé d’idempotence d’un autre mouvement (code idempotency_conflict)' },
        422: { description: `Organisation inconnue (code unknown_organisation) ; ${closed}` },
      },
      handler: async ({ params, request, reply }) => {
        const result = await db.transaction((tx) =>
          recordPledge(tx, params.id, request.body, request.actor!.personId),
        );
        if (!result.ok) return result;
        return reply.code(result.value.created ? 201 : 200).send(movementJson(result.value.group));
      },
    }),
    defineApiRoute({
      method: 'POST',
      url: '/api/v1/funds/:id/receipts',
      tag: 'Fonds de solidarité',
      summary:
        'Enregistrer un versement reçu (avec ou sans promesse) : il reçoit le numéro de reçu suivant de l’année ; la même idempotencyKey répond 200 avec le même reçu',
      params: idParams,
      body: receiptInput,
      allow: (request) => policy.manage(request.actor),
      responses: {
        200: { description: 'Déjà enregistré sous cette idempotencyKey : le même reçu', schema: receiptOut },
        201: { description: 'Versement enregistré', schema: receiptOut },
        403: staffOnly,
        404: notFound,
        409: { description: 'Clé d’idempotence d’un autre mouvement (code idempotency_conflict)' },
        422: { description: `Organisation inconnue (code unknown_organisation) ; ${closed}` },
      },
      handler: async ({ params, request, reply }) => {
        const result = await db.transaction((tx) =>
          recordReceipt(tx, params.id, request.body, request.actor!.personId),
        );
        if (!result.ok) return result;
        return reply.code(result.value.created ? 201 : 200).send(receiptJson(result.value.receipt));
      },
    }),
    defineApiRoute({
      method: 'POST',
      url: '/api/v1/funds/:id/allocations',
      tag: 'Fonds de solidarité',
      summary: 'Affecter une somme à un projet (bénéficiaire, objet, pays) dans la limite du disponible',
      params: idParams,
      body: allocationInput,
      allow: (request) => policy.manage(request.actor),
      responses: {
        200: {
          description:
            'Déjà enregistré sous cette idempotencyKey : le même mouvement, rien d’écrit deux fois',
          schema: movementOut.extend({ allocationId: z.uuid() }),
        },
        201: {
          description: 'Affectation enregistrée',
          schema: movementOut.extend({ allocationId: z.uuid() }),
        },
        403: staffOnly,
        404: notFound,
        409: { description: 'Clé d’idempotence d’un autre mouvement (code idempotency_conflict)' },
        422: {
          description: `Au-delà du disponible (code insufficient_funds, message avec les montants) ; ${closed}`,
        },
      },
      handler: async ({ params, request, reply }) => {
        const result = await db.transaction((tx) =>
          allocate(tx, params.id, request.body, request.actor!.personId),
        );
        if (!result.ok) return result;
        const body = { ...movementJson(result.value.group), allocationId: result.value.allocation.id };
        return reply.code(result.value.created ? 201 : 200).send(body);
      },
    }),
    defineApiRoute({
      method: 'POST',
      url: '/api/v1/allocations/:id/disbursements',
      tag: 'Fonds de solidarité',
      summary:
        'Enregistrer un paiement à un projet, jamais au-delà de ce qui reste à verser sur son affectation',
      params: idParams,
      body: disbursementInput,
      allow: (request) => policy.manage(request.actor),
      responses: {
        200: {
          description:
            'Déjà enregistré sous cette idempotencyKey : le même mouvement, rien d’écrit deux fois',
          schema: movementOut,
        },
        201: { description: 'Paiement enregistré', schema: movementOut },
        403: staffOnly,
        404: notFound,
        409: { description: 'Clé d’idempotence d’un autre mouvement (code idempotency_conflict)' },
        422: { description: `Au-delà du reste à verser (code beyond_allocation) ; ${closed}` },
      },
      handler: async ({ params, request, reply }) => {
        const result = await db.transaction((tx) =>
          disburse(tx, params.id, request.body, request.actor!.personId),
        );
        if (!result.ok) return result;
        const body = movementJson(result.value.group);
        return reply.code(result.value.created ? 201 : 200).send(body);
      },
    }),
    defineApiRoute({
      method: 'POST',
      url: '/api/v1/ledger/:groupId/reversal',
      tag: 'Fonds de solidarité',
      operationId: 'reverseLedgerGroup',
      summary:
        'Contre-passer un mouvement (ses écritures inversées, qui le nomment) : c’est ainsi qu’une erreur se corrige',
      params: groupParams,
      body: reversalInput,
      allow: (request) => policy.manage(request.actor),
      responses: {
        200: {
          description:
            'Déjà enregistré sous cette idempotencyKey : le même mouvement, rien d’écrit deux fois',
          schema: movementOut.extend({ reversesId: z.uuid() }),
        },
        201: {
          description: 'Contre-passation enregistrée',
          schema: movementOut.extend({ reversesId: z.uuid() }),
        },
        403: staffOnly,
        404: notFound,
        409: { description: 'Déjà contre-passé (code already_reversed)' },
        422: {
          description: `Une contre-passation ne se contre-passe pas (code cannot_reverse_reversal) ; affectation déjà payée (code allocation_paid) ; versement déjà affecté (code insufficient_funds) ; ${closed}`,
        },
      },
      handler: async ({ params, request, reply }) => {
        const result = await db.transaction((tx) =>
          reverse(tx, params.groupId, request.body, request.actor!.personId),
        );
        if (!result.ok) return result;
        const body = { ...movementJson(result.value.group), reversesId: params.groupId };
        return reply.code(result.value.created ? 201 : 200).send(body);
      },
    }),
    defineApiRoute({
      method: 'POST',
      url: '/api/v1/funds/:id/close',
      tag: 'Fonds de solidarité',
      summary:
        'Clôturer un fonds : rien ne doit rester disponible ni à verser (finalAllocation affecte et verse le reste) ; ensuite, tout mouvement répond 422 fund_closed',
      params: idParams,
      body: closureInput,
      allow: (request) => policy.manage(request.actor),
      responses: {
        200: { description: 'Fonds clôturé, rapport final publié', schema: fundOut },
        403: staffOnly,
        404: notFound,
        422: {
          description: `Solde non affecté ou affectations non versées (code not_settled, message avec les montants) ; rien à affecter (code nothing_left) ; ${closed}`,
        },
      },
      handler: async ({ params, request }) => {
        const result = await db.transaction((tx) =>
          closeFund(tx, params.id, request.body, request.actor!.personId),
        );
        return result.ok ? summary(result.value) : result;
      },
    }),
  ];
}
