// « Mon espace »: one's profile, organisation and mandates; a referent adds colleagues here.
import { Layout, type PageContext } from '../../../platform/views/layout.tsx';
import type { MySpaceData } from '../organisations.queries.ts';
import { organisationKindLabels } from '../organisations.ts';
import { personKindLabels } from '../people.ts';
import { PeopleTable, PersonForm } from './people.tsx';
import { MandatesList } from './person.tsx';

export function MySpacePage(
  props: MySpaceData & {
    ctx: PageContext;
    errors?: Record<string, string> | undefined;
    values?: Record<string, string | undefined>;
    notice?: string | undefined;
  },
) {
  const p = props.person;
  return (
    <Layout ctx={props.ctx} title="Mon espace" notice={props.notice}>
      <h1>Mon espace</h1>
      <nav aria-label="Mes activités" class="actions">
        <a href="/mes-inscriptions">Mes inscriptions aux événements</a>
        <a href="/mon-parcours">Mon parcours « Diplomates des territoires »</a>
      </nav>
      <section aria-labelledby="profil">
        <h2 id="profil">Mon profil</h2>
        <dl class="facts">
          <dt>Nom</dt>
          <dd>{`${p.firstName} ${p.lastName}`}</dd>
          <dt>Adresse électronique</dt>
          <dd>{p.email}</dd>
          <dt>Qualité</dt>
          <dd>{personKindLabels[p.kind]}</dd>
        </dl>
      </section>
      <section aria-labelledby="organisation">
        <h2 id="organisation">Mon organisation</h2>
        {props.organisation ? (
          <dl class="facts">
            <dt>Nom</dt>
            <dd>{props.organisation.name}</dd>
            <dt>Type</dt>
            <dd>{organisationKindLabels[props.organisation.kind]}</dd>
            <dt>Adhésion</dt>
            <dd>
              {props.member
                ? 'À jour : vous avez accès aux activités réservées aux adhérents.'
                : 'Pas d’adhésion en cours cette année.'}
            </dd>
          </dl>
        ) : (
          <p>Vous n’êtes rattaché·e à aucune organisation.</p>
        )}
      </section>
      {p.kind === 'elected' ? (
        <section aria-labelledby="mandats">
          <h2 id="mandats">Mes mandats</h2>
          <MandatesList mandates={props.mandates} />
        </section>
      ) : null}
      {props.colleagues ? (
        <section aria-labelledby="collegues">
          <h2 id="collegues">Les personnes de ma collectivité</h2>
          <p>En tant que référent·e, vous pouvez ajouter vos collègues, élus et techniciens.</p>
          <PeopleTable people={props.colleagues} link={false} />
          <h3>Ajouter un ou une collègue</h3>
          <PersonForm
            ctx={props.ctx}
            action="/mon-espace/personnes"
            errors={props.errors}
            values={props.values}
            allowStaffKinds={false}
          />
        </section>
      ) : null}
    </Layout>
  );
}
