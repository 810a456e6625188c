// The reader's pages of « La Lettre »: subscribing (with the text accepted shown as it is recorded), the
// pages of the mailed links — one button each: a GET never acts, since mail scanners follow links — and the
// reader's choices.
import { CsrfField, ErrorSummary, Field, Layout, type PageContext } from '../../../platform/views/layout.tsx';
import type { Subscriber } from '../subscriptions.ts';

export interface TopicChoice {
  value: string;
  label: string;
}

/** Checkboxes named `topic-<value>`: a form keeps one value per name. */
const topicField = (value: string) => `topic-${value}`;

function Topics(props: { choices: TopicChoice[]; chosen: string[]; error?: string | undefined }) {
  return (
    <fieldset
      class={props.error ? 'field field-error' : 'field'}
      aria-describedby={props.error ? 'topics-error' : undefined}
    >
      <legend>Ce que je souhaite recevoir</legend>
      {props.error ? (
        <p class="error" id="topics-error">
          {props.error}
        </p>
      ) : null}
      {props.choices.map((choice, index) => (
        <div key={choice.value} class="checkbox">
          <input
            type="checkbox"
            id={`topic-${index}`}
            name={topicField(choice.value)}
            value="oui"
            checked={props.chosen.includes(choice.value)}
          />
          <label for={`topic-${index}`}>{choice.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

export function SubscribePage(props: {
  ctx: PageContext;
  choices: TopicChoice[];
  consent: string;
  values: { email: string; topics: string[] };
  errors?: Record<string, string> | undefined;
  /** The signed-in person's address and subscription: they subscribe it without a confirmation mail. */
  own?: { email: string; subscriber: Subscriber | undefined } | undefined;
}) {
  const e = props.errors ?? {};
  const own = props.own;
  const subscribed = own?.subscriber?.status === 'confirmed';
  return (
    <Layout ctx={props.ctx} title="S’abonner à La Lettre">
      <p>
        <a href="/lettre">← La Lettre</a>
      </p>
      <h1>{subscribed ? 'Mon abonnement à La Lettre' : 'S’abonner à La Lettre'}</h1>
      <p>
        La Lettre paraît tous les deux mois environ : les nouvelles du réseau, des groupes-pays et des
        dynamiques thématiques, et l’agenda de la période.
      </p>
      <ErrorSummary errors={props.errors} />
      <form method="post" action="/lettre/abonnement">
        <CsrfField ctx={props.ctx} />
        {own ? (
          <p>
            {subscribed
              ? `Vous êtes abonné·e avec l’adresse ${own.email}. Changez vos choix ci-dessous.`
              : `Vous vous abonnez avec l’adresse de votre compte, ${own.email} : elle est déjà vérifiée, aucune confirmation ne vous sera demandée.`}
          </p>
        ) : (
          <Field
            name="email"
            label="Votre adresse électronique"
            type="email"
            required
            autocomplete="email"
            value={props.values.email}
            error={e.email}
            hint="Nous vous enverrons un courriel pour confirmer que c’est bien la vôtre : rien d’autre avant."
          />
        )}
        <Topics choices={props.choices} chosen={props.values.topics} error={e.topics} />
        <p class="hint">{props.consent}</p>
        <button type="submit">{subscribed ? 'Enregistrer mes choix' : 'Je m’abonne'}</button>
      </form>
      {own?.subscriber && subscribed ? (
        <form method="post" action="/lettre/abonnement/desabonnement">
          <CsrfField ctx={props.ctx} />
          <button type="submit" class="button-secondary">
            Me désabonner
          </button>
        </form>
      ) : null}
      <p class="muted">
        Vos données : votre adresse et vos choix ne servent qu’à vous envoyer ce que vous avez demandé ; nous
        gardons la trace de votre accord (date, texte accepté) pour pouvoir la montrer. Voir la{' '}
        <a href="/confidentialite">politique de confidentialité</a>.
      </p>
    </Layout>
  );
}

/** A link's page: what it is about and one button (confirm, unsubscribe). */
export function SubscriptionLinkPage(props: {
  ctx: PageContext;
  subscriber: Subscriber;
  link: 'confirm' | 'unsubscribe';
  token: string;
}) {
  const { subscriber, link } = props;
  const confirm = link === 'confirm';
  const title = confirm ? 'Confirmer votre abonnement à La Lettre' : 'Se désabonner de La Lettre';
  const action = `/lettre/abonnement/${subscriber.id}/${confirm ? 'confirmer' : 'desabonner'}?jeton=${encodeURIComponent(props.token)}`;
  return (
    <Layout ctx={props.ctx} title={title}>
      <h1>{title}</h1>
      <p>Adresse : {subscriber.email}</p>
      {confirm && subscriber.status === 'confirmed' ? (
        <p>Cette adresse est déjà confirmée : vous recevez La Lettre.</p>
      ) : !confirm && subscriber.status === 'unsubscribed' ? (
        <p>Cette adresse est déjà désabonnée : elle ne reçoit plus rien de notre part.</p>
      ) : (
        <form method="post" action={action}>
          <CsrfField ctx={props.ctx} />
          <p>
            {confirm
              ? 'En confirmant, vous recevrez La Lettre à cette adresse. Vous pourrez vous désabonner à tout moment.'
              : 'Vous ne recevrez plus La Lettre ni les nouvelles choisies à cette adresse.'}
          </p>
          <button type="submit">{confirm ? 'Confirmer mon abonnement' : 'Me désabonner'}</button>
        </form>
      )}
    </Layout>
  );
}

export function PreferencesPage(props: {
  ctx: PageContext;
  subscriber: Subscriber;
  token: string;
  choices: TopicChoice[];
  chosen: string[];
  error?: string | undefined;
}) {
  const { subscriber } = props;
  const path = `/lettre/abonnement/${subscriber.id}`;
  const token = encodeURIComponent(props.token);
  return (
    <Layout ctx={props.ctx} title="Ce que je reçois — La Lettre">
      <h1>Ce que je reçois</h1>
      <p>Adresse : {subscriber.email}</p>
      {subscriber.status === 'confirmed' ? null : (
        <p class="notice">
          Cette adresse ne reçoit rien pour l’instant (
          {subscriber.status === 'pending' ? 'abonnement à confirmer' : 'désabonnée'}). Pour vous abonner de
          nouveau, utilisez le <a href="/lettre/abonnement">formulaire d’abonnement</a>.
        </p>
      )}
      <form method="post" action={`${path}/preferences?jeton=${token}`}>
        <CsrfField ctx={props.ctx} />
        <Topics choices={props.choices} chosen={props.chosen} error={props.error} />
        <button type="submit">Enregistrer mes choix</button>
      </form>
      {subscriber.status === 'unsubscribed' ? null : (
        <p>
          <a href={`${path}/desabonner?jeton=${token}`}>Me désabonner de tout</a>
        </p>
      )}
    </Layout>
  );
}

export function DonePage(props: { ctx: PageContext; title: string; text: string }) {
  return (
    <Layout ctx={props.ctx} title={props.title}>
      <h1>{props.title}</h1>
      <p role="status">{props.text}</p>
      <p>
        <a href="/lettre">Les archives de La Lettre</a>
      </p>
    </Layout>
  );
}
