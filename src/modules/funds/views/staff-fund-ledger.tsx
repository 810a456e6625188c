// A fund's ledger for staff (every movement, its lines, its reversal) and the closure's page (the figures,
// the final report's preview, the final allocation of the rest).
import { countryCodes, countryName } from '../../../platform/countries.ts';
import { formatCents } from '../../../platform/money.ts';
import { formatDate, formatDateTime } from '../../../platform/time.ts';
import {
  CsrfField,
  ErrorSummary,
  Field,
  Layout,
  type PageContext,
  Select,
  TextArea,
} from '../../../platform/views/layout.tsx';
import type { Fund } from '../funds.ts';
import { type Balances, movementLabels } from '../ledger.ts';
import type { LedgerMovement } from '../ledger-export.ts';
import { type FormState, FundNav, fundPaths } from './fund-nav.tsx';
import { Figures, receiptPdf } from './staff-funds.tsx';

// ——— The ledger ———

/** A reversal's form refused: which movement, what was typed, why. */
export interface ReversalForm {
  groupId: string;
  reason: string;
  idempotencyKey: string;
  error: string;
}

const movementTitle = (m: Pick<LedgerMovement, 'occurredOn' | 'kind' | 'reference'>) =>
  `${formatDate(m.occurredOn)} — ${movementLabels[m.kind]}${m.reference ? ` — ${m.reference}` : ''}`;

const anchor = (groupId: string) => `mouvement-${groupId}`;

