// The staff's pages of the solidarity funds: the list with its figures, a fund's form, its deletion (while it
// has no movement) and its account: figures explained, contributors, and the forms that record money.
import { countryName } from '../../../platform/countries.ts';
import { formatCents } from '../../../platform/money.ts';
import { formatDate } from '../../../platform/time.ts';
import {
  CsrfField,
  ErrorSummary,
  Field,
  Layout,
  type PageContext,
  Select,
  TextArea,
} from '../../../platform/views/layout.tsx';
import { OrganisationSearch } from '../../organisations/views/organisation-search.tsx';
import type { Contributor, Receipt } from '../contributions.ts';
import { fundStatuses } from '../funds.schema.ts';
import { type Fund, fundStatusLabels } from '../funds.ts';
import type { Balances } from '../ledger.ts';
import type { FundReport } from '../reports.ts';
import { base, type Errors, type FormState, FundNav, fundPaths } from './fund-nav.tsx';

export const receiptPdf = (groupId: string) => `/fonds/recus/${groupId}.pdf`;

const countriesOf = (fund: Fund) => fund.countries.map(countryName).join(', ');

function StatusBadge({ fund }: { fund: Fund }) {
  return (
    <span class={fund.status === 'open' ? 'badge badge-ok' : 'badge'}>
      {fundStatusLabels[fund.status]}
      {fund.closedOn ? ` le ${formatDate(fund.closedOn)}` : ''}
    </span>
  );
}

// ——— The list ———

export interface FundListFilters {
  q?: string | undefined;
  status?: string | undefined;
}

export function listQuery(filters: FundListFilters): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) params.set(k, v);
  const query = params.toString();
  return query ? `?${query}` : '';
}

export interface FundRow {
  fund: Fund;
  balances: Balances;
}

