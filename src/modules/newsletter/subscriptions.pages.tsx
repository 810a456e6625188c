// Subscribing to « La Lettre » and the pages of the links it mails: confirm (double opt-in), unsubscribe (one
// click, RFC 8058), choose what one receives. The links' tokens sign the subscription's id (subscriptions.ts).
import { z } from 'zod';
import type { Actor } from '../../platform/http/actor.ts';
import { definePage, notFound, view } from '../../platform/http/pages.tsx';
import { secretsKey } from '../../platform/secrets.ts';
import type { Services } from '../../platform/services.ts';
import { uuid } from '../../platform/validation.ts';
import type { PageContext } from '../../platform/views/layout.tsx';
import { getPerson } from '../organisations/people.ts';
import { newsletterMessages as m } from './newsletter.messages.ts';
import {
  confirmSubscription,
  consentText,
  type LinkSigning,
  letterTopic,
  type SubscriptionLink,
  setTopics,
  subscribe,
  subscriptionOfLink,
  subscriptionOfPerson,
  topicChoices,
  unsubscribe,
} from './subscriptions.ts';
import { DonePage, PreferencesPage, SubscribePage, SubscriptionLinkPage } from './views/subscription.tsx';

// Anonymous forms that write: a client may send them a few times, not thousands.
const formLimit = { max: 20, timeWindow: '15 minutes' };
const idParams = z.object({ id: uuid });
const tokenQuery = z.object({ jeton: z.string().max(200).catch('').optional() });

/** The checked topics of a form (`topic-<value>` = oui). */
const topicsOf = (form: Record<string, string | undefined>) =>
  Object.entries(form)
    .filter(([key, value]) => key.startsWith('topic-') && value === 'oui')
    .map(([key]) => key.slice('topic-'.length));

/** The page the request was made on, kept in the consent record (without its query: no token there). */
const sourceOf = (url: string) => url.split('?')[0]!;

