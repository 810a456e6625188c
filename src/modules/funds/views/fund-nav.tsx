// Where a fund's staff pages are, and the menu that leads from each to the others (the books, the committee,
// the projects, the reports): one list for every staff page of a fund.
import type { PageContext } from '../../../platform/views/layout.tsx';
import { StaffNav } from '../../../platform/views/staff-nav.tsx';
import type { Fund } from '../funds.ts';

/** A form's errors, by field. */
export type Errors = Record<string, string>;

/** A form as shown again: what was typed and what was refused. */
export interface FormState<V = Record<string, string>> {
  values: V;
  errors: Errors;
}

export const base = '/gestion/fonds';

/** Where each staff page of one fund is. */
export const fundPaths = (id: string) => {
  const account = `${base}/${id}`;
  return {
    account,
    edit: `${account}/modifier`,
    remove: `${account}/supprimer`,
    ledger: `${account}/grand-livre`,
    closure: `${account}/cloturer`,
    committee: `${account}/comite`,
    newDecision: `${account}/decisions/nouvelle`,
    projects: `${account}/projets`,
    reports: `${account}/rapports`,
    newReport: `${account}/rapports/nouveau`,
    bulkReports: `${account}/rapports/publication`,
    publicPage: `/fonds/${id}`,
  };
};

/** The staff's menu, then the fund's own pages. */
export function FundNav({ ctx, fund, current }: { ctx: PageContext; fund?: Fund; current: string }) {
  const paths = fund ? fundPaths(fund.id) : undefined;
  const links = paths
    ? ([
        [paths.account, 'Compte du fonds'],
        [paths.committee, 'Comité des donateurs'],
        [paths.projects, 'Projets et paiements'],
        [paths.reports, 'Rapports'],
        [paths.ledger, 'Grand livre'],
        [paths.closure, fund!.status === 'closed' ? 'Clôture' : 'Clôturer'],
        [paths.edit, 'Modifier'],
        [paths.publicPage, 'Page publique'],
      ] as const)
    : [];
  return (
    <>
      <StaffNav ctx={ctx} current={base} />
      {fund ? (
        <nav aria-label={`Fonds « ${fund.name} »`} class="actions">
          <a href={base}>Tous les fonds</a>
          {links.map(([href, label]) => (
            <a key={href} href={href} aria-current={current === href ? 'page' : undefined}>
              {label}
            </a>
          ))}
        </nav>
      ) : null}
    </>
  );
}
