import { formatDateTime } from '../../../platform/time.ts';
import { CsrfField, ErrorSummary, Field, Layout, type PageContext } from '../../../platform/views/layout.tsx';
import { StaffNav } from '../../../platform/views/staff-nav.tsx';
import type { listApiTokens } from '../api-tokens.ts';
import { tokenState } from '../api-tokens.ts';

type Row = Awaited<ReturnType<typeof listApiTokens>>[number];

export function ApiTokensPage(props: {
  ctx: PageContext;
  tokens: Row[];
  /** A token just made: shown this once. */
  created?: { token: string; label: string; email: string } | undefined;
  errors?: Record<string, string> | undefined;
  values?: Record<string, string | undefined>;
  notice?: string | undefined;
}) {
  const v = props.values ?? {};
  return (
    <Layout ctx={props.ctx} title="Jetons d’API" notice={props.notice}>
      <StaffNav ctx={props.ctx} current="/gestion/jetons" />
      <h1>Jetons d’API</h1>
      <p>
        Un jeton donne à un outil les droits de la personne pour qui il est fait. Il ne s’affiche qu’une fois
        ; la plateforme n’en garde que l’empreinte. Révoquez sans attendre un jeton perdu ou qui ne sert plus.
      </p>
      {props.created ? (
        <div class="notice" role="status">
          <p>
            Jeton « {props.created.label} » pour {props.created.email}, à copier maintenant (il ne sera plus
            affiché) :
          </p>
          <p>
            <code class="token">{props.created.token}</code>
          </p>
        </div>
      ) : null}
      <div class="table-scroll">
        <table class="table-cards">
          <caption>{props.tokens.length} jetons</caption>
          <thead>
            <tr>
              <th scope="col">Pour</th>
              <th scope="col">Nom</th>
              <th scope="col">État</th>
              <th scope="col">Dernier usage</th>
              <th scope="col">Expire</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {props.tokens.map((t) => (
              <tr key={t.id}>
                <td data-label="Pour">
                  {t.person ? `${t.person.firstName} ${t.person.lastName} (${t.person.email})` : '—'}
                </td>
                <td data-label="Nom">{t.label}</td>
                <td data-label="État">{tokenState(t)}</td>
                <td data-label="Dernier usage">{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : 'jamais'}</td>
                <td data-label="Expire">{t.expiresAt ? formatDateTime(t.expiresAt) : 'jamais'}</td>
                <td data-label="Action">
                  {t.revokedAt ? null : (
                    <form method="post" action={`/gestion/jetons/${t.id}/revocation`}>
                      <CsrfField ctx={props.ctx} />
                      <button
                        type="submit"
                        class="button-secondary"
                        aria-label={`Révoquer le jeton ${t.label}`}
                      >
                        Révoquer
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Créer un jeton</h2>
      <ErrorSummary errors={props.errors} />
      <form method="post" action="/gestion/jetons">
        <CsrfField ctx={props.ctx} />
        <Field
          name="email"
          type="email"
          label="Adresse de la personne"
          value={v.email}
          required
          error={props.errors?.email}
        />
        <Field
          name="label"
          label="Nom du jeton"
          value={v.label}
          required
          error={props.errors?.label}
          hint="L’outil qui s’en servira : « tableau de bord de la région », par exemple."
        />
        <Field
          name="days"
          type="number"
          label="Validité en jours"
          value={v.days}
          error={props.errors?.days}
          hint="De 1 à 730 ; vide : jusqu’à la révocation."
        />
        <p>
          <button type="submit">Créer le jeton</button>
        </p>
      </form>
    </Layout>
  );
}
