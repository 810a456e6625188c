import { formatCents } from '../../../platform/money.ts';
import { formatDate } from '../../../platform/time.ts';
import {
  CsrfField,
  ErrorSummary,
  Field,
  Layout,
  type PageContext,
  Select,
} from '../../../platform/views/layout.tsx';
import { StaffNav } from '../../../platform/views/staff-nav.tsx';
import { membershipStatuses, organisationKinds } from '../kinds.ts';
import type { Membership } from '../memberships.ts';
import { membershipStatusLabels } from '../memberships.ts';
import {
  type Organisation,
  type OrganisationFilters,
  organisationKindLabels,
  pageSize,
} from '../organisations.ts';
import { type Person, personKindLabels } from '../people.ts';
import type { ReferenceEntry } from '../reference.ts';

type Errors = Record<string, string> | undefined;
type Values = Record<string, string | undefined>;

const kindOptions = organisationKinds.map((k) => [k, organisationKindLabels[k]] as const);

export function OrganisationsListPage(props: {
  ctx: PageContext;
  filters: OrganisationFilters;
  regions: { code: string; name: string }[];
  items: (Organisation & { memberThisYear: boolean })[];
  total: number;
  page: number;
  year: number;
  notice?: string | undefined;
}) {
  const { filters } = props;
  const pages = Math.max(1, Math.ceil(props.total / pageSize));
  const query = (page: number) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(filters))
      if (v !== undefined && k !== 'page') params.set(k, String(v));
    params.set('page', String(page));
    return `?${params}`;
  };
  return (
    <Layout ctx={props.ctx} title="Organisations" notice={props.notice}>
      <h1>Organisations</h1>
      <StaffNav ctx={props.ctx} current="/gestion/organisations" />
      <p>
        <a class="button" href="/gestion/organisations/nouvelle">
          Ajouter une organisation
        </a>
      </p>
      <form
        method="get"
        action="/gestion/organisations"
        class="filters"
        aria-label="Filtrer les organisations"
      >
        <Field name="q" label="Nom, SIREN ou code INSEE" value={filters.q} type="search" />
        <Select name="kind" label="Type" options={kindOptions} value={filters.kind} empty="Tous" />
        <Select
          name="region"
          label="Région"
          options={props.regions.map((r) => [r.code, r.name] as const)}
          value={filters.region}
          empty="Toutes"
        />
        <Select
          name="member"
          label={`Adhérente en ${props.year}`}
          options={[
            ['true', 'Oui'],
            ['false', 'Non'],
          ]}
          value={filters.member}
          empty="Indifférent"
        />
        <div class="field">
          <button type="submit">Filtrer</button>
        </div>
      </form>
      <p role="status">
        {props.total} organisation{props.total > 1 ? 's' : ''} — page {props.page} sur {pages}. Exporter :{' '}
        <a href="/gestion/export/organisations.csv">CSV</a>,{' '}
        <a href="/gestion/export/organisations.xlsx">Excel</a>
      </p>
      <div class="table-scroll">
        <table>
          <caption>Organisations, par ordre alphabétique</caption>
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">Type</th>
              <th scope="col">Codes</th>
              <th scope="col">Adhésion {props.year}</th>
            </tr>
          </thead>
          <tbody>
            {props.items.map((o) => (
              <tr key={o.id}>
                <td>
                  <a href={`/gestion/organisations/${o.id}`}>{o.name}</a>
                </td>
                <td>{organisationKindLabels[o.kind]}</td>
                <td>
                  {o.siren ? `SIREN ${o.siren}` : null}
                  {o.siren && o.inseeCode ? ' · ' : null}
                  {o.inseeCode ? `INSEE ${o.inseeCode}` : null}
                  {o.kind === 'foreign_local_government' ? `Pays : ${o.country}` : null}
                </td>
                <td>
                  {o.memberThisYear ? (
                    <span class="badge badge-ok">À jour</span>
                  ) : (
                    <span class="muted">Non</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label="Pagination">
        <ul class="pagination">
          {props.page > 1 ? (
            <li>
              <a href={query(props.page - 1)}>Page précédente</a>
            </li>
          ) : null}
          {props.page < pages ? (
            <li>
              <a href={query(props.page + 1)}>Page suivante</a>
            </li>
          ) : null}
        </ul>
      </nav>
    </Layout>
  );
}

export function NewOrganisationPage(props: {
  ctx: PageContext;
  q: string;
  matches: ReferenceEntry[];
  errors?: Errors;
  values?: Values;
  error?: string | undefined;
}) {
  const values = props.values ?? {};
  return (
    <Layout ctx={props.ctx} title="Ajouter une organisation">
      <h1>Ajouter une organisation</h1>
      {props.error ? (
        <p class="error-summary" role="alert">
          {props.error}
        </p>
      ) : null}
      <section aria-labelledby="ref-title">
        <h2 id="ref-title">Une collectivité française</h2>
        <p>Cherchez-la dans le référentiel officiel (communes, intercommunalités, départements, régions).</p>
        <form method="get" action="/gestion/organisations/nouvelle">
          <Field
            name="q"
            label="Nom de la collectivité"
            type="search"
            value={props.q}
            hint="Par exemple : Nancy"
          />
          <button type="submit">Chercher</button>
        </form>
        {props.q ? (
          props.matches.length ? (
            <ul aria-label="Résultats du référentiel" class="cards">
              {props.matches.map((m) => (
                <li key={`${m.kind}-${m.inseeCode}`} class="card">
                  <form method="post" action="/gestion/organisations">
                    <CsrfField ctx={props.ctx} />
                    <input type="hidden" name="kind" value={m.kind} />
                    <input type="hidden" name="inseeCode" value={m.inseeCode} />
                    <input type="hidden" name="name" value={m.name} />
                    <p>
                      <strong>{m.label}</strong>
                      <br />
                      <span class="muted">
                        INSEE {m.inseeCode}
                        {m.siren ? ` · SIREN ${m.siren}` : ''}
                      </span>
                    </p>
                    <button type="submit" aria-label={`Ajouter ${m.label}`}>
                      Ajouter
                    </button>
                  </form>
                </li>
              ))}
            </ul>
          ) : (
            <p role="status">Aucune collectivité ne correspond à « {props.q} » dans le référentiel.</p>
          )
        ) : null}
      </section>
      <section aria-labelledby="other-title">
        <h2 id="other-title">Une collectivité étrangère ou une institution</h2>
        <ErrorSummary errors={props.errors} />
        <form method="post" action="/gestion/organisations" novalidate>
          <CsrfField ctx={props.ctx} />
          <Field name="name" label="Nom" required value={values.name} error={props.errors?.name} />
          <Select
            name="kind"
            label="Type"
            required
            options={[
              ['foreign_local_government', organisationKindLabels.foreign_local_government],
              ['institution', organisationKindLabels.institution],
            ]}
            value={values.kind}
            error={props.errors?.kind}
          />
          <Field
            name="country"
            label="Pays (code à deux lettres)"
            hint="Par exemple JP pour le Japon, SN pour le Sénégal. Laisser vide pour une institution française."
            value={values.country}
            error={props.errors?.country}
          />
          <button type="submit">Ajouter</button>
        </form>
      </section>
    </Layout>
  );
}

export function MembershipsTable({ memberships }: { memberships: Membership[] }) {
  if (memberships.length === 0) return <p>Aucune adhésion enregistrée.</p>;
  return (
    <table>
      <caption>Adhésions par année</caption>
      <thead>
        <tr>
          <th scope="col">Année</th>
          <th scope="col">Statut</th>
          <th scope="col">Cotisation</th>
          <th scope="col">Payée le</th>
        </tr>
      </thead>
      <tbody>
        {memberships.map((m) => (
          <tr key={m.id}>
            <td>{m.year}</td>
            <td>{membershipStatusLabels[m.status]}</td>
            <td>{m.feeCents === null ? '—' : formatCents(m.feeCents)}</td>
            <td>{m.paidOn ? formatDate(m.paidOn) : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function PeopleTable({ people, link }: { people: Person[]; link: boolean }) {
  if (people.length === 0) return <p>Aucune personne enregistrée.</p>;
  return (
    <table>
      <caption>Personnes</caption>
      <thead>
        <tr>
          <th scope="col">Nom</th>
          <th scope="col">Type</th>
          <th scope="col">Adresse électronique</th>
        </tr>
      </thead>
      <tbody>
        {people.map((p) => (
          <tr key={p.id}>
            <td>
              {link ? (
                <a href={`/gestion/personnes/${p.id}`}>{`${p.firstName} ${p.lastName}`}</a>
              ) : (
                `${p.firstName} ${p.lastName}`
              )}
              {p.referent ? ' (référent·e)' : ''}
              {p.disabledAt ? ' — compte désactivé' : ''}
            </td>
            <td>{personKindLabels[p.kind]}</td>
            <td>{p.email}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The form to add a person: staff on an organisation page, a referent in « Mon espace ». */
export function PersonForm(props: {
  ctx: PageContext;
  action: string;
  errors?: Errors;
  values?: Values;
  allowStaffKinds: boolean;
}) {
  const values = props.values ?? {};
  const kinds = (['elected', 'officer', 'partner', 'staff'] as const)
    .filter((k) => props.allowStaffKinds || k !== 'staff')
    .map((k) => [k, personKindLabels[k]] as const);
  return (
    <form method="post" action={props.action} novalidate>
      <CsrfField ctx={props.ctx} />
      <ErrorSummary
        errors={props.errors}
        targets={{
          mandate: 'mandateTitle',
          'mandate.title': 'mandateTitle',
          'mandate.startsOn': 'mandateStartsOn',
          organisationId: '_',
        }}
      />
      <Field
        name="firstName"
        label="Prénom"
        required
        value={values.firstName}
        error={props.errors?.firstName}
        autocomplete="off"
      />
      <Field
        name="lastName"
        label="Nom"
        required
        value={values.lastName}
        error={props.errors?.lastName}
        autocomplete="off"
      />
      <Field
        name="email"
        label="Adresse électronique"
        type="email"
        required
        value={values.email}
        error={props.errors?.email}
        autocomplete="off"
      />
      <Select
        name="kind"
        label="Type"
        options={kinds}
        required
        value={values.kind}
        error={props.errors?.kind}
      />
      <fieldset>
        <legend>Mandat (pour un élu ou une élue)</legend>
        <Field
          name="mandateTitle"
          label="Intitulé du mandat"
          hint="Par exemple : adjointe au maire déléguée aux relations internationales"
          value={values.mandateTitle}
          error={props.errors?.['mandate.title'] ?? props.errors?.mandate}
        />
        <Field
          name="mandateStartsOn"
          label="Début du mandat"
          type="date"
          value={values.mandateStartsOn}
          error={props.errors?.['mandate.startsOn']}
        />
      </fieldset>
      {props.allowStaffKinds ? (
        <div class="field">
          <input
            type="checkbox"
            id="referent"
            name="referent"
            value="on"
            checked={values.referent === 'on'}
          />{' '}
          <label for="referent">Référent·e de l’organisation (gère ses personnes)</label>
        </div>
      ) : null}
      <button type="submit">Ajouter la personne</button>
    </form>
  );
}

export function OrganisationPage(props: {
  ctx: PageContext;
  organisation: Organisation;
  regionName: string | undefined;
  member: boolean;
  memberships: Membership[];
  people: Person[];
  year: number;
  membershipErrors?: Errors;
  membershipValues?: Values;
  personErrors?: Errors;
  personValues?: Values;
  notice?: string | undefined;
}) {
  const o = props.organisation;
  const mv = props.membershipValues ?? {};
  return (
    <Layout ctx={props.ctx} title={o.name} notice={props.notice}>
      <p>
        <a href="/gestion/organisations">← Organisations</a>
      </p>
      <h1>{o.name}</h1>
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

export function RenewalsPage(props: {
  ctx: PageContext;
  year: number;
  rows: { organisation: Organisation; lastYear: Membership }[];
}) {
  return (
    <Layout ctx={props.ctx} title="Renouvellements">
      <h1>Renouvellements {props.year}</h1>
      <StaffNav ctx={props.ctx} current="/gestion/adhesions/renouvellement" />
      <p>
        Adhérentes en {props.year - 1} qui n’ont pas encore d’adhésion pour {props.year} : {props.rows.length}
        .
      </p>
      {props.rows.length ? (
        <table>
          <caption>Adhésions à renouveler</caption>
          <thead>
            <tr>
              <th scope="col">Organisation</th>
              <th scope="col">Cotisation {props.year - 1}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr key={r.organisation.id}>
                <td>
                  <a href={`/gestion/organisations/${r.organisation.id}#adhesions`}>{r.organisation.name}</a>
                </td>
                <td>{r.lastYear.feeCents === null ? '—' : formatCents(r.lastYear.feeCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Layout>
  );
}
