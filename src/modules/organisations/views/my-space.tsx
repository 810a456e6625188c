// « Mon espace »: one's profile, organisation and mandates; a referent adds colleagues here.
import { CsrfField, ErrorSummary, Field, Layout, type PageContext } from '../../../platform/views/layout.tsx';
import { NextSteps, type NextStepsBlock } from '../../../platform/views/next-steps.tsx';
import type { MySpaceData } from '../organisations.queries.ts';
import { organisationKindLabels } from '../organisations.ts';
import { personKindLabels } from '../people.ts';
import { PeopleTable, PersonForm } from './people.tsx';
import { CivilityField, civilityLabels, MandatesList } from './person.tsx';

export function MySpacePage(
  props: MySpaceData & {
    ctx: PageContext;
    errors?: Record<string, string> | undefined;
    values?: Record<string, string | undefined>;
    /** A refused change of one's profile: its errors and what was typed. */
    profileErrors?: Record<string, string> | undefined;
    profileValues?: Record<string, string | undefined>;
    /** What the person has next, module by module (their next events…). */
    nextSteps?: NextStepsBlock[];
    notice?: string | undefined;
  },
) {
  const p = props.person;
  const pv = props.profileValues ?? {};
  return (
    <Layout ctx={props.ctx} title="Mon espace" notice={props.notice}>
      <h1>Mon espace</h1>
      <nav aria-label="Mes activités" class="actions">
        <a href="/mes-inscriptions">Mes inscriptions aux événements</a>
        <a href="/mon-parcours">Mon parcours « Diplomates des territoires »</a>
      </nav>
      <NextSteps blocks={props.nextSteps ?? []} />
      <section aria-labelledby="profil">
        <h2 id="profil">Mon profil</h2>
        <dl class="facts">
          <dt>Nom</dt>
          <dd>{`${p.firstName} ${p.lastName}`}</dd>
          <dt>Adresse électronique</dt>
          <dd>{p.email}</dd>
          <dt>Civilité</dt>
          <dd>{p.civility ? civilityLabels[p.civility] : 'Non précisée'}</dd>
          <dt>Qualité</dt>
          <dd>{personKindLabels[p.kind]}</dd>
        </dl>
        <form method="post" action="/mon-espace/profil" novalidate aria-labelledby="profil-form">
          <h3 id="profil-form">Corriger mon profil</h3>
          <CsrfField ctx={props.ctx} />
          <ErrorSummary
            errors={props.profileErrors}
            targets={{
              firstName: 'profile-firstName',
              lastName: 'profile-lastName',
              civility: 'civility-madame',
            }}
          />
          <Field
            id="profile-firstName"
            name="firstName"
            label="Mon prénom"
            required
            value={pv.firstName ?? p.firstName}
            error={props.profileErrors?.firstName}
            autocomplete="given-name"
          />
          <Field
            id="profile-lastName"
            name="lastName"
            label="Mon nom"
            required
            value={pv.lastName ?? p.lastName}
            error={props.profileErrors?.lastName}
            autocomplete="family-name"
          />
          <CivilityField value={pv.civility ?? p.civility} error={props.profileErrors?.civility} />
          <p class="muted">
            Pour changer d’adresse électronique ou de qualité, écrivez à l’équipe du réseau : l’adresse est la
            clé de votre compte.
          </p>
          <button type="submit">Enregistrer mon profil</button>
        </form>
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
