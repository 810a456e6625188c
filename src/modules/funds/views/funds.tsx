// The funds' pages for everyone and for contributors: « Fonds de solidarité », a fund's transparency page,
// and « Mon espace » → « Fonds » (what the organisation promised and gave, its receipts, its choices).
import { countryName } from '../../../platform/countries.ts';
import { formatCents } from '../../../platform/money.ts';
import { formatDate } from '../../../platform/time.ts';
import { CsrfField, Layout, type PageContext, Select } from '../../../platform/views/layout.tsx';
import { renderMarkdown } from '../../content/markdown.ts';
import type { Person } from '../../organisations/people.ts';
import type { Fund } from '../funds.ts';
import { allocationStatusLabels } from '../projects.ts';
import type { FundPageData, FundRow, MyFund } from '../queries.ts';
import { type FundReport, reportKindLabels } from '../reports.ts';
import { FundChart } from './chart.tsx';

const fundHref = (fund: Fund) => `/fonds/${fund.id}`;
const receiptHref = (groupId: string) => `/fonds/recus/${groupId}.pdf`;

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('fr-FR')} ${n > 1 ? many : one}`;
const countries = (codes: string[]) => codes.map(countryName).join(', ');

/** Staff's Markdown, escaped by markdown-it (no HTML passes). */
function Markdown({ source }: { source: string }) {
  return <div class="markdown" dangerouslySetInnerHTML={{ __html: renderMarkdown(source) }} />;
}

function FundCard({ row }: { row: FundRow }) {
  const { fund, balances } = row;
  return (
    <li class="card">
      <h3>
        <a href={fundHref(fund)}>{fund.name}</a>
      </h3>
      {fund.cause ? <p>{fund.cause}</p> : null}
      <dl class="facts">
        {fund.countries.length ? (
          <>
            <dt>Pays</dt>
            <dd>{countries(fund.countries)}</dd>
          </>
        ) : null}
        <dt>Collecté</dt>
        <dd>{formatCents(balances.receivedCents)}</dd>
        <dt>Contributeurs</dt>
        <dd>{row.contributors.toLocaleString('fr-FR')}</dd>
        <dt>Disponible</dt>
        <dd>{formatCents(balances.availableCents)}</dd>
        {fund.closedOn ? (
          <>
            <dt>Clôturé le</dt>
            <dd>{formatDate(fund.closedOn)}</dd>
          </>
        ) : null}
      </dl>
      <p>
        <a href={fundHref(fund)}>Les comptes du fonds {fund.name}</a>
      </p>
    </li>
  );
}

export function FundsPage({ ctx, rows }: { ctx: PageContext; rows: FundRow[] }) {
  const open = rows.filter((r) => r.fund.status === 'open');
  const closed = rows.filter((r) => r.fund.status === 'closed');
  return (
    <Layout ctx={ctx} title="Fonds de solidarité">
      <h1>Fonds de solidarité</h1>
      <p>
        Quand une crise frappe, le réseau ouvre un fonds auquel les collectivités contribuent. Le comité des
        donateurs décide de l’emploi de l’argent ; chaque fonds rend ses comptes ici, à l’euro près.
      </p>
      {rows.length === 0 ? <p>Aucun fonds pour le moment.</p> : null}
      {open.length ? (
        <section aria-labelledby="fonds-ouverts">
          <h2 id="fonds-ouverts">Fonds ouverts</h2>
          <ul class="cards">
            {open.map((row) => (
              <FundCard key={row.fund.id} row={row} />
            ))}
          </ul>
        </section>
      ) : null}
      {closed.length ? (
        <section aria-labelledby="fonds-clotures">
          <h2 id="fonds-clotures">Fonds clôturés</h2>
          <ul class="cards">
            {closed.map((row) => (
              <FundCard key={row.fund.id} row={row} />
            ))}
          </ul>
        </section>
      ) : null}
    </Layout>
  );
}

function Report({ report, level }: { report: FundReport; level: 3 | 4 }) {
  const Heading = level === 3 ? 'h3' : 'h4';
  return (
    <article class="fund-report">
      <Heading>{report.title}</Heading>
      <p class="muted">
        {reportKindLabels[report.kind]} du {formatDate(report.reportedOn)}
      </p>
      <Markdown source={report.body} />
    </article>
  );
}

/** « Angers, Lyon et 3 autres contributeurs ». */
function Contributors({ total, named }: { total: number; named: string[] }) {
  if (total === 0) return <p>Aucune contribution reçue pour le moment.</p>;
  const others = total - named.length;
  return (
    <>
      {named.length ? (
        <ul class="columns" id="contributeurs-nommes">
          {named.map((name) => (
            <li key={name}>{name}</li>
          ))}
        </ul>
      ) : null}
      {others > 0 ? (
        <p>
          {named.length
            ? `et ${plural(others, 'autre contributeur', 'autres contributeurs')}`
            : plural(others, 'contributeur', 'contributeurs')}
        </p>
      ) : null}
    </>
  );
}

export function FundPage({
  ctx,
  data,
  notice,
}: {
  ctx: PageContext;
  data: FundPageData;
  notice?: string | undefined;
}) {
  const { fund, balances } = data;
  const finals = fund.status === 'closed' ? data.reports.filter((r) => r.kind === 'final') : [];
  const others = data.reports.filter((r) => !finals.includes(r));
  const progress =
    fund.targetCents && fund.targetCents > 0
      ? Math.min(100, Math.floor((balances.receivedCents * 100) / fund.targetCents))
      : undefined;
  return (
    <Layout ctx={ctx} title={`Fonds ${fund.name}`} notice={notice}>
      <p>
        <a href="/fonds">← Fonds de solidarité</a>
      </p>
      <h1>Fonds de solidarité « {fund.name} »</h1>
      {fund.closedOn ? (
        <p class="fund-closed">
          <strong>Clôturé le {formatDate(fund.closedOn)}</strong> : ses comptes sont arrêtés.
        </p>
      ) : null}
      {finals.length ? (
        <section aria-labelledby="rapport-final">
          <h2 id="rapport-final">Rapport final</h2>
          {finals.map((report) => (
            <Report key={report.id} report={report} level={3} />
          ))}
        </section>
      ) : null}
      <dl class="facts">
        {fund.cause ? (
          <>
            <dt>Cause</dt>
            <dd>{fund.cause}</dd>
          </>
        ) : null}
        {fund.countries.length ? (
          <>
            <dt>Pays</dt>
            <dd>{countries(fund.countries)}</dd>
          </>
        ) : null}
        <dt>Ouvert le</dt>
        <dd>{formatDate(fund.openedOn)}</dd>
      </dl>
      {fund.description ? <Markdown source={fund.description} /> : null}

      <h2>Les comptes du fonds</h2>
      <dl class="facts" id="chiffres">
        <dt>Collecté</dt>
        <dd>{formatCents(balances.receivedCents)}</dd>
        <dt>Contributeurs</dt>
        <dd>{data.contributors.toLocaleString('fr-FR')}</dd>
        <dt>Affecté aux projets</dt>
        <dd>{formatCents(balances.allocatedCents)}</dd>
        <dt>Versé aux projets</dt>
        <dd>{formatCents(balances.disbursedCents)}</dd>
        <dt>Disponible</dt>
        <dd>{formatCents(balances.availableCents)}</dd>
        {fund.targetCents ? (
          <>
            <dt>Objectif</dt>
            <dd>
              {formatCents(fund.targetCents)} — <label for="progression">{progress} % atteints</label>{' '}
              <progress id="progression" max={100} value={progress}>
                {progress} %
              </progress>
            </dd>
          </>
        ) : null}
      </dl>
      <p class="hint">
        Disponible = collecté − versé − affecté restant à verser. Chaque montant est la somme des écritures du
        grand livre du fonds.
      </p>
      {data.bankReference ? (
        <section aria-labelledby="coordonnees-bancaires">
          <h2 id="coordonnees-bancaires">Coordonnées bancaires du fonds</h2>
          <p class="hint">Visibles des seules organisations contributrices et de l’équipe du réseau.</p>
          <p class="bank-reference">{data.bankReference}</p>
        </section>
      ) : null}

      <h2>Contributeurs</h2>
      <Contributors total={data.contributors} named={data.named} />

      <h2>Au fil des mois</h2>
      <FundChart months={data.months} caption={`Fonds « ${fund.name} » : reçu, affecté et versé`} />

      <h2>Projets financés</h2>
      {data.projects.length === 0 ? <p>Le comité n’a encore affecté aucune somme.</p> : null}
      {data.projects.map((project) => (
        <article key={project.id} class="card fund-project">
          <h3>{project.beneficiary}</h3>
          <p>{project.purpose}</p>
          <dl class="facts">
            {project.country ? (
              <>
                <dt>Pays</dt>
                <dd>{countryName(project.country)}</dd>
              </>
            ) : null}
            <dt>Affecté</dt>
            <dd>{formatCents(project.allocatedCents)}</dd>
            <dt>Versé</dt>
            <dd>{formatCents(project.disbursedCents)}</dd>
            <dt>État</dt>
            <dd>{allocationStatusLabels[project.status]}</dd>
          </dl>
          {project.reports.map((report) => (
            <Report key={report.id} report={report} level={4} />
          ))}
        </article>
      ))}

      {others.length ? (
        <section aria-labelledby="rapports">
          <h2 id="rapports">Rapports</h2>
          {others.map((report) => (
            <Report key={report.id} report={report} level={3} />
          ))}
        </section>
      ) : null}
    </Layout>
  );
}

export interface ChoiceError {
  fundId: string;
  message: string;
}

/** The referent's form: named on the public page or not, who holds the organisation's vote. */
function ChoicesForm(props: { ctx: PageContext; row: MyFund; people: Person[]; error: string | undefined }) {
  const { fund, contributor } = props.row;
  const id = (name: string) => `${name}-${fund.id}`;
  return (
    <form method="post" action={`/mon-espace/fonds/${fund.id}`}>
      <CsrfField ctx={props.ctx} />
      {props.error ? (
        <p class="error-summary" role="alert">
          {props.error}
        </p>
      ) : null}
      <fieldset>
        <legend>Nommer {contributor.organisation.name} sur la page publique du fonds ?</legend>
        <div>
          <input type="radio" id={id('nommee')} name="named" value="oui" checked={contributor.named} />{' '}
          <label for={id('nommee')}>Oui, la nommer parmi les contributeurs</label>
        </div>
        <div>
          <input type="radio" id={id('anonyme')} name="named" value="non" checked={!contributor.named} />{' '}
          <label for={id('anonyme')}>Non, la compter seulement (« et 3 autres contributeurs »)</label>
        </div>
      </fieldset>
      <Select
        name="voterId"
        id={id('voix')}
        label="Qui porte la voix de l’organisation au comité des donateurs"
        empty="Personne pour le moment"
        options={props.people.map((p) => [p.id, `${p.firstName} ${p.lastName}`] as const)}
        value={contributor.voterId ?? ''}
      />
      <button type="submit">Enregistrer les choix pour ce fonds</button>
    </form>
  );
}

export function MyFundsPage(props: {
  ctx: PageContext;
  rows: MyFund[];
  /** The organisation's people (who may hold its vote). */
  people: Person[];
  /** Its referent (or staff) makes the choices; the others read them. */
  canChoose: boolean;
  notice?: string | undefined;
  error?: ChoiceError | undefined;
  /** Why there is nothing to show (no organisation). */
  empty?: string | undefined;
}) {
  const voterName = (row: MyFund) => {
    const voter = props.people.find((p) => p.id === row.contributor.voterId);
    return voter ? `${voter.firstName} ${voter.lastName}` : 'personne pour le moment';
  };
  return (
    <Layout ctx={props.ctx} title="Les fonds de mon organisation" notice={props.notice}>
      <p>
        <a href="/mon-espace">← Mon espace</a>
      </p>
      <h1>Les fonds de mon organisation</h1>
      {props.rows.length === 0 ? (
        <p>
          {props.empty ?? 'Votre organisation ne contribue à aucun fonds de solidarité.'}{' '}
          <a href="/fonds">Voir les fonds de solidarité</a>
        </p>
      ) : null}
      {props.rows.map((row) => {
        const { fund, contributor } = row;
        return (
          <section key={fund.id} id={`fonds-${fund.id}`} aria-labelledby={`titre-${fund.id}`}>
            <h2 id={`titre-${fund.id}`}>
              <a href={fundHref(fund)}>{fund.name}</a>
              {fund.closedOn ? <span class="muted"> (clôturé le {formatDate(fund.closedOn)})</span> : null}
            </h2>
            <dl class="facts">
              <dt>Promis</dt>
              <dd>{formatCents(contributor.pledgedCents)}</dd>
              <dt>Versé</dt>
              <dd>{formatCents(contributor.receivedCents)}</dd>
              <dt>Reste à verser</dt>
              <dd>{formatCents(contributor.outstandingCents)}</dd>
              {fund.bankReference ? (
                <>
                  <dt>Coordonnées bancaires</dt>
                  <dd>{fund.bankReference}</dd>
                </>
              ) : null}
            </dl>
            {row.pledges.length ? (
              <>
                <h3>Promesses de contribution</h3>
                <ul>
                  {row.pledges.map((p) => (
                    <li key={p.groupId}>
                      {formatCents(p.amountCents)} — {p.reference ?? 'sans référence'}
                      {p.decidedOn ? ` du ${formatDate(p.decidedOn)}` : ''}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            <h3>Reçus</h3>
            {row.receipts.length ? (
              <div class="table-scroll">
                <table>
                  <caption>
                    Reçus de {contributor.organisation.name} pour le fonds {fund.name}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Numéro</th>
                      <th scope="col">Reçu le</th>
                      <th scope="col">Montant</th>
                      <th scope="col">Référence du virement</th>
                      <th scope="col">Document</th>
                    </tr>
                  </thead>
                  <tbody>
                    {row.receipts.map((r) => (
                      <tr key={r.groupId}>
                        <th scope="row">{r.number}</th>
                        <td>{formatDate(r.receivedOn)}</td>
                        <td>
                          {formatCents(r.amountCents)}
                          {r.reversedOn ? ` (annulé le ${formatDate(r.reversedOn)})` : ''}
                        </td>
                        <td>{r.reference ?? '—'}</td>
                        <td>
                          <a href={receiptHref(r.groupId)} download>
                            Reçu n° {r.number} (PDF)
                          </a>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p class="muted">Aucun versement reçu pour le moment.</p>
            )}
            <h3>Choix de l’organisation</h3>
            {props.canChoose ? (
              <ChoicesForm
                ctx={props.ctx}
                row={row}
                people={props.people}
                error={props.error?.fundId === fund.id ? props.error.message : undefined}
              />
            ) : (
              <p>
                {contributor.named ? 'Nommée' : 'Non nommée'} sur la page publique ; voix au comité :{' '}
                {voterName(row)}. Le ou la référent·e de l’organisation fait ces choix.
              </p>
            )}
          </section>
        );
      })}
    </Layout>
  );
}
