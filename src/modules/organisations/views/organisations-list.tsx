// Staff pages of the list of organisations and of adding one (from the official reference, or by hand).
import { pageCount } from '../../../platform/pagination.ts';
import {
  CsrfField,
  ErrorSummary,
  Field,
  Layout,
  type PageContext,
  Select,
} from '../../../platform/views/layout.tsx';
import { Pagination } from '../../../platform/views/pagination.tsx';
import { StaffNav } from '../../../platform/views/staff-nav.tsx';
import { organisationKinds } from '../kinds.ts';
import type { OrganisationsListData, referenceSearch } from '../organisations.queries.ts';
import { type OrganisationFilters, organisationKindLabels } from '../organisations.ts';
import { RegionFilter, YesNoFilter } from './filters.tsx';

type Errors = Record<string, string> | undefined;
type Values = Record<string, string | undefined>;

const kindOptions = organisationKinds.map((k) => [k, organisationKindLabels[k]] as const);

export function OrganisationsListPage(
  props: OrganisationsListData & {
    ctx: PageContext;
    filters: OrganisationFilters;
    notice?: string | undefined;
  },
) {
  const { filters, list } = props;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v !== undefined && k !== 'page') params.set(k, String(v));
  const exportQuery = params.size ? `?${params}` : '';
  const query = (page: number) => {
    const paged = new URLSearchParams(params);
    paged.set('page', String(page));
    return `?${paged}`;
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
        <RegionFilter label="Région" regions={props.regions} value={filters.region} />
        <YesNoFilter name="member" label={`Adhérente en ${props.year}`} value={filters.member} />
        <Select
          name="archived"
          label="Archivées"
          options={[['true', 'Seulement les archivées']]}
          value={filters.archived}
          empty="Sans les archivées"
        />
        <div class="field">
          <button type="submit">Filtrer</button>
        </div>
      </form>
      <p role="status">
        {list.total} organisation{list.total > 1 ? 's' : ''} — page {list.page} sur {pageCount(list)}.
        Exporter cette liste : <a href={`/gestion/export/organisations.csv${exportQuery}`}>CSV</a>,{' '}
        <a href={`/gestion/export/organisations.xlsx${exportQuery}`}>Excel</a>
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
            {list.items.map((o) => (
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
      <Pagination paged={list} query={query} label="Pages des organisations" />
    </Layout>
  );
}

export function NewOrganisationPage(
  props: ReturnType<typeof referenceSearch> & {
    ctx: PageContext;
    errors?: Errors;
    values?: Values;
    error?: string | undefined;
  },
) {
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
          props.items.length ? (
            <>
              {props.total > props.items.length ? (
                <p role="status">
                  {props.total} collectivités correspondent à « {props.q} » ; voici les {props.items.length}{' '}
                  plus proches. Précisez le nom pour trouver les autres.
                </p>
              ) : null}
              <ul aria-label="Résultats du référentiel" class="cards">
                {props.items.map((m) => (
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
            </>
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
