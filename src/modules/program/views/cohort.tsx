// Staff's page of an edition's cohort: attendance against the rule, issuing the certificates (with an
// explicit confirmation when it is early), revoking one.
import { formatDate } from '../../../platform/time.ts';
import { frenchText } from '../../../platform/typography.ts';
import { CsrfField, Field, Layout, type PageContext } from '../../../platform/views/layout.tsx';
import type { Program } from '../programs.ts';
import type { RuleOutcome } from '../progress.ts';
import { ProgramNav } from './edition-nav.tsx';
import { attendanceInWords, cohortStandingLabel, plural, standingNeedsAttention } from './parts.tsx';

/** Issuing now: early or not, why, and the day the certificates will say. */
export interface IssuanceView {
  early: boolean;
  /** Why it is early (a sentence), when it is. */
  reason: string | undefined;
  issuedOn: string;
}

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
  issuance: IssuanceView;
  /** After « Délivrer les certificats »: how many this click issued. */
  issued?: number | undefined;
  /** The early issuance was not confirmed. */
  issueError?: string | undefined;
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
            ? 'Aucun nouveau certificat : chaque participant certifiable a déjà le sien.'
            : `${plural(props.issued, 'certificat délivré', 'certificats délivrés')}.`}
        </p>
      ) : null}
      <p>
        {plural(rows.length, 'participant')} ;{' '}
        {plural(issued.length, 'certificat délivré', 'certificats délivrés')}
        {due ? ` ; ${due} de plus ${due > 1 ? 'sont certifiables' : 'est certifiable'}` : ''}. Exporter :{' '}
        <a href={`${base}.csv`}>CSV</a>, <a href={`${base}.xlsx`}>Excel</a>
      </p>
      {rows.length === 0 ? (
        <p>Aucune candidature acceptée pour le moment.</p>
      ) : (
        <div class="table-scroll">
          <table class="table-cards">
            <caption>La promotion : présences et certificats</caption>
            <thead>
              <tr>
                <th scope="col">Nom</th>
                <th scope="col">Collectivité</th>
                <th scope="col">Présences</th>
                <th scope="col">Situation</th>
                <th scope="col">Certificat</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.personId}>
                  <th scope="row" class="name" data-label="Nom">
                    <a href={`/gestion/personnes/${r.personId}`}>{r.name}</a>
                  </th>
                  <td data-label="Collectivité">{r.organisationName ?? '—'}</td>
                  <td data-label="Présences">{attendanceInWords(r.outcome)}</td>
                  <td data-label="Situation">
                    <span
                      class={
                        standingNeedsAttention(r.outcome.standing, r.certificate)
                          ? 'badge badge-warn'
                          : 'badge badge-ok'
                      }
                    >
                      {cohortStandingLabel(r.outcome.standing, r.certificate)}
                    </span>
                  </td>
                  <td data-label="Certificat">
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
      <IssueForm
        ctx={props.ctx}
        program={program}
        issuance={props.issuance}
        due={due}
        error={props.issueError}
      />
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
                  <h3 class="name">
                    <a href={`/gestion/personnes/${r.personId}`}>{r.name}</a>
                  </h3>
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

/**
 * « Délivrer les certificats »: before the ceremony, the form says it is early and asks for an explicit
 * confirmation (a box to tick), and which day the certificates will say.
 */
function IssueForm(props: {
  ctx: PageContext;
  program: Program;
  issuance: IssuanceView;
  due: number;
  error: string | undefined;
}) {
  const { issuance } = props;
  return (
    <form
      method="post"
      action={`/gestion/parcours/${props.program.id}/certificats`}
      aria-labelledby="delivrer"
    >
      <h2 id="delivrer">Délivrer les certificats</h2>
      <CsrfField ctx={props.ctx} />
      <p class="hint">
        Chaque participant qui remplit les conditions et n’a pas encore de certificat en reçoit un, daté du{' '}
        {formatDate(issuance.issuedOn)} ; cliquer deux fois n’en délivre pas deux.
      </p>
      {issuance.early ? (
        <div class={props.error ? 'field field-error' : 'field'}>
          <p id="en-avance">
            <strong>{frenchText(issuance.reason ?? '')}</strong>
          </p>
          {props.error ? (
            <p class="error" id="confirmation-avance-error" role="alert">
              {props.error}
            </p>
          ) : null}
          <input
            type="checkbox"
            id="confirmation-avance"
            name="early"
            value="oui"
            aria-describedby={props.error ? 'en-avance confirmation-avance-error' : 'en-avance'}
            aria-invalid={props.error ? 'true' : undefined}
          />{' '}
          <label for="confirmation-avance">
            Je confirme délivrer les certificats en avance
            {props.due ? ` (${plural(props.due, 'participant')})` : ''}
          </label>
        </div>
      ) : null}
      <button type="submit">
        {issuance.early ? 'Délivrer les certificats en avance' : 'Délivrer les certificats'}
      </button>
    </form>
  );
}