export function subscriptionPages(services: Services) {
  const { db, config } = services;
  const signing = (): LinkSigning => ({ baseUrl: config.baseUrl, secretsKey: secretsKey(config) });
  const gone = () => notFound(m.subscriptionGone().text, 'Lien expiré');
  /** The subscription a mailed link names, with its token (undefined when forged or gone). */
  const linked = async (id: string, jeton: string | undefined, link: SubscriptionLink) => {
    const token = jeton ?? '';
    const subscriber = await subscriptionOfLink(db, signing().secretsKey, id, token, link);
    return subscriber && { subscriber, token };
  };

  /** The signed-in person's address and subscription (a person without an address subscribes by the form). */
  const ownOf = async (actor: Actor | null) => {
    if (!actor) return undefined;
    const person = await getPerson(db, actor.personId);
    if (!person?.email) return undefined;
    return { personId: person.id, email: person.email, subscriber: await subscriptionOfPerson(db, person) };
  };

  const subscribeView = async (
    ctx: PageContext,
    actor: Actor | null,
    values?: { email: string; topics: string[] },
    errors?: Record<string, string>,
    status = 200,
  ) => {
    const own = await ownOf(actor);
    return view(
      <SubscribePage
        ctx={ctx}
        choices={await topicChoices(db)}
        consent={consentText()}
        values={values ?? { email: '', topics: own?.subscriber?.topics ?? [letterTopic] }}
        errors={errors}
        own={own}
      />,
      status,
    );
  };

  return [
    definePage({
      method: 'GET',
      url: '/lettre/abonnement',
      access: 'public',
      handler: async ({ ctx, actor }) => subscribeView(ctx, actor),
    }),
    definePage({
      method: 'POST',
      url: '/lettre/abonnement',
      access: 'public',
      rateLimit: formLimit,
      handler: async ({ ctx, actor, form, request }) => {
        const own = await ownOf(actor);
        const values = { email: own?.email ?? form.email ?? '', topics: topicsOf(form) };
        const done = await db.transaction((tx) =>
          subscribe(
            tx,
            values,
            own
              ? { method: 'my_space', source: sourceOf(request.url), personId: own.personId }
              : { method: 'form', source: sourceOf(request.url) },
            signing(),
          ),
        );
        if (!done.ok)
          return subscribeView(
            ctx,
            actor,
            values,
            done.error.fields ?? { _: done.error.message },
            done.error.status,
          );
        return view(
          own ? (
            <DonePage
              ctx={ctx}
              title="Abonnement enregistré"
              text={m.subscribedOwn({ email: own.email }).text}
            />
          ) : (
            <DonePage ctx={ctx} title="Vérifiez votre messagerie" text={m.subscribedCheckMail().text} />
          ),
        );
      },
    }),
    definePage({
      method: 'POST',
      url: '/lettre/abonnement/desabonnement',
      access: 'signedIn',
      handler: async ({ ctx, actor, request }) => {
        const own = await ownOf(actor);
        if (!own?.subscriber) return notFound(m.subscriptionGone().text);
        const subscriberId = own.subscriber.id;
        await db.transaction((tx) => unsubscribe(tx, subscriberId, 'my_space', sourceOf(request.url)));
        return view(<DonePage ctx={ctx} title="Vous êtes désabonné·e" text={m.unsubscribed().text} />);
      },
    }),
    ...(['confirm', 'unsubscribe'] as const).flatMap((link) => {
      const url = `/lettre/abonnement/:id/${link === 'confirm' ? 'confirmer' : 'desabonner'}`;
      return [
        definePage({
          method: 'GET',
          url,
          access: 'public',
          params: idParams,
          query: tokenQuery,
          handler: async ({ ctx, params, query }) => {
            const found = await linked(params.id, query.jeton, link);
            if (!found) return gone();
            const { subscriber, token } = found;
            return view(<SubscriptionLinkPage ctx={ctx} subscriber={subscriber} link={link} token={token} />);
          },
        }),
        definePage({
          method: 'POST',
          url,
          access: 'public',
          params: idParams,
          query: tokenQuery,
          rateLimit: formLimit,
          // RFC 8058: the mail provider posts « List-Unsubscribe=One-Click » from its own servers, with no
          // session or CSRF token; the signed token in the address is the only proof, and it is enough.
          crossSite: link === 'unsubscribe',
          handler: async ({ ctx, params, query, request }) => {
            const found = await linked(params.id, query.jeton, link);
            if (!found) return gone();
            const { subscriber } = found;
            const source = sourceOf(request.url);
            if (link === 'confirm') {
              await db.transaction((tx) => confirmSubscription(tx, subscriber.id, source));
              return view(<DonePage ctx={ctx} title="Abonnement confirmé" text={m.confirmed().text} />);
            }
            const oneClick =
              (request.body as Record<string, unknown> | undefined)?.['List-Unsubscribe'] === 'One-Click';
            await db.transaction((tx) =>
              unsubscribe(tx, subscriber.id, oneClick ? 'one_click' : 'link', source),
            );
            return view(<DonePage ctx={ctx} title="Vous êtes désabonné·e" text={m.unsubscribed().text} />);
          },
        }),
      ];
    }),
    definePage({
      method: 'GET',
      url: '/lettre/abonnement/:id/preferences',
      access: 'public',
      params: idParams,
      query: tokenQuery,
      handler: async ({ ctx, params, query }) => {
        const found = await linked(params.id, query.jeton, 'preferences');
        if (!found) return gone();
        const { subscriber, token } = found;
        return view(
          <PreferencesPage
            ctx={ctx}
            subscriber={subscriber}
            token={token}
            choices={await topicChoices(db)}
            chosen={subscriber.topics}
          />,
        );
      },
    }),
    definePage({
      method: 'POST',
      url: '/lettre/abonnement/:id/preferences',
      access: 'public',
      params: idParams,
      query: tokenQuery,
      rateLimit: formLimit,
      handler: async ({ ctx, params, query, form, request }) => {
        const found = await linked(params.id, query.jeton, 'preferences');
        if (!found) return gone();
        const { subscriber, token } = found;
        const chosen = topicsOf(form);
        const done = await db.transaction((tx) =>
          setTopics(tx, subscriber.id, chosen, 'link', sourceOf(request.url)),
        );
        if (!done.ok) {
          return view(
            <PreferencesPage
              ctx={ctx}
              subscriber={subscriber}
              token={token}
              choices={await topicChoices(db)}
              chosen={chosen}
              error={done.error.fields?.topics ?? done.error.message}
            />,
            done.error.status,
          );
        }
        return view(<DonePage ctx={ctx} title="Choix enregistrés" text={m.preferencesSaved().text} />);
      },
    }),
  ];
}
