// The expert's page, reached by the personal link of a request (no account): the dossier and the one form of
// the link. The address holds a secret: never cached, never sent on as a referrer, never indexed; attempts
// are limited per client like the sign-in links'.
import { z } from 'zod';
import { definePage, message, type PageOutcome, view } from '../../platform/http/pages.tsx';
import type { Services } from '../../platform/services.ts';
import { uuid } from '../../platform/validation.ts';
import type { PageContext } from '../../platform/views/layout.tsx';
import { getApplication } from '../applications/applications.ts';
import { getOrganisation } from '../organisations/organisations.ts';
import { attachmentsOf, expectedAttachments, getAttachment, sendAttachment } from './attachments.ts';
import { callsPipeline } from './calls.pipeline.ts';
import { getCall } from './calls.ts';
import { detailsOf } from './envelope.ts';
import { type ExpertRequest, expertRequestsOf, giveExpertOpinion, openRequest } from './experts.ts';
import { formOf } from './forms.ts';
import { ExpertPage } from './views/experts.tsx';

// 32 random bytes in base64url; anything else names no request.
const tokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/) });
const linkLimit = { max: 20, timeWindow: '15 minutes' };
const title = 'Avis d’expert';

export function expertPages({ db }: Services) {
  /** The page of an open request, with the form as it was sent when it comes back refused. */
  async function expertView(
    ctx: PageContext,
    token: string,
    request: ExpertRequest,
    extra: {
      values?: { opinion?: string | undefined; body?: string | undefined };
      errors?: Record<string, string>;
    } = {},
    status = 200,
  ): Promise<PageOutcome> {
    const application = await getApplication(db, callsPipeline, request.applicationId);
    const call = application ? await getCall(db, application.ownerId) : undefined;
    if (!application || !call) return message(404, title, 'Ce dossier n’existe plus.');
    const [town, details, requests, expected, attachments] = await Promise.all([
      application.organisationId ? getOrganisation(db, application.organisationId) : undefined,
      detailsOf(db, [application.id]),
      expertRequestsOf(db, application.id),
      expectedAttachments(db, application.id, call.id),
      attachmentsOf(db, application.id),
    ]);
    const version = details.get(application.id);
    const form = version ? await formOf(db, call.id, version.formVersion) : undefined;
    return view(
      <ExpertPage
        ctx={ctx}
        call={call}
        townName={town?.name ?? '—'}
        request={request}
        questions={form?.questions ?? []}
        answers={application.answers}
        requestedCents={version?.requestedCents ?? null}
        others={requests.filter((r) => r.id !== request.id && r.answeredAt && !r.confidential)}
        action={`/avis/${token}`}
        expectedAttachments={expected}
        attachments={attachments}
        {...extra}
      />,
      status,
    );
  }

  return [
    definePage({
      method: 'GET',
      url: '/avis/:token',
      access: 'public',
      params: tokenParams,
      rateLimit: linkLimit,
      handler: async ({ ctx, params, reply }) => {
        reply
          .header('cache-control', 'no-store')
          .header('referrer-policy', 'no-referrer')
          .header('x-robots-tag', 'noindex');
        const open = await openRequest(db, params.token);
        if (!open.ok) return message(open.error.status, title, open.error.message);
        return expertView(ctx, params.token, open.value);
      },
    }),
    // The dossier's documents, for the expert while the link is open.
    definePage({
      method: 'GET',
      url: '/avis/:token/pieces/:attachmentId',
      access: 'public',
      params: tokenParams.extend({ attachmentId: uuid }),
      rateLimit: linkLimit,
      handler: async ({ params, reply }) => {
        reply.header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex');
        const open = await openRequest(db, params.token);
        if (!open.ok) return message(open.error.status, title, open.error.message);
        const file = await getAttachment(db, open.value.applicationId, params.attachmentId);
        if (!file) return message(404, title, 'Cette pièce jointe n’existe pas.');
        return sendAttachment(reply, file);
      },
    }),
    definePage({
      method: 'POST',
      url: '/avis/:token',
      access: 'public',
      params: tokenParams,
      rateLimit: linkLimit,
      handler: async ({ ctx, params, form, reply }) => {
        reply
          .header('cache-control', 'no-store')
          .header('referrer-policy', 'no-referrer')
          .header('x-robots-tag', 'noindex');
        const given = await db.transaction((tx) =>
          giveExpertOpinion(tx, params.token, { opinion: form.opinion, body: form.body }),
        );
        if (given.ok)
          return message(
            200,
            'Merci pour votre avis',
            'Votre avis est enregistré et transmis aux instructeurs du réseau. Ce lien ne sert plus : vous pouvez fermer cette page.',
          );
        if (given.error.status !== 400) return message(given.error.status, title, given.error.message);
        const open = await openRequest(db, params.token);
        if (!open.ok) return message(open.error.status, title, open.error.message);
        return expertView(
          ctx,
          params.token,
          open.value,
          {
            values: { opinion: form.opinion, body: form.body },
            errors: given.error.fields ?? { body: given.error.message },
          },
          400,
        );
      },
    }),
  ];
}
