// The staff's people directory: filters, the honest count, a page of people, and the exports of the list as
// filtered.
import { pageCount } from '../../../platform/pagination.ts';
import { Field, Layout, type PageContext, Select } from '../../../platform/views/layout.tsx';
import { Pagination } from '../../../platform/views/pagination.tsx';
import { StaffNav } from '../../../platform/views/staff-nav.tsx';
import type { DirectoryPageData } from '../organisations.queries.ts';
import { personKindLabels } from '../people.ts';
import type { PeopleFilters } from '../people-directory.ts';
import { RegionFilter, YesNoFilter } from './filters.tsx';

const kindOptions = (['elected', 'officer', 'partner', 'staff'] as const).map(
  (k) => [k, personKindLabels[k]] as const,
);

/** The filters as an address's query (the page left out unless given). */
export function filtersQuery(filters: PeopleFilters, page?: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters))
    if (value !== undefined && key !== 'page') params.set(key, String(value));
  if (page) params.set('page', String(page));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function PeopleDirectoryPage(
  props: DirectoryPageData & {
    ctx: PageContext;
    filters: PeopleFilters;
    organisationName?: string | undefined;
    notice?: string | undefined;
  },
) {
  const { filters, list } = props;
  const exportQuery = filtersQuery(filters);
  return (
    <Layout ctx={props.ctx} title="Personnes" notice={props.notice}>
      <h1>Personnes</h1>
      <StaffNav ctx={props.ctx} current="/gestion/personnes" />
      <form method="get" action="/gestion/personnes" class="filters" aria-label="Filtrer les personnes">
        <Field
          name="q"
          label="Nom ou adresse électronique"
          type="search"
          value={filters.q}
          hint="Les accents et les majuscules ne comptent pas."
        />
        <Select name="kind" label="Type" options={kindOptions} value={filters.kind} empty="Tous" />
        {filters.organisationId ? (
          <input type="hidden" name="organisationId" value={filters.organisationId} />
        ) : (
          <Field name="organisation" label="Organisation" type="search" value={filters.organisation} />
        )}
        <RegionFilter label="Région de l’organisation" regions={props.regions} value={filters.region} />
        <YesNoFilter name="member" label={`Organisation adhérente en ${props.year}`} value={filters.member} />
        <YesNoFilter name="mandate" label="Mandat en cours" value={filters.mandate} />
        <div class="field">
          <button type="submit">Filtrer</button>
        </div>
      </form>
      {filters.organisationId ? (
        <p>
          Organisation : <strong>{props.organisationName ?? 'inconnue'}</strong> —{' '}
          <a href={`/gestion/personnes${filtersQuery({ ...filters, organisationId: undefined })}`}>
            toutes les organisations
          </a>
        </p>
      ) : null}
      <p role="status">
        {list.total} personne{list.total > 1 ? 's' : ''} — page {list.page} sur {pageCount(list)}. Exporter
        cette liste : <a href={`/gestion/export/personnes.csv${exportQuery}`}>CSV</a>,{' '}
        <a href={`/gestion/export/personnes.xlsx${exportQuery}`}>Excel</a>
      </p>
      {list.items.length ? (
        <div class="table-scroll">
          <table class="table-cards">
            <caption>Personnes, par ordre alphabétique des noms</caption>
            <thead>
              <tr>
                <th scope="col">Nom</th>
                <th scope="col">Type</th>
                <th scope="col">Organisation</th>
                <th scope="col">Mandat en cours</th>
                <th scope="col">Adresse électronique</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map(({ person: p, organisationName, organisationArchived, mandates }) => (
                <tr key={p.id}>
                  <td data-label="Nom">
                    <a href={`/gestion/personnes/${p.id}`}>{`${p.lastName} ${p.firstName}`}</a>
                    {p.referent ? ' (référent·e)' : ''}
                    {p.disabledAt ? ' — compte désactivé' : ''}
                  </td>
                  <td data-label="Type">{personKindLabels[p.kind]}</td>
                  <td data-label="Organisation">
                    {organisationName ?? '—'}
                    {organisationArchived ? ' (archivée)' : ''}
                  </td>
                  <td data-label="Mandat en cours">{mandates.join(' ; ') || '—'}</td>
                  <td data-label="Adresse électronique">{p.email}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>Aucune personne ne correspond à ces filtres.</p>
      )}
      <Pagination
        paged={list}
        query={(page) => filtersQuery(filters, page)}
        label="Pages de l’annuaire des personnes"
      />
    </Layout>
  );
}
