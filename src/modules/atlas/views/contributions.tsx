// The contributions' pages: a referent's partnerships in « Mon espace » with the forms to propose a new one or
// a change, the staff's moderation queue (each proposal as a diff), a partnership's history and the
// « appel à contribution » (recipients and mail previewed before sending).
import { composeMail, type MailMessage } from '../../../platform/mail/mail.tsx';
import { formatDate, formatDateTime } from '../../../platform/time.ts';
import {
  CsrfField,
  ErrorSummary,
  Layout,
  type PageContext,
  Select,
  TextArea,
} from '../../../platform/views/layout.tsx';
import { StaffNav } from '../../../platform/views/staff-nav.tsx';
import type { PersonCard } from '../../organisations/directory.ts';
import type { Card } from '../atlas.queries.ts';
import type { CampaignPlan, ContributionView } from '../contributions.ts';
import type { FieldChange, SnapshotDiff } from '../diff.ts';
import { partnershipKindLabels, partnershipStatusLabels, type Snapshot } from '../partnerships.ts';
import { countryName } from '../places.ts';
import { PartnershipFields, ProjectFields, unprefixed } from './partnership-fields.tsx';

export type Errors = Record<string, string>;
export type Values = Record<string, string | undefined>;

export interface FormState {
  errors?: Errors;
  values?: Values;
}

const sourceLabels: Record<string, string> = {
  staff: 'équipe',
  contribution: 'contribution',
  import: 'import',
};
const decisionLabels: Record<string, string> = {
  pending: 'En attente',
  accepted: 'Acceptée',
  rejected: 'Refusée',
};

/** A value as a cell shows it (empty: a dash read as « aucun »). */
function Value({ value }: { value: string | null }) {
  return value === null ? <span class="muted">—</span> : value;
}

