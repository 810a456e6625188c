// A person's staff page: facts, account and referent role, mandates, history, and moving them to another
// organisation.
import { formatDate } from '../../../platform/time.ts';
import { CsrfField, ErrorSummary, Field, Layout, type PageContext } from '../../../platform/views/layout.tsx';
import type { PersonPageData } from '../organisations.queries.ts';
import type { listMandates } from '../people.ts';
import { personKindLabels } from '../people.ts';

type Mandates = Awaited<ReturnType<typeof listMandates>>;

export function MandatesList({ mandates }: { mandates: Mandates }) {
  if (mandates.length === 0) return <p>Aucun mandat enregistré.</p>;
  return (
    <ul>
      {mandates.map(({ mandate: m, organisationName }) => (
        <li key={m.id}>
          <strong>{m.title}</strong>
          {organisationName ? ` — ${organisationName}` : ''}, depuis le {formatDate(m.startsOn)}
          {m.endsOn ? `, jusqu’au ${formatDate(m.endsOn)}` : ' (en cours)'}
        </li>
      ))}
    </ul>
  );
}

export function PersonPage(
  props: PersonPageData & {
    ctx: PageContext;
    errors?: Record<string, string> | undefined;
    notice?: string | undefined;
  },
) {
  const p = props.person;
  const matches = props.moveMatches;
  const base = `/gestion/personnes/${p.id}`;
  return (
    <Layout ctx={props.ctx} title={`${p.firstName} ${p.lastName}`} notice={props.notice}>
      <p>
        {props.organisation ? (
          <a href={`/gestion/organisations/${props.organisation.id}#personnes`}>
            ← {props.organisation.name}
          </a>
        ) : (
          <a href="/gestion/organisations">← Organisations</a>
        )}
      </p>
      <h1>{`${p.firstName} ${p.lastName}`}</h1>
      <ErrorSummary errors={props.errors} targets={{ organisationId: 'organisation' }} />
      <dl class="facts">
        <dt>Type</dt>
        <dd>{personKindLabels[p.kind]}</dd>
        <dt>Adresse électronique</dt>
        <dd>{p.email}</dd>
        <dt>Organisation</dt>
        <dd>{props.organisation?.name ?? 'Aucune'}</dd>
        <dt>Référent·e</dt>
        <dd>{p.referent ? 'Oui' : 'Non'}</dd>
        <dt>Compte</dt>
        <dd>{p.disabledAt ? `Désactivé le ${formatDate(p.disabledAt)}` : 'Actif'}</dd>
      </dl>
      <div class="actions">
        <form method="post" action={`${base}/compte`}>
          <CsrfField ctx={props.ctx} />
          <input type="hidden" name="disabled" value={p.disabledAt ? 'false' : 'true'} />
          <button type="submit" class="button-secondary">
            {p.disabledAt ? 'Réactiver le compte' : 'Désactiver le compte'}
          </button>
        </form>
        {p.organisationId ? (
          <form method="post" action={`${base}/referent`}>
            <CsrfField ctx={props.ctx} />
            <input type="hidden" name="referent" value={p.referent ? 'false' : 'true'} />
            <button type="submit" class="button-secondary">
              {p.referent ? 'Retirer le rôle de référent·e' : 'Nommer référent·e'}
            </button>
          </form>
        ) : null}
      </div>

      <h2>Mandats</h2>
      <MandatesList mandates={props.mandates} />
      {props.mandates
        .filter(({ mandate }) => !mandate.endsOn)
        .map(({ mandate }) => (
          <form key={mandate.id} method="post" action={`/gestion/mandats/${mandate.id}/fin`} class="actions">
            <CsrfField ctx={props.ctx} />
            <Field
              name={`endsOn-${mandate.id}`}
              label={`Fin du mandat « ${mandate.title} »`}
              type="date"
              required
            />
            <button type="submit">Terminer ce mandat</button>
          </form>
        ))}
      {p.kind === 'elected' ? (
        <form method="post" action={`${base}/mandats`} novalidate aria-labelledby="new-mandate">
          <h3 id="new-mandate">Nouveau mandat</h3>
          <CsrfField ctx={props.ctx} />
          <Field name="title" label="Intitulé" required error={props.errors?.title} />
          <Field name="startsOn" label="Début" type="date" required error={props.errors?.startsOn} />
          <button type="submit">Ajouter le mandat</button>
        </form>
      ) : null}

      <h2>Parcours</h2>
      {props.affiliations.length ? (
        <ul>
          {props.affiliations.map(({ affiliation: a, organisationName }) => (
            <li key={a.id}>
              {organisationName}, depuis le {formatDate(a.startsOn)}
              {a.endsOn ? ` jusqu’au ${formatDate(a.endsOn)}` : ''}
            </li>
          ))}
        </ul>
      ) : (
        <p>Aucune organisation.</p>
      )}
      <h3>Changer d’organisation</h3>
      <p>
        Les mandats en cours et le rattachement actuel se terminent la veille ; l’historique est conservé.
      </p>
      <form method="get" action={base}>
        <Field name="organisation" label="Nouvelle organisation" type="search" value={props.moveQuery} />
        <button type="submit">Chercher</button>
      </form>
      {matches && matches.total > matches.items.length ? (
        <p role="status">
          {matches.total} organisations correspondent ; voici les {matches.items.length} premières. Précisez
          la recherche pour trouver les autres.
        </p>
      ) : null}
      {matches?.items.length ? (
        <ul class="cards" aria-label="Organisations trouvées">
          {matches.items.map((o) => (
            <li key={o.id} class="card">
              <form method="post" action={`${base}/deplacer`}>
                <CsrfField ctx={props.ctx} />
                <input type="hidden" name="organisationId" value={o.id} />
                <p>{o.name}</p>
                <button type="submit" aria-label={`Rattacher à ${o.name}`}>
                  Rattacher
                </button>
              </form>
            </li>
          ))}
        </ul>
      ) : props.moveQuery ? (
        <p role="status">Aucune organisation ne correspond.</p>
      ) : null}
    </Layout>
  );
}