function MovementLines({ movement }: { movement: LedgerMovement }) {
  return (
    <div class="table-scroll">
      <table>
        <caption class="visually-hidden">Écritures du mouvement {movementTitle(movement)}</caption>
        <thead>
          <tr>
            <th scope="col">Compte</th>
            <th scope="col">Débit</th>
            <th scope="col">Crédit</th>
            <th scope="col">Organisation ou projet</th>
          </tr>
        </thead>
        <tbody>
          {movement.lines.map((line) => (
            <tr key={line.id}>
              <th scope="row">
                {line.accountNumber} {line.accountLabel}
              </th>
              <td>{line.debitCents ? formatCents(line.debitCents) : ''}</td>
              <td>{line.creditCents ? formatCents(line.creditCents) : ''}</td>
              <td>{line.organisation ?? (line.project ? `Projet : ${line.project}` : '')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ReverseForm(props: {
  ctx: PageContext;
  fund: Fund;
  movement: LedgerMovement;
  refused: ReversalForm | undefined;
  newKey: () => string;
}) {
  const { movement, refused } = props;
  const id = `raison-${movement.id}`;
  return (
    <details open={Boolean(refused)}>
      <summary>
        Contre-passer<span class="visually-hidden"> le mouvement {movementTitle(movement)}</span>
      </summary>
      <form method="post" action={`${fundPaths(props.fund.id).ledger}/${movement.id}/contre-passer`}>
        <CsrfField ctx={props.ctx} />
        <input type="hidden" name="idempotencyKey" value={refused?.idempotencyKey ?? props.newKey()} />
        <TextArea
          id={id}
          name="reason"
          label="Motif"
          value={refused?.reason}
          required
          rows={2}
          hint="Il restera lisible au grand livre, à côté des deux mouvements."
        />
        <button type="submit">Contre-passer ce mouvement</button>
      </form>
    </details>
  );
}

function Movement(props: {
  ctx: PageContext;
  fund: Fund;
  movement: LedgerMovement;
  refused: ReversalForm | undefined;
  newKey: () => string;
}) {
  const { movement } = props;
  const reversible = props.fund.status === 'open' && movement.kind !== 'reversal' && !movement.reversedBy;
  return (
    <section id={anchor(movement.id)} aria-labelledby={`${anchor(movement.id)}-titre`}>
      <h2 id={`${anchor(movement.id)}-titre`}>{movementTitle(movement)}</h2>
      <p class="muted">
        Groupe {movement.id}, enregistré le {formatDateTime(movement.recordedAt)}
        {movement.receiptNumber ? (
          <>
            {' '}
            — <a href={receiptPdf(movement.id)}>reçu n° {movement.receiptNumber} (PDF)</a>
          </>
        ) : null}
      </p>
      {movement.reverses ? (
        <p>
          Contre-passe le mouvement{' '}
          <a href={`#${anchor(movement.reverses.id)}`}>{movementTitle(movement.reverses)}</a>. Motif :{' '}
          {movement.reason}
        </p>
      ) : null}
      {movement.reversedBy ? (
        <p>
          <span class="badge badge-warn">Contre-passé</span> le {formatDate(movement.reversedBy.occurredOn)}{' '}
          par le mouvement <a href={`#${anchor(movement.reversedBy.id)}`}>{movement.reversedBy.id}</a>. Motif
          : {movement.reversedBy.reason}
        </p>
      ) : null}
      <MovementLines movement={movement} />
      {props.refused ? (
        <div class="error-summary" role="alert">
          <h3>La contre-passation n’est pas enregistrée</h3>
          <p>{props.refused.error}</p>
        </div>
      ) : null}
      {reversible ? <ReverseForm {...props} /> : null}
    </section>
  );
}

export function LedgerPage(props: {
  ctx: PageContext;
  fund: Fund;
  movements: LedgerMovement[];
  refused?: ReversalForm | undefined;
  notice?: string | undefined;
  /** A fresh idempotency key for each reversal form. */
  newKey: () => string;
}) {
  const { fund, movements } = props;
  const paths = fundPaths(fund.id);
  const lines = movements.flatMap((m) => m.lines);
  const debits = lines.reduce((sum, l) => sum + l.debitCents, 0);
  const credits = lines.reduce((sum, l) => sum + l.creditCents, 0);
  return (
    <Layout ctx={props.ctx} title={`Grand livre — ${fund.name}`} notice={props.notice}>
      <h1>Grand livre du fonds « {fund.name} »</h1>
      <FundNav ctx={props.ctx} fund={fund} current={paths.ledger} />
      <p>
        Chaque mouvement est un groupe d’écritures équilibré, écrit une fois et jamais modifié : une erreur se
        corrige en le contre-passant, et les deux restent ici. Exporter pour la comptabilité (une ligne par
        écriture) : <a href={`${paths.ledger}.csv`}>CSV</a>, <a href={`${paths.ledger}.xlsx`}>Excel</a>
      </p>
      {fund.status === 'closed' ? (
        <p>Ce fonds est clôturé : ses comptes sont arrêtés, plus rien ne s’y contre-passe.</p>
      ) : null}
      {movements.length === 0 ? <p>Aucun mouvement pour l’instant.</p> : null}
      {movements.map((movement) => (
        <Movement
          key={movement.id}
          ctx={props.ctx}
          fund={fund}
          movement={movement}
          refused={props.refused?.groupId === movement.id ? props.refused : undefined}
          newKey={props.newKey}
        />
      ))}
      <h2 id="totaux">Totaux</h2>
      <table>
        <caption>
          Totaux du grand livre : {movements.length} mouvement(s), {lines.length} écriture(s)
        </caption>
        <thead>
          <tr>
            <th scope="col">Total des débits</th>
            <th scope="col">Total des crédits</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>{formatCents(debits)}</td>
            <td>{formatCents(credits)}</td>
          </tr>
        </tbody>
      </table>
      <p>
        {debits === credits ? 'Les débits égalent les crédits.' : 'Les débits n’égalent pas les crédits.'}
      </p>
    </Layout>
  );
}

// ——— Closure ———

/** The final allocation of the rest, as typed. */
export interface FinalValues {
  beneficiary: string;
  purpose: string;
  country: string;
  paidOn: string;
  reference: string;
}

const countryOptions = countryCodes
  .map((code) => [code, countryName(code)] as const)
  .sort((a, b) => a[1].localeCompare(b[1], 'fr'));

export function ClosurePage(props: {
  ctx: PageContext;
  fund: Fund;
  balances: Balances;
  settled: boolean;
  /** The final report as it would read if closed today (the published one, once closed). */
  report: string;
  form: FormState<FinalValues>;
  error?: string | undefined;
}) {
  const { fund, balances, form } = props;
  const paths = fundPaths(fund.id);
  const { values: v, errors: e } = form;
  const closed = fund.status === 'closed';
  return (
    <Layout ctx={props.ctx} title={`Clôture — ${fund.name}`}>
      <h1>
        {closed ? 'Clôture' : 'Clôturer'} le fonds « {fund.name} »
      </h1>
      <FundNav ctx={props.ctx} fund={fund} current={paths.closure} />
      {props.error ? (
        <div class="error-summary" role="alert" id="refus">
          <h2>Le fonds n’est pas clôturé</h2>
          <p>{props.error}</p>
        </div>
      ) : null}
      <Figures balances={balances} explained={false} />
      {closed ? (
        <p>Ce fonds a été clôturé le {formatDate(fund.closedOn!)} : ses comptes sont arrêtés.</p>
      ) : (
        <p>
          {props.settled
            ? 'Le fonds est soldé : plus rien n’est disponible ni affecté restant à verser. Il peut être clôturé.'
            : `Le fonds n’est pas soldé : ${formatCents(balances.availableCents)} restent disponibles et ${formatCents(balances.committedCents)} affectés restent à verser.`}{' '}
          Après la clôture, aucun mouvement ne pourra plus y être enregistré, et le rapport final est publié
          sur sa page.
        </p>
      )}
      <h2>{closed ? 'Le rapport final' : 'Aperçu du rapport final'}</h2>
      {closed ? null : (
        <p class="muted">
          Tel qu’il se lirait avec une clôture aujourd’hui
          {balances.availableCents > 0
            ? ' : une affectation finale du reste s’ajoutera aux montants versés et aux projets.'
            : '.'}
        </p>
      )}
      <blockquote>
        {props.report.split('\n\n').map((paragraph, i) => (
          <p key={i}>{paragraph}</p>
        ))}
      </blockquote>
      {closed ? null : (
        <form method="post" action={paths.closure}>
          <CsrfField ctx={props.ctx} />
          <ErrorSummary errors={e} />
          {balances.availableCents > 0 ? (
            <fieldset>
              <legend>
                Affectation finale du reste : {formatCents(balances.availableCents)}, affecté et versé à la
                clôture
              </legend>
              <Field
                name="beneficiary"
                label="Bénéficiaire"
                value={v.beneficiary}
                required
                error={e.beneficiary}
              />
              <TextArea name="purpose" label="Objet" value={v.purpose} required error={e.purpose} rows={3} />
              <Select
                name="country"
                label="Pays"
                options={countryOptions}
                value={v.country}
                error={e.country}
                empty="— Aucun —"
              />
              <Field name="paidOn" label="Payé le" type="date" value={v.paidOn} required error={e.paidOn} />
              <Field
                name="reference"
                label="Référence du paiement"
                value={v.reference}
                required
                error={e.reference}
              />
            </fieldset>
          ) : null}
          <button type="submit">Clôturer le fonds « {fund.name} »</button>
        </form>
      )}
    </Layout>
  );
}