export function StaffFundsPage(props: {
  ctx: PageContext;
  filters: FundListFilters;
  rows: FundRow[];
  notice?: string | undefined;
}) {
  const { rows, filters } = props;
  const query = listQuery(filters);
  return (
    <Layout ctx={props.ctx} title="Fonds de solidarité — gestion" notice={props.notice}>
      <h1>Fonds de solidarité</h1>
      <FundNav ctx={props.ctx} current={base} />
      <p>
        <a class="button" href={`${base}/nouveau`}>
          Ouvrir un fonds
        </a>
      </p>
      <form method="get" action={base} class="filters" aria-label="Filtrer les fonds">
        <Field name="q" label="Recherche" type="search" value={filters.q} hint="Nom ou cause du fonds" />
        <Select
          name="status"
          label="État"
          options={fundStatuses.map((s) => [s, fundStatusLabels[s]] as const)}
          value={filters.status}
          empty="Tous"
        />
        <div class="field">
          <button type="submit">Filtrer</button>
        </div>
      </form>
      <p role="status">
        {rows.length} fonds. Exporter cette liste : <a href={`${base}.csv${query}`}>CSV</a>,{' '}
        <a href={`${base}.xlsx${query}`}>Excel</a>
      </p>
      {rows.length === 0 ? (
        <p>Aucun fonds ne correspond.</p>
      ) : (
        <div class="table-scroll">
          <table class="table-cards">
            <caption>
              Les fonds, ouverts d’abord, puis les plus récents ; montants tirés du grand livre
            </caption>
            <thead>
              <tr>
                <th scope="col">Fonds</th>
                <th scope="col">État</th>
                <th scope="col">Ouvert le</th>
                <th scope="col">Reçu</th>
                <th scope="col">Affecté</th>
                <th scope="col">Versé</th>
                <th scope="col">Disponible</th>
                <th scope="col">Pages</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ fund, balances }) => {
                const paths = fundPaths(fund.id);
                return (
                  <tr key={fund.id}>
                    <th scope="row" class="name">
                      <a href={paths.account}>{fund.name}</a>
                      {fund.cause ? <span class="muted"> — {fund.cause}</span> : null}
                    </th>
                    <td data-label="État">
                      <StatusBadge fund={fund} />
                    </td>
                    <td data-label="Ouvert le">{formatDate(fund.openedOn)}</td>
                    <td data-label="Reçu">{formatCents(balances.receivedCents)}</td>
                    <td data-label="Affecté">{formatCents(balances.allocatedCents)}</td>
                    <td data-label="Versé">{formatCents(balances.disbursedCents)}</td>
                    <td data-label="Disponible">{formatCents(balances.availableCents)}</td>
                    <td data-label="Pages">
                      <a href={paths.ledger}>
                        Grand livre<span class="visually-hidden"> de {fund.name}</span>
                      </a>
                      {' · '}
                      <a href={paths.publicPage}>
                        Page publique<span class="visually-hidden"> de {fund.name}</span>
                      </a>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

// ——— A fund's form ———

/** The fund's form as typed: the target in euros, the countries as codes separated by commas. */
export interface FundValues {
  name: string;
  cause: string;
  countries: string;
  openedOn: string;
  target: string;
  description: string;
  bankReference: string;
  quorumPercent: string;
}

function FundFields({ form }: { form: FormState<FundValues> }) {
  const { values: v, errors: e } = form;
  return (
    <>
      <Field name="name" label="Nom du fonds" value={v.name} required error={e.name} />
      <Field
        name="cause"
        label="Cause"
        value={v.cause}
        error={e.cause}
        hint="La crise à laquelle il répond, en une ligne (« Typhon Yagi, septembre 2024 »)."
      />
      <Field
        name="countries"
        label="Pays aidés"
        value={v.countries}
        error={e.countries}
        hint="Codes ISO à deux lettres, séparés par des virgules : UA, MD, PL pour l’Ukraine, la Moldavie et la Pologne."
      />
      <Field
        name="openedOn"
        label="Ouvert le"
        type="date"
        value={v.openedOn}
        error={e.openedOn}
        hint="Aujourd’hui si vous le laissez vide."
      />
      <Field
        name="target"
        label="Objectif de collecte, en euros (facultatif)"
        value={v.target}
        error={e.target}
        hint="Par exemple 150 000 ou 150 000,50."
      />
      <TextArea name="description" label="Description" value={v.description} error={e.description} rows={6} />
      <Field
        name="bankReference"
        label="Coordonnées bancaires du fonds"
        value={v.bankReference}
        error={e.bankReference}
        hint="IBAN et référence à rappeler sur le virement : montrés aux contributeurs et à l’équipe seulement."
      />
      <Field
        name="quorumPercent"
        label="Quorum du comité des donateurs, en pour cent des contributeurs"
        type="number"
        value={v.quorumPercent}
        error={e.quorumPercent}
        hint="50 si vous le laissez vide : la moitié des organisations contributrices doivent voter."
      />
    </>
  );
}

export function FundFormPage(props: { ctx: PageContext; fund?: Fund; form: FormState<FundValues> }) {
  const { fund } = props;
  const title = fund ? `Modifier le fonds « ${fund.name} »` : 'Ouvrir un fonds de solidarité';
  const action = fund ? fundPaths(fund.id).edit : `${base}/nouveau`;
  return (
    <Layout ctx={props.ctx} title={title}>
      <h1>{title}</h1>
      <FundNav ctx={props.ctx} fund={fund} current={action} />
      <ErrorSummary errors={props.form.errors} />
      <form method="post" action={action}>
        <CsrfField ctx={props.ctx} />
        <FundFields form={props.form} />
        <button type="submit">{fund ? 'Enregistrer' : 'Ouvrir le fonds'}</button>
      </form>
      {fund ? (
        <p>
          <a href={fundPaths(fund.id).remove}>Supprimer ce fonds</a> (tant qu’aucun mouvement n’est
          enregistré)
        </p>
      ) : null}
    </Layout>
  );
}

// ——— Deleting a fund ———

export function DeleteFundPage(props: {
  ctx: PageContext;
  fund: Fund;
  movements: number;
  reports: FundReport[];
  meetings: number;
  error?: string | undefined;
}) {
  const { fund, movements, reports, meetings } = props;
  const paths = fundPaths(fund.id);
  const deletable = movements === 0 && fund.status === 'open';
  return (
    <Layout ctx={props.ctx} title={`Supprimer le fonds « ${fund.name} »`}>
      <h1>Supprimer le fonds « {fund.name} » ?</h1>
      <FundNav ctx={props.ctx} fund={fund} current={paths.remove} />
      {props.error ? (
        <div class="error-summary" role="alert">
          <h2>Le fonds n’est pas supprimé</h2>
          <p>{props.error}</p>
        </div>
      ) : null}
      {deletable ? (
        <>
          <p>Ce fonds n’a aucun mouvement d’argent. La suppression efface, sans retour :</p>
          <ul>
            <li>le fonds, sa description et sa page publique ;</li>
            <li>
              {reports.length === 0
                ? 'aucun rapport (il n’en a pas) ;'
                : `ses ${reports.length} rapport(s) : ${reports.map((r) => `« ${r.title} »`).join(', ')} ;`}
            </li>
            <li>
              {meetings === 0
                ? 'aucun lien de réunion (il n’en a pas).'
                : `ses liens vers ${meetings} réunion(s) du comité : les événements restent à l’agenda.`}
            </li>
          </ul>
          <form method="post" action={paths.remove}>
            <CsrfField ctx={props.ctx} />
            <button type="submit">Confirmer : supprimer le fonds « {fund.name} »</button>
          </form>
        </>
      ) : (
        <p>
          {fund.status === 'closed'
            ? 'Ce fonds est clôturé : ses comptes sont arrêtés, il ne se supprime pas.'
            : `Ce fonds a ${movements} mouvement(s) au grand livre : il ne peut plus être supprimé. Il se clôture une fois son solde affecté et versé.`}
        </p>
      )}
      <p>
        <a href={paths.account}>Revenir au fonds sans rien changer</a>
      </p>
    </Layout>
  );
}

// ——— A fund's account ———

/** The figures, each with what it means (`explained`) or as a short list. */
export function Figures({ balances, explained = true }: { balances: Balances; explained?: boolean }) {
  const figures = [
    [
      'Promis',
      balances.pledgedCents,
      'Les promesses de contribution votées par les organisations (délibérations) : hors bilan, ce n’est pas encore de l’argent reçu.',
    ],
    [
      'Reçu',
      balances.receivedCents,
      'Les versements arrivés sur le compte du fonds ; chacun a son reçu numéroté.',
    ],
    ['Affecté', balances.allocatedCents, 'Ce que le comité des donateurs a attribué aux projets.'],
    ['Versé', balances.disbursedCents, 'Ce qui a été payé aux projets sur ces affectations.'],
    [
      'Affecté restant à verser',
      balances.committedCents,
      'Attribué aux projets, pas encore payé : cet argent est réservé.',
    ],
    [
      'Disponible',
      balances.availableCents,
      'Reçu, moins versé, moins affecté restant à verser : ce que le comité peut encore attribuer.',
    ],
  ] as const;
  return (
    <dl class="facts">
      {figures.map(([label, cents, explanation]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>
            <strong>{formatCents(cents)}</strong>
            {explained ? <span class="muted"> — {explanation}</span> : null}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export interface Choice {
  id: string;
  label: string;
}

export interface PledgeValues {
  organisationId: string;
  amount: string;
  decisionReference: string;
  decidedOn: string;
  idempotencyKey: string;
}

export interface ReceiptValues {
  organisationId: string;
  amount: string;
  receivedOn: string;
  reference: string;
  idempotencyKey: string;
}

export interface AccountForms {
  pledge: FormState<PledgeValues>;
  receipt: FormState<ReceiptValues>;
}

/** The organisations to choose from, and the search that narrowed them. */
export interface OrganisationChoices {
  q: string;
  items: Choice[];
  /** How many match in all (more than offered: the search should be narrowed). */
  total: number;
}

function ReceiptLinks({ receipts }: { receipts: Receipt[] }) {
  if (receipts.length === 0) return <>—</>;
  return (
    <ul>
      {receipts.map((r) => (
        <li key={r.groupId}>
          <a href={receiptPdf(r.groupId)}>
            Reçu n° {r.number}
            <span class="visually-hidden"> (PDF)</span>
          </a>{' '}
          : {formatCents(r.amountCents)} le {formatDate(r.receivedOn)}
          {r.reversedOn ? ` (contre-passé le ${formatDate(r.reversedOn)})` : ''}
        </li>
      ))}
    </ul>
  );
}

function ContributorsTable({ contributors, receipts }: { contributors: Contributor[]; receipts: Receipt[] }) {
  if (contributors.length === 0) return <p>Aucune organisation n’a encore promis ni versé.</p>;
  const receiptsOf = (organisationId: string) => receipts.filter((r) => r.organisationId === organisationId);
  return (
    <div class="table-scroll">
      <table class="table-cards">
        <caption>Les organisations contributrices, par nom ; montants nets des contre-passations</caption>
        <thead>
          <tr>
            <th scope="col">Organisation</th>
            <th scope="col">Promis</th>
            <th scope="col">Reçu</th>
            <th scope="col">Reste à recevoir</th>
            <th scope="col">Nommée en public</th>
            <th scope="col">Reçus</th>
          </tr>
        </thead>
        <tbody>
          {contributors.map((c) => (
            <tr key={c.organisation.id}>
              <th scope="row" class="name">
                {c.organisation.name}
              </th>
              <td data-label="Promis">{formatCents(c.pledgedCents)}</td>
              <td data-label="Reçu">{formatCents(c.receivedCents)}</td>
              <td data-label="Reste à recevoir">{formatCents(c.outstandingCents)}</td>
              <td data-label="Nommée en public">{c.named ? 'Oui' : 'Non'}</td>
              <td data-label="Reçus">
                <ReceiptLinks receipts={receiptsOf(c.organisation.id)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Errors of a form keyed by field: the element's id is the form's prefix and the field's name. */
const prefixed = (prefix: string, errors: Errors) =>
  Object.fromEntries(Object.keys(errors).map((k) => [k, k === '_' ? '_' : `${prefix}-${k}`]));

function OrganisationSelect(props: {
  prefix: string;
  choices: OrganisationChoices;
  value: string;
  error?: string | undefined;
}) {
  return (
    <Select
      id={`${props.prefix}-organisationId`}
      name="organisationId"
      label="Organisation"
      options={props.choices.items.map((c) => [c.id, c.label] as const)}
      value={props.value}
      required
      error={props.error}
      empty="— Choisir —"
    />
  );
}

function PledgeForm(props: {
  ctx: PageContext;
  fund: Fund;
  choices: OrganisationChoices;
  form: FormState<PledgeValues>;
}) {
  const { values: v, errors: e } = props.form;
  return (
    <section aria-labelledby="promesse">
      <h3 id="promesse">Enregistrer une promesse de contribution</h3>
      <ErrorSummary errors={e} targets={prefixed('pledge', e)} />
      <form method="post" action={`${fundPaths(props.fund.id).account}/promesses`}>
        <CsrfField ctx={props.ctx} />
        <input type="hidden" name="idempotencyKey" value={v.idempotencyKey} />
        <OrganisationSelect
          prefix="pledge"
          choices={props.choices}
          value={v.organisationId}
          error={e.organisationId}
        />
        <Field
          id="pledge-amount"
          name="amount"
          label="Montant promis, en euros"
          value={v.amount}
          required
          error={e.amount}
          hint="Par exemple 15 000 ou 15 000,50."
        />
        <Field
          id="pledge-decisionReference"
          name="decisionReference"
          label="Délibération (référence)"
          value={v.decisionReference}
          error={e.decisionReference}
          hint="« Délibération n° 2025-114 du conseil municipal »."
        />
        <Field
          id="pledge-decidedOn"
          name="decidedOn"
          label="Date de la délibération"
          type="date"
          value={v.decidedOn}
          error={e.decidedOn}
        />
        <button type="submit">Enregistrer la promesse</button>
      </form>
    </section>
  );
}

function ReceiptForm(props: {
  ctx: PageContext;
  fund: Fund;
  choices: OrganisationChoices;
  form: FormState<ReceiptValues>;
}) {
  const { values: v, errors: e } = props.form;
  return (
    <section aria-labelledby="versement">
      <h3 id="versement">Enregistrer un versement reçu</h3>
      <p class="muted">
        Un versement peut arriver sans promesse. Il reçoit le numéro de reçu suivant de l’année.
      </p>
      <ErrorSummary errors={e} targets={prefixed('receipt', e)} />
      <form method="post" action={`${fundPaths(props.fund.id).account}/versements`}>
        <CsrfField ctx={props.ctx} />
        <input type="hidden" name="idempotencyKey" value={v.idempotencyKey} />
        <OrganisationSelect
          prefix="receipt"
          choices={props.choices}
          value={v.organisationId}
          error={e.organisationId}
        />
        <Field
          id="receipt-amount"
          name="amount"
          label="Montant reçu, en euros"
          value={v.amount}
          required
          error={e.amount}
          hint="Par exemple 15 000 ou 15 000,50."
        />
        <Field
          id="receipt-receivedOn"
          name="receivedOn"
          label="Reçu le"
          type="date"
          value={v.receivedOn}
          required
          error={e.receivedOn}
        />
        <Field
          id="receipt-reference"
          name="reference"
          label="Référence du paiement"
          value={v.reference}
          required
          error={e.reference}
          hint="La référence du virement sur le relevé de la banque, ou le numéro du mandat."
        />
        <button type="submit">Enregistrer le versement</button>
      </form>
    </section>
  );
}

export function FundAccountPage(props: {
  ctx: PageContext;
  fund: Fund;
  balances: Balances;
  contributors: Contributor[];
  receipts: Receipt[];
  choices: OrganisationChoices;
  forms: AccountForms;
  notice?: string | undefined;
}) {
  const { fund, choices } = props;
  const paths = fundPaths(fund.id);
  return (
    <Layout ctx={props.ctx} title={`${fund.name} — compte du fonds`} notice={props.notice}>
      <h1>{fund.name}</h1>
      <FundNav ctx={props.ctx} fund={fund} current={paths.account} />
      <p>
        État : <StatusBadge fund={fund} />. Ouvert le {formatDate(fund.openedOn)}
        {fund.cause ? ` — ${fund.cause}` : ''}
        {fund.countries.length ? ` — ${countriesOf(fund)}` : ''}
        {fund.targetCents ? ` — objectif ${formatCents(fund.targetCents)}` : ''}. Quorum du comité :{' '}
        {fund.quorumPercent} % des contributeurs.
      </p>
      {fund.bankReference ? <p>Coordonnées bancaires : {fund.bankReference}</p> : null}
      <h2>Les chiffres</h2>
      <p class="muted">Tous calculés depuis le grand livre, à l’instant.</p>
      <Figures balances={props.balances} />
      <h2 id="contributeurs">Les contributeurs</h2>
      <ContributorsTable contributors={props.contributors} receipts={props.receipts} />
      <h2 id="mouvements">Enregistrer de l’argent</h2>
      {fund.status === 'closed' ? (
        <>
          {/* A form sent after the closure (from a page opened before) is refused: say it where it was sent. */}
          <ErrorSummary errors={props.forms.pledge.errors} />
          <ErrorSummary errors={props.forms.receipt.errors} />
          <p>Ce fonds est clôturé : plus aucun mouvement ne peut y être enregistré.</p>
        </>
      ) : (
        <>
          <OrganisationSearch
            action={`${paths.account}#mouvements`}
            what="une organisation"
            q={choices.q}
            total={choices.total}
            shown={choices.items.length}
            order="les contributrices, puis par nom"
          />
          <PledgeForm ctx={props.ctx} fund={fund} choices={choices} form={props.forms.pledge} />
          <ReceiptForm ctx={props.ctx} fund={fund} choices={choices} form={props.forms.receipt} />
        </>
      )}
    </Layout>
  );
}
