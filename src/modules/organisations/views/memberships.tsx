// Memberships as staff reads them: an organisation's years, and the renewals due this year.
import { formatCents } from '../../../platform/money.ts';
import { formatDate } from '../../../platform/time.ts';
import { Layout, type PageContext } from '../../../platform/views/layout.tsx';
import { StaffNav } from '../../../platform/views/staff-nav.tsx';
import { type Membership, membershipStatusLabels } from '../memberships.ts';
import type { renewalsPage } from '../organisations.queries.ts';

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

export function RenewalsPage(
  props: Awaited<ReturnType<typeof renewalsPage>> & { ctx: PageContext; notice?: string | undefined },
) {
  return (
    <Layout ctx={props.ctx} title="Renouvellements" notice={props.notice}>
      <h1>Renouvellements {props.year}</h1>
      <StaffNav ctx={props.ctx} current="/gestion/adhesions/renouvellement" />
      <p>
        Adhérentes en {props.year - 1} qui n’ont pas encore d’adhésion pour {props.year} : {props.rows.length}
        . Une relance écrit aux référent·es de l’organisation, ou à ses élu·es quand elle n’a pas de
        référent·e, une seule fois par campagne de relance.
      </p>
      {props.rows.length ? (
        <>
          <p>
            <a class="button" href="/gestion/adhesions/relance">
              Relancer toutes les adhérentes en retard
            </a>
          </p>
          <div class="table-scroll">
            <table class="table-cards">
              <caption>Adhésions à renouveler</caption>
              <thead>
                <tr>
                  <th scope="col">Organisation</th>
                  <th scope="col">Cotisation {props.year - 1}</th>
                  <th scope="col">Destinataires d’une relance</th>
                  <th scope="col">Dernière relance</th>
                  <th scope="col">Action</th>
                </tr>
              </thead>
              <tbody>
                {props.rows.map((r) => (
                  <tr key={r.organisation.id}>
                    <td data-label="Organisation">
                      <a href={`/gestion/organisations/${r.organisation.id}#adhesions`}>
                        {r.organisation.name}
                      </a>
                    </td>
                    <td data-label="Cotisation">
                      {r.lastYear.feeCents === null ? '—' : formatCents(r.lastYear.feeCents)}
                    </td>
                    <td data-label="Destinataires">
                      {r.recipients === 0 ? 'Aucun : ni référent·e ni élu·e' : r.recipients}
                    </td>
                    <td data-label="Dernière relance">
                      {r.lastReminder
                        ? `Relance n° ${r.lastReminder.round}, le ${formatDate(r.lastReminder.createdAt)}${
                            r.lastReminder.sentAt ? '' : ' (en cours d’envoi)'
                          }`
                        : 'Jamais'}
                    </td>
                    <td data-label="Action">
                      <a
                        href={`/gestion/adhesions/relance?organisation=${r.organisation.id}`}
                        aria-label={`Relancer ${r.organisation.name}`}
                      >
                        Relancer
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </Layout>
  );
}
