// A person's staff page: facts, account and referent role, mandates, history, and moving them to another
// organisation.
import { formatDate } from '../../../platform/time.ts';
import {
  CsrfField,
  ErrorSummary,
  Field,
  Layout,
  type PageContext,
  Select,
} from '../../../platform/views/layout.tsx';
import { type Civility, civilities } from '../kinds.ts';
import type { PersonPageData } from '../organisations.queries.ts';
import type { listMandates, Person } from '../people.ts';
import { personKindLabels } from '../people.ts';

export const civilityLabels: Record<Civility, string> = { madame: 'Madame', monsieur: 'Monsieur' };

/** The civility as radio buttons: how the person is addressed, « non précisée » clearing it. */
export function CivilityField({
  value,
  error,
}: {
  value: string | null | undefined;
  error?: string | undefined;
}) {
  const options: [string, string][] = [
    ...civilities.map((c) => [c, civilityLabels[c]] as [string, string]),
    ['', 'Non précisée'],
  ];
  return (
    <fieldset class={error ? 'field field-error' : 'field'}>
      <legend>Civilité (pour vous adresser nos courriers et le certificat)</legend>
      {error ? (
        <p class="error" id="civility-error">
          {error}
        </p>
      ) : null}
      {options.map(([v, label]) => (
        <div key={v || 'none'}>
          <input
            type="radio"
            id={`civility-${v || 'none'}`}
            name="civility"
            value={v}
            checked={(value ?? '') === v}
          />{' '}
          <label for={`civility-${v || 'none'}`}>{label}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** Staff's form correcting a person's record (names, address, kind, civility). */
function EditPersonForm(props: {
  ctx: PageContext;
  person: Person;
  errors?: Record<string, string> | undefined;
  values?: Record<string, string | undefined> | undefined;
}) {
  const p = props.person;
  const v = props.values ?? {};
  const kinds = (['elected', 'officer', 'partner', 'staff'] as const).map(
    (k) => [k, personKindLabels[k]] as const,
  );
  return (
    <form method="post" action={`/gestion/personnes/${p.id}/modifier`} novalidate aria-labelledby="modifier">
      <h2 id="modifier">Modifier la fiche</h2>
      <CsrfField ctx={props.ctx} />
      <ErrorSummary errors={props.errors} targets={{ civility: 'civility-madame' }} />
      <Field
        name="firstName"
        label="Prénom"
        required
        value={v.firstName ?? p.firstName}
        error={props.errors?.firstName}
      />
      <Field
        name="lastName"
        label="Nom"
        required
        value={v.lastName ?? p.lastName}
        error={props.errors?.lastName}
      />
      <Field
        name="email"
        label="Adresse électronique"
        type="email"
        required
        hint="Ses liens de connexion y seront envoyés ; l’ancienne adresse est prévenue du changement."
        value={v.email ?? p.email}
        error={props.errors?.email}
      />
      <Select
        name="kind"
        label="Type"
        required
        options={kinds}
        value={v.kind ?? p.kind}
        error={props.errors?.kind}
      />
      <CivilityField value={v.civility ?? p.civility} error={props.errors?.civility} />
      <button type="submit">Enregistrer les modifications</button>
    </form>
  );
}

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
    /** What was typed in the edit form, when it was refused. */
    editValues?: Record<string, string | undefined> | undefined;
    editErrors?: Record<string, string> | undefined;
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
        <dt>Civilité</dt>
        <dd>{p.civility ? civilityLabels[p.civility] : 'Non précisée'}</dd>
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
        <a class="button button-secondary" href={`${base}/fusionner`}>
          Fusionner avec une autre fiche
        </a>
      </div>

      <EditPersonForm ctx={props.ctx} person={p} errors={props.editErrors} values={props.editValues} />

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
