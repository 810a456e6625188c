// A fund's projects for staff: what each was allocated, paid and still owed, the committee's decision behind
// it, its reports, and a form to record a payment against each project not fully paid.
import { countryName } from '../../../platform/countries.ts';
import { formatCents } from '../../../platform/money.ts';
import { formatDate } from '../../../platform/time.ts';
import { CsrfField, ErrorSummary, Field, type PageContext } from '../../../platform/views/layout.tsx';
import type { Fund } from '../funds.ts';
import { allocationStatusLabels, type Decision, type Project } from '../projects.ts';
import type { FundReport } from '../reports.ts';
import { decisionInWords, FundFrame } from './committee.tsx';
import { type FormState, fundPaths } from './fund-nav.tsx';

export interface ProjectRow {
  project: Project;
  decision: Decision | undefined;
  reports: FundReport[];
}

export function ProjectsPage(props: {
  ctx: PageContext;
  fund: Fund;
  rows: ProjectRow[];
  /** A refused payment: its project, what was typed and why. */
  payment?: { allocationId: string; form: FormState } | undefined;
  /** A fresh key for each form of each rendering: a payment sent twice records once. */
  newKey: () => string;
  today: string;
  notice?: string | undefined;
}) {
  const { fund, rows } = props;
  const paths = fundPaths(fund.id);
  const unpaid = fund.status === 'open' ? rows.filter((r) => r.project.committedCents > 0) : [];
  // A payment refused for a project that no longer shows its form (the fund closed, the rest paid meanwhile).
  const orphan =
    props.payment && !unpaid.some((r) => r.project.id === props.payment?.allocationId)
      ? props.payment
      : undefined;
  return (
    <FundFrame
      ctx={props.ctx}
      fund={fund}
      title="Projets et paiements"
      current={paths.projects}
      notice={props.notice}
    >
      {orphan ? (
        <ErrorSummary errors={orphan.form.errors} targets={{ amount: '_', paidOn: '_', reference: '_' }} />
      ) : null}
      <p>
        Un projet est financé par une décision adoptée du comité des donateurs
        {fund.status === 'open' ? (
          <>
            {' '}
            : <a href={paths.newDecision}>enregistrer une décision</a>
          </>
        ) : null}
        . Les paiements se font ensuite, en une ou plusieurs fois, jamais au-delà du montant affecté.
      </p>
      {rows.length === 0 ? (
        <p>Aucun projet n’est encore financé par ce fonds.</p>
      ) : (
        <div class="table-scroll">
          <table class="table-cards">
            <caption>Projets du fonds, les plus récents d’abord (montants en euros)</caption>
            <thead>
              <tr>
                <th scope="col">Bénéficiaire</th>
                <th scope="col">Objet</th>
                <th scope="col">Pays</th>
                <th scope="col">Affecté</th>
                <th scope="col">Versé</th>
                <th scope="col">Reste à verser</th>
                <th scope="col">État</th>
                <th scope="col">Décision du comité</th>
                <th scope="col">Rapports</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ project: p, decision, reports }) => (
                <tr key={p.id} id={`projet-${p.id}`}>
                  <th scope="row" class="name">
                    {p.beneficiary}
                  </th>
                  <td data-label="Objet">{p.purpose}</td>
                  <td data-label="Pays">{p.country ? countryName(p.country) : '—'}</td>
                  <td data-label="Affecté">{formatCents(p.allocatedCents)}</td>
                  <td data-label="Versé">{formatCents(p.disbursedCents)}</td>
                  <td data-label="Reste à verser">{formatCents(p.committedCents)}</td>
                  <td data-label="État">{allocationStatusLabels[p.status]}</td>
                  <td data-label="Décision du comité">
                    {decision
                      ? `Décision du ${formatDate(decision.decidedOn)} : ${decisionInWords(decision)}`
                      : 'Sans vote du comité (affectation directe)'}
                  </td>
                  <td data-label="Rapports">
                    {reports.length ? (
                      <ul>
                        {reports.map((r) => (
                          <li key={r.id}>
                            <a href={`${paths.reports}/${r.id}/modifier`}>{r.title}</a> (
                            {r.publishedAt ? 'publié' : 'non publié'})
                          </li>
                        ))}
                      </ul>
                    ) : (
                      'Aucun'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {unpaid.length ? <h2 id="paiements">Enregistrer un paiement</h2> : null}
      {unpaid.map(({ project: p }) => {
        const refused = props.payment?.allocationId === p.id ? props.payment.form : undefined;
        const v = refused?.values ?? { paidOn: props.today };
        const e = refused?.errors ?? {};
        const id = (name: string) => `${name}-${p.id}`;
        return (
          <section key={p.id} aria-labelledby={id('titre')}>
            <h3 id={id('titre')}>
              {p.beneficiary} — reste {formatCents(p.committedCents)} à verser
            </h3>
            <form method="post" action={`${paths.projects}/${p.id}/paiements`} novalidate>
              <CsrfField ctx={props.ctx} />
              <ErrorSummary
                errors={e}
                targets={Object.fromEntries(Object.keys(e).map((k) => [k, k === '_' ? '_' : id(k)]))}
              />
              <input type="hidden" name="idempotencyKey" value={props.newKey()} />
              <Field
                name="amount"
                id={id('amount')}
                label="Montant en euros"
                required
                value={v.amount}
                error={e.amount}
              />
              <Field
                name="paidOn"
                id={id('paidOn')}
                type="date"
                label="Payé le"
                required
                value={v.paidOn}
                error={e.paidOn}
              />
              <Field
                name="reference"
                id={id('reference')}
                label="Référence du virement"
                required
                value={v.reference}
                error={e.reference}
              />
              <button type="submit">
                Enregistrer le paiement<span class="visually-hidden"> à {p.beneficiary}</span>
              </button>
            </form>
          </section>
        );
      })}
    </FundFrame>
  );
}
