// A fund's staff pages for its donors committee: the members (who votes, who is named), the quorum, the
// meetings with their decisions, and the form of a decision. Shared by the projects' and reports' pages:
// the fund's header and tabs, a decision in words.
import type { ComponentChildren } from 'preact';
import { formatCents } from '../../../platform/money.ts';
import { formatDate, formatWhen } from '../../../platform/time.ts';
import {
  CsrfField,
  ErrorSummary,
  Field,
  Layout,
  type PageContext,
  Select,
  TextArea,
} from '../../../platform/views/layout.tsx';
import type { Event } from '../../events/events.ts';
import { committeeMessages as cm } from '../committee.messages.ts';
import type { Contributor } from '../contributions.ts';
import type { Fund } from '../funds.ts';
import type { Decision } from '../projects.ts';
import { type FormState, FundNav, fundPaths } from './fund-nav.tsx';

/** The committee's figures: how many organisations vote, the share and the number of votes of the quorum. */
export interface Quorum {
  percent: number;
  voters: number;
  quorum: number;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n > 1 ? many : one}`;

/** « 5 pour, 1 contre, 0 abstention — quorum atteint (4 voix sur 7) — adoptée ». */
export function decisionInWords(d: Decision): string {
  return [
    `${d.votesFor} pour, ${d.votesAgainst} contre, ${plural(d.abstentions, 'abstention')}`,
    `quorum ${d.quorumMet ? 'atteint' : 'non atteint'} (${plural(d.quorum, 'voix', 'voix')} requises sur ${d.voters})`,
    d.adopted ? 'adoptée' : 'non adoptée',
  ].join(' — ');
}

/** The title, the way back to the fund, the tabs of its committee, projects and reports. */
export function FundFrame(props: {
  ctx: PageContext;
  fund: Fund;
  title: string;
  current: string;
  notice?: string | undefined;
  children: ComponentChildren;
}) {
  const { fund } = props;
  return (
    <Layout ctx={props.ctx} title={`${props.title} — fonds « ${fund.name} »`} notice={props.notice}>
      <FundNav ctx={props.ctx} fund={fund} current={props.current} />
      <h1>
        {props.title} — fonds « {fund.name} »
      </h1>
      {fund.status === 'closed' ? (
        <p class="badge">{cm.fundClosedReadOnly({ on: formatDate(fund.closedOn!) }).text}</p>
      ) : null}
      {props.children}
    </Layout>
  );
}

// ——— The committee ———

export interface MemberRow {
  contributor: Contributor;
  /** The organisation's people who may hold its vote: [id, name]. */
  people: [string, string][];
  form?: { values: { voterId: string; named: boolean }; error: string } | undefined;
}

export interface Meeting {
  event: Event;
  decisions: Decision[];
}

export function CommitteePage(props: {
  ctx: PageContext;
  fund: Fund;
  quorum: Quorum;
  members: MemberRow[];
  meetings: Meeting[];
  /** Decisions recorded without a meeting. */
  otherDecisions: Decision[];
  howToMeet: { audience: string; legend: string; choice: string };
  notice?: string | undefined;
}) {
  const { fund, quorum, members } = props;
  const paths = fundPaths(fund.id);
  const open = fund.status === 'open';
  return (
    <FundFrame
      ctx={props.ctx}
      fund={fund}
      title="Comité des donateurs"
      current={paths.committee}
      notice={props.notice}
    >
      <p>
        Les membres du comité sont les organisations qui ont promis ou versé une contribution au fonds.
        Chacune a une voix, portée par une personne qu’elle désigne.
      </p>
      <p>
        <strong>{cm.quorumRule(quorum).text}</strong> Une décision est adoptée quand le quorum est atteint
        (voix pour, contre et abstentions comptées) et qu’il y a plus de voix pour que contre. Le pourcentage
        du quorum se règle dans la <a href={paths.edit}>fiche du fonds</a>.
      </p>

      <h2 id="membres">Membres du comité</h2>
      {members.length === 0 ? (
        <p>Ce fonds n’a encore aucun contributeur : son comité ne peut pas décider.</p>
      ) : (
        <div class="table-scroll">
          <table class="table-cards">
            <caption>
              {plural(members.length, 'organisation contributrice', 'organisations contributrices')} : qui
              vote, qui accepte d’être nommée sur la page publique du fonds
            </caption>
            <thead>
              <tr>
                <th scope="col">Organisation</th>
                <th scope="col">Promis</th>
                <th scope="col">Reçu</th>
                <th scope="col">Choix de l’organisation</th>
              </tr>
            </thead>
            <tbody>
              {members.map((row) => (
                <MemberRowView
                  key={row.contributor.organisation.id}
                  ctx={props.ctx}
                  fundId={fund.id}
                  row={row}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2 id="reunions">Réunions et décisions</h2>
      <p>
        Une réunion du comité est un événement de l’agenda.{' '}
        <a href="/gestion/evenements/nouveau">Créer une réunion dans l’agenda</a> : dans le formulaire,
        choisissez le public « {props.howToMeet.audience} » (seules les personnes des organisations
        contributrices pourront s’inscrire) et cochez « {props.howToMeet.choice} » sous «{' '}
        {props.howToMeet.legend} ».
      </p>
      {open ? (
        <p>
          <a href={paths.newDecision}>Enregistrer une décision du comité</a>
        </p>
      ) : null}
      {props.meetings.length === 0 ? <p>Aucune réunion du comité n’est encore à l’agenda.</p> : null}
      {props.meetings.map(({ event, decisions }) => (
        <section key={event.id} aria-labelledby={`reunion-${event.id}`}>
          <h3 id={`reunion-${event.id}`}>
            <a href={`/gestion/evenements/${event.id}`}>{event.title}</a>
          </h3>
          <p>
            {formatWhen(event.startsAt, event.endsAt)}
            {event.cancelledAt ? ' — annulée' : ''}
          </p>
          <DecisionList decisions={decisions} />
          {open && !event.cancelledAt ? (
            <p>
              <a href={`${paths.newDecision}?reunion=${event.id}`}>
                Enregistrer une décision prise à cette réunion
              </a>
            </p>
          ) : null}
        </section>
      ))}
      {props.otherDecisions.length ? (
        <section aria-labelledby="hors-reunion">
          <h3 id="hors-reunion">Décisions enregistrées sans réunion</h3>
          <DecisionList decisions={props.otherDecisions} />
        </section>
      ) : null}
    </FundFrame>
  );
}

function MemberRowView({ ctx, fundId, row }: { ctx: PageContext; fundId: string; row: MemberRow }) {
  const { organisation, pledgedCents, receivedCents } = row.contributor;
  const values = row.form?.values ?? { voterId: row.contributor.voterId ?? '', named: row.contributor.named };
  const id = organisation.id;
  return (
    <tr>
      <th scope="row" class="name">
        {organisation.name}
      </th>
      <td data-label="Promis">{formatCents(pledgedCents)}</td>
      <td data-label="Reçu">{formatCents(receivedCents)}</td>
      <td data-label="Choix de l’organisation">
        <form method="post" action={`${fundPaths(fundId).committee}/${id}`}>
          <CsrfField ctx={ctx} />
          {row.form ? (
            <p class="error" role="alert">
              {row.form.error}
            </p>
          ) : null}
          <Select
            name="voterId"
            id={`voterId-${id}`}
            label="Personne qui porte sa voix"
            options={row.people}
            value={values.voterId}
            empty={
              row.people.length
                ? 'Personne n’est encore désigné'
                : 'Aucune personne de l’organisation n’est inscrite'
            }
          />
          <p class="choice">
            <input type="checkbox" id={`named-${id}`} name="named" value="oui" checked={values.named} />
            <label for={`named-${id}`}>Accepte d’être nommée sur la page publique du fonds</label>
          </p>
          <button type="submit">
            Enregistrer<span class="visually-hidden"> les choix de {organisation.name}</span>
          </button>
        </form>
      </td>
    </tr>
  );
}

function DecisionList({ decisions }: { decisions: Decision[] }) {
  if (decisions.length === 0) return <p>Aucune décision enregistrée.</p>;
  return (
    <ul>
      {decisions.map((d) => (
        <li key={d.id}>
          <strong>
            {formatDate(d.decidedOn)} — {d.subject}, {formatCents(d.amountCents)}
          </strong>{' '}
          : {decisionInWords(d)}.
        </li>
      ))}
    </ul>
  );
}

// ——— A decision ———

export function DecisionPage(props: {
  ctx: PageContext;
  fund: Fund;
  quorum: Quorum;
  availableCents: number;
  meetings: [string, string][];
  countries: [string, string][];
  form: FormState;
  /** A fresh key per rendering: a form sent twice records once. */
  idempotencyKey: string;
}) {
  const { fund, quorum, form } = props;
  const paths = fundPaths(fund.id);
  const v = form.values;
  const e = form.errors;
  return (
    <FundFrame ctx={props.ctx} fund={fund} title="Une décision du comité" current={paths.newDecision}>
      <ul>
        <li>
          Disponible pour de nouveaux projets : <strong>{formatCents(props.availableCents)}</strong>.
        </li>
        <li>
          {plural(quorum.voters, 'organisation contributrice', 'organisations contributrices')}, une voix
          chacune.
        </li>
        <li>{cm.quorumRule(quorum).text}</li>
      </ul>
      <p>
        Une décision adoptée (quorum atteint, plus de voix pour que contre) affecte le montant au projet ; une
        décision non adoptée est enregistrée sans rien affecter.
      </p>
      <ErrorSummary errors={e} />
      {fund.status === 'open' ? (
        <form method="post" action={paths.newDecision} novalidate>
          <CsrfField ctx={props.ctx} />
          <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
          <Select
            name="eventId"
            label="Réunion du comité"
            options={props.meetings}
            value={v.eventId}
            empty="Sans réunion (décision prise autrement, par exemple par écrit)"
            error={e.eventId}
          />
          <Field
            name="decidedOn"
            type="date"
            label="Décidée le"
            required
            value={v.decidedOn}
            error={e.decidedOn}
          />
          <Field
            name="beneficiary"
            label="Bénéficiaire"
            hint="Une collectivité étrangère ou un opérateur : « Mairie de Hué », « Croix-Rouge vietnamienne »."
            required
            value={v.beneficiary}
            error={e.beneficiary}
          />
          <TextArea
            name="purpose"
            label="Objet du projet"
            required
            value={v.purpose}
            error={e.purpose}
            rows={3}
          />
          <Field
            name="amount"
            label="Montant en euros"
            hint="Par exemple 40 000 ou 12 500,50."
            required
            value={v.amount}
            error={e.amount}
          />
          <Select
            name="country"
            label="Pays du projet"
            options={props.countries}
            value={v.country}
            empty="—"
            error={e.country}
          />
          <fieldset>
            <legend>Votes des organisations</legend>
            <Field
              name="votesFor"
              type="number"
              label="Pour"
              required
              value={v.votesFor}
              error={e.votesFor}
            />
            <Field
              name="votesAgainst"
              type="number"
              label="Contre"
              required
              value={v.votesAgainst}
              error={e.votesAgainst}
            />
            <Field
              name="abstentions"
              type="number"
              label="Abstentions"
              required
              value={v.abstentions}
              error={e.abstentions}
            />
          </fieldset>
          <button type="submit">Enregistrer la décision</button>
        </form>
      ) : null}
      <p>
        <a href={paths.committee}>Revenir au comité sans rien enregistrer</a>
      </p>
    </FundFrame>
  );
}
