// An organisation's staff page: its facts, its memberships and the form to record one, its people and the
// form to add one.

import { formatDate } from '../../../platform/time.ts';
import {
  CsrfField,
  ErrorSummary,
  Field,
  Layout,
  type PageContext,
  Select,
} from '../../../platform/views/layout.tsx';
import { membershipStatuses } from '../kinds.ts';
import { membershipStatusLabels } from '../memberships.ts';
import type { OrganisationPageData } from '../organisations.queries.ts';
import { organisationKindLabels } from '../organisations.ts';
import { MembershipsTable } from './memberships.tsx';
import { PeopleTable, PersonForm } from './people.tsx';

type Errors = Record<string, string> | undefined;
type Values = Record<string, string | undefined>;

/** What the page shows besides the organisation: a refused form's errors and values, a notice. */
export interface OrganisationPageExtras {
  membershipErrors?: Errors;
  membershipValues?: Values;
  personErrors?: Errors;
  personValues?: Values;
  editErrors?: Errors;
  editValues?: Values;
  /** A refusal about the organisation as a whole (archiving, restoring). */
  error?: string | undefined;
  notice?: string | undefined;
}

export function OrganisationPage(
  props: OrganisationPageData & OrganisationPageExtras & { ctx: PageContext },
) {
  const o = props.organisation;
  const mv = props.membershipValues ?? {};
  const ev = props.editValues ?? {};
  return (
    <Layout ctx={props.ctx} title={o.name} notice={props.notice}>
      <p>
        <a href="/gestion/organisations">← Organisations</a>
      </p>
      <h1>{o.name}</h1>
      {o.archivedAt ? (
        <p class="notice" role="status">
          Archivée le {formatDate(o.archivedAt)} : elle n’apparaît plus dans les listes ni dans les choix ;
          son historique est conservé.
        </p>
      ) : null}
      {props.error ? (
        <p class="error-summary" role="alert">
          {props.error}
        </p>
      ) : null}
      <dl class="facts">
        <dt>Type</dt>
        <dd>{organisationKindLabels[o.kind]}</dd>
        {o.siren ? (
          <>
            <dt>SIREN</dt>
            <dd>{o.siren}</dd>
          </>
        ) : null}
        {o.inseeCode ? (
          <>
            <dt>Code INSEE</dt>
            <dd>{o.inseeCode}</dd>
          </>
        ) : null}
        {props.regionName ? (
          <>
            <dt>Région</dt>
            <dd>{props.regionName}</dd>
          </>
        ) : null}
        <dt>Pays</dt>
        <dd>{o.country}</dd>
        <dt>Adhérente en {props.year}</dt>
        <dd>{props.member ? 'Oui, à jour de sa cotisation' : 'Non'}</dd>
      </dl>
      <p>
        <a href={`/gestion/personnes?organisationId=${o.id}`}>Ses personnes dans l’annuaire</a>
      </p>

      <h2 id="modifier">Modifier</h2>
      {props.editable ? (
        <form
          method="post"
          action={`/gestion/organisations/${o.id}/modifier`}
          novalidate
          aria-labelledby="modifier"
        >
          <CsrfField ctx={props.ctx} />
          <ErrorSummary
            errors={props.editErrors}
            targets={{ name: 'edit-name', country: 'edit-country', siren: 'edit-siren', _: '_' }}
          />
          <Field
            id="edit-name"
            name="name"
            label="Nom de l’organisation"
            required
            value={ev.name ?? o.name}
            error={props.editErrors?.name}
          />
          <Field
            id="edit-country"
            name="country"
            label="Pays (code à deux lettres)"
            hint="Par exemple JP pour le Japon, SN pour le Sénégal."
            value={ev.country ?? o.country}
            error={props.editErrors?.country}
          />
          <Field
            id="edit-siren"
            name="siren"
            label="SIREN"
            hint="9 chiffres, pour une institution française qui en a un."
            value={ev.siren ?? o.siren ?? ''}
            error={props.editErrors?.siren}
          />
          <button type="submit">Enregistrer les modifications</button>
        </form>
      ) : (
        <p>
          Le nom, les codes, la région et le département d’une collectivité française viennent du référentiel
          officiel : ils ne se modifient pas ici.
        </p>
      )}
      <form method="post" action={`/gestion/organisations/${o.id}/archive`} class="actions">
        <CsrfField ctx={props.ctx} />
        <input type="hidden" name="archived" value={o.archivedAt ? 'false' : 'true'} />
        <button type="submit" class="button-secondary">
          {o.archivedAt ? 'Restaurer l’organisation' : 'Archiver l’organisation'}
        </button>
        {o.archivedAt ? null : (
          <span class="hint">
            Elle quittera les listes et les choix ; ses personnes, adhésions et événements restent.
          </span>
        )}
      </form>

      <h2 id="adhesions">Adhésions</h2>
      <MembershipsTable memberships={props.memberships} />
      <form
        method="post"
        action={`/gestion/organisations/${o.id}/adhesions`}
        novalidate
        aria-labelledby="adhesion-form"
      >
        <h3 id="adhesion-form">Enregistrer une adhésion</h3>
        <CsrfField ctx={props.ctx} />
        <ErrorSummary errors={props.membershipErrors} targets={{ feeCents: 'fee' }} />
        <Field
          name="year"
          label="Année"
          type="number"
          required
          value={mv.year ?? String(props.year)}
          error={props.membershipErrors?.year}
        />
        <Select
          name="status"
          label="Statut"
          required
          options={membershipStatuses.map((s) => [s, membershipStatusLabels[s]] as const)}
          value={mv.status ?? 'active'}
          error={props.membershipErrors?.status}
        />
        <Field
          name="fee"
          label="Cotisation (en euros)"
          hint="Par exemple : 1250 ou 1 250,50"
          value={mv.fee}
          error={props.membershipErrors?.feeCents ?? props.membershipErrors?.fee}
        />
        <Field
          name="paidOn"
          label="Payée le"
          type="date"
          value={mv.paidOn}
          error={props.membershipErrors?.paidOn}
        />
        <button type="submit">Enregistrer l’adhésion</button>
      </form>

      <h2 id="personnes">Personnes</h2>
      <PeopleTable people={props.people} link />
      <h3>Ajouter une personne</h3>
      <PersonForm
        ctx={props.ctx}
        action={`/gestion/organisations/${o.id}/personnes`}
        errors={props.personErrors}
        values={props.personValues}
        allowStaffKinds
      />
    </Layout>
  );
}
