// Staff's page of an edition's cohort: attendance against the rule, issuing the certificates, revoking one.
import { formatDate } from '../../../platform/time.ts';
import { CsrfField, Field, Layout, type PageContext } from '../../../platform/views/layout.tsx';
import type { Program } from '../programs.ts';
import type { RuleOutcome } from '../progress.ts';
import { ProgramNav } from './edition-nav.tsx';
import { cohortStandingLabel, plural } from './parts.tsx';

export interface CohortRow {
  personId: string;
  name: string;
  email: string;
  organisationName: string | undefined;
  regionName: string | undefined;
  outcome: RuleOutcome;
  certificate:
    | { code: string; issuedOn: string; revokedAt: Date | null; revocationReason: string | null }
    | undefined;
}

export function CohortPage(props: {
  ctx: PageContext;
  program: Program;
  rows: CohortRow[];
  /** After « Délivrer les certificats »: how many this click issued. */
  issued?: number | undefined;
  revocationError?: { code: string; message: string } | undefined;
  notice?: string | undefined;
}) {
  const { program, rows } = props;
  const base = `/gestion/parcours/${program.id}/promotion`;
  const due = rows.filter((r) => r.outcome.eligible && !r.certificate).length;
  const issued = rows.filter((r) => r.certificate);
  return (
    <Layout ctx={props.ctx} title={`${program.title} — promotion`} notice={props.notice}>
      <h1>Promotion — {program.title}</h1>
      <ProgramNav ctx={props.ctx} program={program} current={base} />
      {props.issued !== undefined ? (
        <p class="notice" role="status">
          {props.issued === 0
            ? 'Aucun nouveau certificat : chaque participant éligible a déjà le sien.'
            : `${plural(props.issued, 'certificat délivré', 'certificats délivrés')}.`}
        </p>
      ) : null}
      <p>
        {plural(rows.length, 'participant')} ;{' '}
        {plural(issued.length, 'certificat délivré', 'certificats délivrés')}
        {due ? ` ; ${due} de plus ${due > 1 ? 'sont éligibles' : 'est éligible'}` : ''}. Exporter :{' '}
        <a href={`${base}.csv`}>CSV</a>, <a href={`${base}.xlsx`}>Excel</a>
      </p>
      {rows.length === 0 ? (
        <p>Aucune candidature acceptée pour le moment.</p>
      ) : (
        <div class="table-scroll">
          <table>
            <caption>La promotion : présences et certificats</caption>
            <thead>
              <tr>
                <th scope="col">Nom</th>
                <th scope="col">Collectivité</th>
                <th scope="col">Séances suivies</th>
                <th scope="col">Obligatoires</th>
                <th scope="col">Situation</th>
                <th scope="col">Certificat</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.personId}>
                  <td>{r.name}</td>
                  <td>{r.organisationName ?? '—'}</td>
                  <td>
                    {r.outcome.attended} / {r.outcome.minSessions}
                  </td>
                  <td>
                    {r.outcome.mandatoryAttended} / {r.outcome.mandatoryTotal}
                  </td>
                  <td>
                    <span
                      class={
                        r.certificate?.revokedAt || (!r.certificate && r.outcome.standing === 'at_risk')
                          ? 'badge badge-warn'
                          : 'badge badge-ok'
                      }
                    >
                      {cohortStandingLabel(r.outcome.standing, r.certificate)}
                    </span>
                  </td>
                  <td>
                    {r.certificate ? (
                      <a href={`/certificats/${r.certificate.code}`}>{r.certificate.code}</a>
                    ) : (
                      <span class="muted">aucun</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form method="post" action={`/gestion/parcours/${program.id}/certificats`}>
        <CsrfField ctx={props.ctx} />
        <p class="hint">
          Chaque participant éligible qui n’a pas encore de certificat en reçoit un ; cliquer deux fois n’en
          délivre pas deux.
        </p>
        <button type="submit">Délivrer les certificats</button>
      </form>
      {issued.length ? (
        <section aria-labelledby="revocation">
          <h2 id="revocation">Certificats délivrés</h2>
          <ul class="cards">
            {issued.map((r) => {
              const c = r.certificate!;
              const error =
                props.revocationError?.code === c.code ? props.revocationError.message : undefined;
              return (
                <li key={c.code} class="card">
                  <h3>{r.name}</h3>
                  <p>
                    Code <a href={`/certificats/${c.code}`}>{c.code}</a>, délivré le {formatDate(c.issuedOn)}.
                  </p>
                  {c.revokedAt ? (
                    <p>
                      <strong>Révoqué le {formatDate(c.revokedAt)}</strong>
                      {c.revocationReason ? ` : ${c.revocationReason}` : ''}
                    </p>
                  ) : (
                    <form method="post" action={`/gestion/certificats/${c.code}/revocation`}>
                      <CsrfField ctx={props.ctx} />
                      <Field
                        id={`reason-${c.code}`}
                        name="reason"
                        label={`Raison de la révocation du certificat de ${r.name}`}
                        error={error}
                        required
                      />
                      <button type="submit" class="button-secondary">
                        Révoquer ce certificat
                      </button>
                    </form>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
    </Layout>
  );
}