function ChangesTable({ caption, changes }: { caption: string; changes: FieldChange[] }) {
  return (
    <div class="table-scroll">
      <table class="table-cards">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Champ</th>
            <th scope="col">Avant</th>
            <th scope="col">Après</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={c.label}>
              <th scope="row" class="name">
                {c.label}
              </th>
              <td data-label="Avant">
                <Value value={c.before} />
              </td>
              <td data-label="Après">
                <Value value={c.after} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const projectHeadings = {
  added: 'Projet ajouté',
  removed: 'Projet retiré',
  changed: 'Projet modifié',
} as const;

/** What changes, field by field: the partnership's fields, then each project added, removed or changed. */
export function DiffView({ diff, title }: { diff: SnapshotDiff; title: string }) {
  if (diff.fields.length === 0 && diff.projects.length === 0) return <p>Aucun changement.</p>;
  return (
    <div class="diff">
      {diff.fields.length ? <ChangesTable caption={title} changes={diff.fields} /> : null}
      {diff.projects.map((p) => (
        <ChangesTable
          key={p.change + p.title}
          caption={`${projectHeadings[p.change]} : « ${p.title} »`}
          changes={p.fields}
        />
      ))}
    </div>
  );
}

// ——— « Mon espace » ———

/** The partnership's own fields with the themes ticked (the form's values hold them joined by commas). */
function OwnFields({ values, errors }: { values: Values; errors: Errors }) {
  const chosen = (values.themes ?? '').split(',').filter(Boolean);
  // « themes.2 » is about one of the boxes.
  const themesError = errors.themes ?? Object.entries(errors).find(([k]) => k.startsWith('themes.'))?.[1];
  return (
    <PartnershipFields
      values={{ ...values, themes: chosen }}
      errors={{ ...errors, ...(themesError ? { themes: themesError } : {}) }}
    />
  );
}

/** A project's fields in the proposal's one form: named by a prefix (`project-<id>-`, or `new-`). */
function ProposedProject({
  prefix,
  values,
  errors,
  required,
}: {
  prefix: string;
  values: Values;
  errors: Errors;
  required: boolean;
}) {
  return (
    <ProjectFields
      prefix={prefix}
      prefixNames
      values={unprefixed(values, prefix)}
      errors={unprefixed(errors, prefix)}
      required={required}
      currencyAndThemes={false}
    />
  );
}

function NewProjectFieldset({ values, errors }: { values: Values; errors: Errors }) {
  return (
    <fieldset>
      <legend>Ajouter un projet (facultatif)</legend>
      <p class="muted">Laissez le titre vide pour ne pas ajouter de projet.</p>
      <ProposedProject prefix="new-" values={values} errors={errors} required={false} />
    </fieldset>
  );
}

function NoteField({ values, errors }: { values: Values; errors: Errors }) {
  return (
    <TextArea
      name="note"
      label="Un mot pour l’équipe du réseau (facultatif)"
      hint="Ce qui a changé, une source : la convention, une délibération…"
      value={values.note}
      error={errors.note}
      rows={3}
    />
  );
}

function ContributionsTable({ rows }: { rows: ContributionView[] }) {
  return (
    <div class="table-scroll">
      <table class="table-cards">
        <caption>Vos propositions ({rows.length})</caption>
        <thead>
          <tr>
            <th scope="col">Partenariat</th>
            <th scope="col">Proposée le</th>
            <th scope="col">Décision</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.contribution.id}>
              <th scope="row" class="name">
                {r.label}
                {r.contribution.partnershipId ? null : ' (nouveau)'}
              </th>
              <td data-label="Proposée le">{formatDate(r.contribution.createdAt)}</td>
              <td data-label="Décision">
                {decisionLabels[r.contribution.status]}
                {r.contribution.decidedAt ? ` le ${formatDate(r.contribution.decidedAt)}` : ''}
                {r.contribution.reason ? ` : « ${r.contribution.reason} »` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function MyPartnershipsPage(props: {
  ctx: PageContext;
  organisation: string;
  cards: Card[];
  contributions: ContributionView[];
  /** The countries of the foreign local governments, and the one chosen to narrow the partners' list. */
  countries: string[];
  country: string | undefined;
  partners: { id: string; name: string; country: string }[];
  form?: FormState;
  notice?: string | undefined;
}) {
  const { ctx } = props;
  const values = props.form?.values ?? {};
  const errors = props.form?.errors ?? {};
  const live = props.cards.filter((c) => !c.archivedAt);
  const archived = props.cards.filter((c) => c.archivedAt);
  const countryOptions = props.countries
    .map((c) => [c, countryName(c)] as const)
    .sort((a, b) => a[1].localeCompare(b[1], 'fr'));
  return (
    <Layout ctx={ctx} title="Nos partenariats" notice={props.notice}>
      <p>
        <a href="/mon-espace">← Mon espace</a>
      </p>
      <h1>Nos partenariats dans l’atlas</h1>
      <p>
        Collectivité : <strong>{props.organisation}</strong>. Vérifiez les partenariats de votre collectivité
        dans l’atlas, proposez une correction ou un partenariat qui manque : l’équipe du réseau relit chaque
        proposition avant de la publier.
      </p>
      <h2>Dans l’atlas</h2>
      {live.length ? (
        <div class="table-scroll">
          <table class="table-cards">
            <caption>
              Partenariats de {props.organisation} ({live.length})
            </caption>
            <thead>
              <tr>
                <th scope="col">Partenaire</th>
                <th scope="col">Nature</th>
                <th scope="col">État</th>
                <th scope="col">Projets</th>
                <th scope="col">Corriger</th>
              </tr>
            </thead>
            <tbody>
              {live.map((c) => (
                <tr key={c.id}>
                  <th scope="row" class="name">
                    {c.partner.name} ({countryName(c.partner.country)})
                  </th>
                  <td data-label="Nature">
                    {partnershipKindLabels[c.kind]}
                    {c.since ? ` depuis ${c.since}` : ''}
                  </td>
                  <td data-label="État">{partnershipStatusLabels[c.status]}</td>
                  <td data-label="Projets">{c.projects.length}</td>
                  <td data-label="Corriger">
                    <a href={`/mon-espace/partenariats/${c.id}`}>
                      Proposer une correction
                      <span class="visually-hidden"> du partenariat avec {c.partner.name}</span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>L’atlas ne connaît encore aucun partenariat de votre collectivité : proposez-le ci-dessous.</p>
      )}
      {archived.length ? (
        <>
          <h3>Archivés</h3>
          <ul>
            {archived.map((c) => (
              <li key={c.id}>
                {c.partner.name} ({countryName(c.partner.country)}) — {partnershipKindLabels[c.kind]}, archivé
                le {formatDate(c.archivedAt!)}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h2>Vos propositions</h2>
      {props.contributions.length ? (
        <ContributionsTable rows={props.contributions} />
      ) : (
        <p>Aucune proposition pour le moment.</p>
      )}

      <h2 id="nouveau">Proposer un nouveau partenariat</h2>
      <form method="get" action="/mon-espace/partenariats#nouveau">
        <Select
          name="pays"
          label="Pays de la collectivité partenaire"
          options={countryOptions}
          value={props.country}
          empty="Tous les pays"
        />
        <button type="submit" class="button-secondary">
          Afficher les collectivités de ce pays
        </button>
      </form>
      <ErrorSummary errors={props.form?.errors} />
      <form method="post" action="/mon-espace/partenariats">
        <CsrfField ctx={ctx} />
        <Select
          name="partnerOrganisationId"
          label="Collectivité partenaire"
          options={props.partners.map(
            (p) => [p.id, props.country ? p.name : `${p.name} (${countryName(p.country)})`] as const,
          )}
          value={values.partnerOrganisationId}
          empty="Choisir"
          required
          error={errors.partnerOrganisationId}
        />
        <p class="muted">
          La collectivité n’est pas dans la liste ? Écrivez à l’équipe du réseau : elle l’ajoutera.
        </p>
        <OwnFields values={values} errors={errors} />
        <NewProjectFieldset values={values} errors={errors} />
        <NoteField values={values} errors={errors} />
        <button type="submit">Envoyer la proposition</button>
      </form>
    </Layout>
  );
}

/** The form's values of a partnership as it is (the change form starts from them). */
export function snapshotValues(s: Snapshot): Values {
  const values: Values = {
    kind: s.kind,
    since: s.since === null ? '' : String(s.since),
    status: s.status,
    themes: s.themes.join(','),
    description: s.description ?? '',
    agreementReference: s.agreementReference ?? '',
    agreementOn: s.agreementOn ?? '',
  };
  for (const p of s.projects) {
    const f = (name: string) => `project-${p.id}-${name}`;
    values[f('title')] = p.title;
    values[f('startYear')] = String(p.startYear);
    values[f('endYear')] = p.endYear === undefined || p.endYear === null ? '' : String(p.endYear);
    values[f('budget')] =
      p.budgetCents === undefined || p.budgetCents === null
        ? ''
        : String(p.budgetCents / 100).replace('.', ',');
    values[f('coFunders')] = (p.coFunders ?? []).join(', ');
    values[f('description')] = p.description ?? '';
    values[f('place')] = p.place ?? '';
  }
  return values;
}

export function ProposeChangePage(props: {
  ctx: PageContext;
  card: Card;
  snapshot: Snapshot;
  form?: FormState;
  pending: number;
}) {
  const { ctx, card } = props;
  const values = props.form?.values ?? snapshotValues(props.snapshot);
  const errors = props.form?.errors ?? {};
  const title = `${card.french.map((s) => s.name).join(', ')} – ${card.partner.name}`;
  return (
    <Layout ctx={ctx} title={`Corriger : ${title}`}>
      <p>
        <a href="/mon-espace/partenariats">← Nos partenariats</a>
      </p>
      <h1>Proposer une correction : {title}</h1>
      <p>
        Partenaire : {card.partner.name} ({countryName(card.partner.country)}
        {card.partner.region ? `, ${card.partner.region}` : ''}). Changez ce qui doit l’être : l’équipe du
        réseau relit la proposition avant de la publier.
      </p>
      {props.pending ? (
        <p class="notice" role="status">
          {props.pending > 1 ? `${props.pending} propositions` : 'Une proposition'} sur ce partenariat attend
          déjà la relecture de l’équipe.
        </p>
      ) : null}
      <ErrorSummary errors={props.form?.errors} />
      <form method="post" action={`/mon-espace/partenariats/${card.id}`}>
        <CsrfField ctx={ctx} />
        <OwnFields values={values} errors={errors} />
        {props.snapshot.projects.map((p) => (
          <fieldset key={p.id}>
            <legend>Projet « {p.title} »</legend>
            <ProposedProject prefix={`project-${p.id}-`} values={values} errors={errors} required />
            <div class="field">
              <input
                type="checkbox"
                id={`project-${p.id}-remove`}
                name={`project-${p.id}-remove`}
                value="on"
                checked={values[`project-${p.id}-remove`] === 'on'}
              />{' '}
              <label for={`project-${p.id}-remove`}>Retirer ce projet du partenariat</label>
            </div>
          </fieldset>
        ))}
        <NewProjectFieldset values={values} errors={errors} />
        <NoteField values={values} errors={errors} />
        <button type="submit">Envoyer la proposition</button>
      </form>
    </Layout>
  );
}

// ——— Staff: the moderation queue ———

export function ContributionQueuePage(props: {
  ctx: PageContext;
  pending: ContributionView[];
  decided: ContributionView[];
  /** A refused decision: the contribution and the reject form's errors. */
  refused?: { id: string; errors: Errors; values: Values };
  notice?: string | undefined;
}) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title="Contributions à l’atlas" notice={props.notice}>
      <StaffNav ctx={ctx} current="/gestion/atlas/contributions" />
      <h1>Contributions à l’atlas</h1>
      <p>
        <a href="/gestion/atlas/appel">Lancer un appel à contribution</a>
      </p>
      <h2>À examiner ({props.pending.length})</h2>
      {props.pending.length === 0 ? <p>Aucune contribution en attente.</p> : null}
      {props.pending.map((r) => {
        const id = r.contribution.id;
        const refused = props.refused?.id === id ? props.refused : undefined;
        return (
          <section key={id} class="card" id={`contribution-${id}`} aria-labelledby={`titre-${id}`}>
            <h3 id={`titre-${id}`}>
              {r.contribution.partnershipId ? 'Modification' : 'Nouveau partenariat'} : {r.label}
            </h3>
            <p>
              Proposée par {r.proposer ?? 'une personne qui n’a plus de compte'} ({r.organisation}) le{' '}
              {formatDateTime(r.contribution.createdAt)}.
              {r.contribution.partnershipId ? (
                <>
                  {' '}
                  <a href={`/gestion/atlas/partenariats/${r.contribution.partnershipId}/historique`}>
                    Historique du partenariat
                  </a>
                </>
              ) : null}
            </p>
            {r.contribution.note ? <blockquote>{r.contribution.note}</blockquote> : null}
            {r.diff ? <DiffView diff={r.diff} title={`Ce qui change — ${r.label}`} /> : null}
            <form method="post" action={`/gestion/atlas/contributions/${id}/accepter`}>
              <CsrfField ctx={ctx} />
              <button type="submit">
                Accepter et publier<span class="visually-hidden"> : {r.label}</span>
              </button>
            </form>
            <ErrorSummary errors={refused?.errors} targets={{ reason: `reason-${id}` }} />
            <form method="post" action={`/gestion/atlas/contributions/${id}/refuser`}>
              <CsrfField ctx={ctx} />
              <TextArea
                name="reason"
                id={`reason-${id}`}
                label="Raison du refus (envoyée à la collectivité)"
                value={refused?.values.reason}
                required
                error={refused?.errors.reason}
                rows={2}
              />
              <button type="submit" class="button-secondary">
                Refuser<span class="visually-hidden"> : {r.label}</span>
              </button>
            </form>
          </section>
        );
      })}
      <h2>Décidées récemment</h2>
      {props.decided.length ? (
        <div class="table-scroll">
          <table class="table-cards">
            <caption>Les 30 dernières décisions</caption>
            <thead>
              <tr>
                <th scope="col">Partenariat</th>
                <th scope="col">Collectivité</th>
                <th scope="col">Décision</th>
              </tr>
            </thead>
            <tbody>
              {props.decided.map((r) => (
                <tr key={r.contribution.id}>
                  <th scope="row" class="name">
                    {r.contribution.partnershipId ? (
                      <a href={`/gestion/atlas/partenariats/${r.contribution.partnershipId}/historique`}>
                        {r.label}
                      </a>
                    ) : (
                      r.label
                    )}
                  </th>
                  <td data-label="Collectivité">{r.organisation}</td>
                  <td data-label="Décision">
                    {decisionLabels[r.contribution.status]} le {formatDate(r.contribution.decidedAt!)}
                    {r.decider ? ` par ${r.decider}` : ''}
                    {r.contribution.reason ? ` : « ${r.contribution.reason} »` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>Aucune décision pour le moment.</p>
      )}
    </Layout>
  );
}

// ——— Staff: a partnership's history ———

export function HistoryPage(props: {
  ctx: PageContext;
  label: string;
  versions: { id: string; source: string; changedAt: Date; who: string | null; diff: SnapshotDiff }[];
}) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={`Historique : ${props.label}`}>
      <p>
        <a href="/gestion/atlas/contributions">← Contributions à l’atlas</a>
      </p>
      <h1>Historique : {props.label}</h1>
      <p>Chaque version, la plus récente d’abord, avec ce qu’elle a changé par rapport à la précédente.</p>
      <ol reversed>
        {props.versions.map((v, i) => (
          <li key={v.id}>
            <h2>
              {formatDateTime(v.changedAt)} — {sourceLabels[v.source] ?? v.source}
              {v.who ? `, ${v.who}` : ''}
            </h2>
            <DiffView diff={v.diff} title={i === props.versions.length - 1 ? 'Création' : 'Changements'} />
          </li>
        ))}
      </ol>
    </Layout>
  );
}

// ——— Staff: the « appel à contribution » ———

function MailPreview({ mail }: { mail: MailMessage }) {
  const content = composeMail(mail);
  return (
    <section class="card" aria-labelledby="apercu-courriel">
      <h3 id="apercu-courriel">Le courriel (exemple pour {mail.to})</h3>
      <p>
        <strong>Objet :</strong> {content.subject}
      </p>
      <pre>{content.text}</pre>
    </section>
  );
}

export function CampaignPage(props: {
  ctx: PageContext;
  groups: { id: string; title: string }[];
  countries: string[];
  target: { group?: string | undefined; country?: string | undefined };
  plan?: CampaignPlan | undefined;
  error?: string | undefined;
  notice?: string | undefined;
}) {
  const { ctx, plan } = props;
  const countryOptions = props.countries
    .map((c) => [c, countryName(c)] as const)
    .sort((a, b) => a[1].localeCompare(b[1], 'fr'));
  const who = (p: PersonCard) =>
    `${p.firstName} ${p.lastName}${p.organisationName ? ` (${p.organisationName})` : ''}`;
  return (
    <Layout ctx={ctx} title="Appel à contribution" notice={props.notice}>
      <StaffNav ctx={ctx} current="/gestion/atlas/contributions" />
      <h1>Appel à contribution</h1>
      <p>
        Demandez aux référents des collectivités d’un groupe-pays, ou de celles qui coopèrent avec un pays, de
        vérifier leurs partenariats dans l’atlas. Chaque personne ne reçoit l’appel qu’une fois par an pour ce
        groupe ou ce pays.
      </p>
      {props.error ? (
        <div class="error-summary" role="alert">
          <p>{props.error}</p>
        </div>
      ) : null}
      <form method="get" action="/gestion/atlas/appel">
        <Select
          name="groupe"
          label="Groupe-pays"
          options={props.groups.map((g) => [g.id, g.title] as const)}
          value={props.target.group}
          empty="Aucun"
        />
        <Select
          name="pays"
          label="Ou un pays"
          options={countryOptions}
          value={props.target.country}
          empty="Aucun"
        />
        <button type="submit" class="button-secondary">
          Voir les destinataires
        </button>
      </form>
      {plan ? (
        <>
          <h2>
            {plan.label} : {plan.toAsk.length}{' '}
            {plan.toAsk.length > 1 ? 'personnes à solliciter' : 'personne à solliciter'}
          </h2>
          {plan.toAsk.length ? (
            <ul>
              {plan.toAsk.map((p) => (
                <li key={p.id}>
                  {who(p)} — {p.email}
                </li>
              ))}
            </ul>
          ) : null}
          {plan.alreadyAsked.length ? (
            <p>
              Déjà sollicitées pour cet appel ({plan.alreadyAsked.length}) :{' '}
              {plan.alreadyAsked.map(who).join(', ')}.
            </p>
          ) : null}
          {plan.example ? <MailPreview mail={plan.example} /> : null}
          {plan.toAsk.length ? (
            <form method="post" action="/gestion/atlas/appel">
              <CsrfField ctx={ctx} />
              {props.target.group ? <input type="hidden" name="groupe" value={props.target.group} /> : null}
              {props.target.country ? <input type="hidden" name="pays" value={props.target.country} /> : null}
              <button type="submit">
                Envoyer l’appel à {plan.toAsk.length} {plan.toAsk.length > 1 ? 'personnes' : 'personne'}
              </button>
            </form>
          ) : null}
        </>
      ) : null}
    </Layout>
  );
}
