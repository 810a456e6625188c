import { CsrfField, Field, Layout, type PageContext } from '../../../platform/views/layout.tsx';

export function SignInPage(props: {
  ctx: PageContext;
  proConnect: boolean;
  email?: string;
  error?: string;
  notice?: string | undefined;
}) {
  return (
    <Layout ctx={props.ctx} title="Se connecter" notice={props.notice}>
      <h1>Se connecter</h1>
      <p>Pas de mot de passe : nous vous envoyons un lien de connexion par courriel.</p>
      <form method="post" action="/connexion" novalidate>
        <CsrfField ctx={props.ctx} />
        <Field
          name="email"
          label="Votre adresse électronique"
          type="email"
          value={props.email}
          required
          autocomplete="email"
          hint="Celle que votre collectivité a communiquée au réseau."
          error={props.error}
        />
        <button type="submit">Recevoir un lien de connexion</button>
      </form>
      <section aria-labelledby="no-account-title">
        <h2 id="no-account-title">Pas encore de compte ?</h2>
        <p>
          Élus, techniciens et partenaires des collectivités du réseau :{' '}
          <a href="/demander-un-compte">demandez un compte</a>, l’équipe du réseau vous répond par courriel.
        </p>
      </section>
      {props.proConnect ? (
        <section aria-labelledby="proconnect-title">
          <h2 id="proconnect-title">Agent public ?</h2>
          <p>
            <a class="button button-secondary" href="/connexion/proconnect">
              S’identifier avec ProConnect
            </a>
          </p>
        </section>
      ) : null}
    </Layout>
  );
}

export function LinkSentPage({ ctx, minutes }: { ctx: PageContext; minutes: number }) {
  return (
    <Layout ctx={ctx} title="Vérifiez votre messagerie">
      <h1>Vérifiez votre messagerie</h1>
      <p role="status">
        Si un compte existe pour cette adresse, un lien de connexion vient de lui être envoyé. Il est valable{' '}
        {minutes} minutes et ne sert qu’une fois.
      </p>
      <p>
        Rien reçu ? Vérifiez les indésirables, puis <a href="/connexion">demandez un nouveau lien</a>.
      </p>
    </Layout>
  );
}

export function ConfirmLinkPage({ ctx, token }: { ctx: PageContext; token: string }) {
  return (
    <Layout ctx={ctx} title="Confirmer la connexion">
      <h1>Confirmer la connexion</h1>
      <form method="post" action="/connexion/lien">
        <CsrfField ctx={ctx} />
        <input type="hidden" name="jeton" value={token} />
        <button type="submit">Me connecter</button>
      </form>
    </Layout>
  );
}
