// Merging a person's record into another: find the record to keep, then see both side by side and what will
// move before confirming.
import { CsrfField, Field, Layout, type PageContext } from '../../../platform/views/layout.tsx';
import type { MergePageData } from '../organisations.queries.ts';
import { type Person, personKindLabels } from '../people.ts';
import { civilityLabels } from './person.tsx';

function PersonFacts({ person, organisationName }: { person: Person; organisationName: string | null }) {
  return (
    <dl class="facts">
      <dt>Nom</dt>
      <dd>{`${person.firstName} ${person.lastName}`}</dd>
      <dt>Adresse électronique</dt>
      <dd>{person.email}</dd>
      <dt>Type</dt>
      <dd>{personKindLabels[person.kind]}</dd>
      <dt>Civilité</dt>
      <dd>{person.civility ? civilityLabels[person.civility] : 'Non précisée'}</dd>
      <dt>Organisation</dt>
      <dd>{organisationName ?? 'Aucune'}</dd>
      <dt>Compte</dt>
      <dd>{person.disabledAt ? 'Désactivé' : 'Actif'}</dd>
    </dl>
  );
}

export function MergePage(props: MergePageData & { ctx: PageContext; error?: string | undefined }) {
  const p = props.person;
  const base = `/gestion/personnes/${p.id}/fusionner`;
  const name = `${p.firstName} ${p.lastName}`;
  return (
    <Layout ctx={props.ctx} title={`Fusionner ${name}`}>
      <p>
        <a href={`/gestion/personnes/${p.id}`}>← {name}</a>
      </p>
      <h1>Fusionner la fiche de {name}</h1>
      {props.error ? (
        <p class="error-summary" role="alert">
          {props.error}
        </p>
      ) : null}
      <p>
        Pour une personne enregistrée deux fois : cette fiche disparaît, et tout ce qu’elle porte —
        inscriptions, présences, mandats, candidatures, certificats, historique — passe à la fiche gardée.
      </p>
      {props.into ? (
        <>
          <div class="cards">
            <section class="card" aria-labelledby="merge-from">
              <h2 id="merge-from">La fiche qui disparaît</h2>
              <PersonFacts person={p} organisationName={props.organisationName} />
            </section>
            <section class="card" aria-labelledby="merge-into">
              <h2 id="merge-into">La fiche gardée</h2>
              <PersonFacts person={props.into.person} organisationName={props.into.organisationName} />
            </section>
          </div>
          <h2>Ce qui passe à la fiche gardée</h2>
          {props.moves.length ? (
            <ul>
              {props.moves.map((h) => (
                <li key={h.key}>
                  {h.label}&nbsp;: {h.count}
                </li>
              ))}
            </ul>
          ) : (
            <p>Cette fiche ne porte rien d’autre que son nom et son adresse.</p>
          )}
          <p>
            La fiche gardée conserve son nom, son adresse, son type et son organisation ; elle prend à l’autre
            ce qui lui manque (civilité, organisation, identité ProConnect). Quand les deux fiches ont une
            inscription au même événement, une présence à la même séance ou une candidature à la même édition,
            la plus avancée est gardée (inscription confirmée plutôt qu’en attente, candidature acceptée
            plutôt qu’en instruction).
          </p>
          <form method="post" action={base}>
            <CsrfField ctx={props.ctx} />
            <input type="hidden" name="intoId" value={props.into.person.id} />
            <button type="submit">
              Fusionner dans la fiche de {props.into.person.firstName} {props.into.person.lastName}
            </button>
          </form>
          <p>
            <a href={`/gestion/personnes/${props.into.person.id}/fusionner?vers=${p.id}`}>
              Garder plutôt la fiche de {name}
            </a>{' '}
            · <a href={base}>Choisir une autre fiche</a>
          </p>
        </>
      ) : (
        <>
          <h2>La fiche à garder</h2>
          <form method="get" action={base}>
            <Field
              name="q"
              label="Nom ou adresse électronique de la fiche à garder"
              type="search"
              value={props.q}
            />
            <button type="submit">Chercher</button>
          </form>
          {props.candidates ? (
            props.candidates.items.length ? (
              <>
                {props.candidates.total > props.candidates.items.length ? (
                  <p role="status">
                    {props.candidates.total} fiches correspondent ; voici les {props.candidates.items.length}{' '}
                    premières. Précisez la recherche pour trouver les autres.
                  </p>
                ) : null}
                <ul aria-label="Fiches trouvées">
                  {props.candidates.items.map((c) => (
                    <li key={c.id}>
                      <a href={`${base}?vers=${c.id}`}>{`${c.firstName} ${c.lastName}`}</a>
                      <span class="muted">
                        {' '}
                        — {c.email}
                        {c.organisationName ? `, ${c.organisationName}` : ''}
                      </span>
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p role="status">Aucune autre fiche ne correspond à « {props.q} ».</p>
            )
          ) : null}
        </>
      )}
    </Layout>
  );
}
