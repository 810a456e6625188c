// The pages of support engagements: for staff, a call's engagements (and every call's), one engagement with
// its forms (the engagement, its status, milestones, documents, capitalisation); for the town, its engagement
// to read and its documents to download; and the short summary shown on the dossier's pages.
import type { ComponentChildren } from 'preact';
import { formatDate } from '../../../platform/time.ts';
import {
  CsrfField,
  ErrorSummary,
  Field,
  FileField,
  Layout,
  type PageContext,
  Select,
  TextArea,
} from '../../../platform/views/layout.tsx';
import { StaffNav } from '../../../platform/views/staff-nav.tsx';
import { callName } from '../applicant-queries.ts';
import type { Call } from '../calls.ts';
import {
  type EngagementRow,
  type EngagementSummary,
  staffEngagementHref,
  townEngagementHref,
} from '../engagement-queries.ts';
import {
  type Engagement,
  type EngagementDocument,
  type EngagementStatus,
  engagementStatusLabels,
  isLate,
  type Milestone,
} from '../engagements.ts';

export const allEngagementsPath = '/gestion/accompagnements';
export const callEngagementsPath = (callId: string) => `/gestion/appels/${callId}/accompagnements`;
export const townDocumentHref = (engagementId: string, documentId: string) =>
  `${townEngagementHref(engagementId)}/documents/${documentId}`;

const statusOptions = Object.entries(engagementStatusLabels).map(
  ([value, label]) => [value, label.charAt(0).toUpperCase() + label.slice(1)] as const,
);

const sizeOf = (bytes: number) =>
  bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} Ko`
    : `${(bytes / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;

const period = (e: Pick<Engagement, 'startsOn' | 'endsOn'>) =>
  `du ${formatDate(e.startsOn)} au ${formatDate(e.endsOn)}`;

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean)
        .map((line, i) => (
          <p key={i}>{line}</p>
        ))}
    </>
  );
}

/** « 2 sur 5 faits, 1 en retard ». */
function Progress({ done, total, late }: { done: number; total: number; late: number }) {
  if (total === 0) return <>aucun jalon</>;
  return (
    <>
      {done} sur {total} fait{done > 1 ? 's' : ''}
      {late ? (
        <>
          , <strong class="late">{late} en retard</strong>
        </>
      ) : null}
    </>
  );
}

// ——— The short summary, for the dossier's pages ———

/**
 * The engagement of a dossier in a few words, with a link: to the staff's page of it (`audience` staff) or to
 * the town's (`audience` town). Without engagement, staff are offered to create it for an accepted dossier;
 * the town reads nothing.
 */
export function EngagementSummaryBlock(props: {
  audience: 'staff' | 'town';
  summary: EngagementSummary | undefined;
  callId: string;
  applicationId: string;
  accepted: boolean;
}) {
  const { summary, audience } = props;
  if (!summary) {
    if (audience === 'town' || !props.accepted) return null;
    return (
      <section aria-labelledby="accompagnement">
        <h2 id="accompagnement">Accompagnement</h2>
        <p>Ce dossier est retenu : son accompagnement reste à créer.</p>
        <p>
          <a class="button" href={staffEngagementHref(props.callId, props.applicationId)}>
            Créer l’accompagnement
          </a>
        </p>
      </section>
    );
  }
  const href =
    audience === 'staff'
      ? staffEngagementHref(summary.callId, summary.applicationId)
      : townEngagementHref(summary.id);
  return (
    <section aria-labelledby="accompagnement">
      <h2 id="accompagnement">Accompagnement</h2>
      <dl class="facts">
        <dt>Statut</dt>
        <dd>{summary.statusLabel}</dd>
        <dt>Mené par</dt>
        <dd>{summary.lead}</dd>
        <dt>Dates</dt>
        <dd>{period(summary)}</dd>
        <dt>Jalons</dt>
        <dd>
          <Progress {...summary} />
        </dd>
      </dl>
      <p>
        <a href={href}>{audience === 'staff' ? 'Suivre l’accompagnement' : 'Voir l’accompagnement'}</a>
      </p>
    </section>
  );
}

// ——— Staff: the lists ———

function EngagementsTable(props: { rows: EngagementRow[]; caption: string; withCall: boolean }) {
  return (
    <div class="table-scroll">
      <table class="table-cards">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Collectivité</th>
            {props.withCall ? <th scope="col">Appel</th> : null}
            <th scope="col">Mené par</th>
            <th scope="col">Dates</th>
            <th scope="col">Statut</th>
            <th scope="col">Jalons</th>
            <th scope="col">Capitalisation</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={row.engagement.id}>
              <th scope="row" class="name">
                <a href={staffEngagementHref(row.call.id, row.engagement.applicationId)}>
                  {row.organisationName}
                </a>
              </th>
              {props.withCall ? (
                <td data-label="Appel">
                  <a href={callEngagementsPath(row.call.id)}>{callName(row.call)}</a>
                </td>
              ) : null}
              <td data-label="Mené par">{row.engagement.lead}</td>
              <td data-label="Dates">{period(row.engagement)}</td>
              <td data-label="Statut">{engagementStatusLabels[row.engagement.status]}</td>
              <td data-label="Jalons">
                <Progress {...row} />
              </td>
              <td data-label="Capitalisation">{row.capitalised ? 'oui' : 'pas encore'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function CallEngagementsPage(props: {
  ctx: PageContext;
  call: Call;
  rows: EngagementRow[];
  /** The accepted dossiers still without engagement. */
  waiting: { applicationId: string; organisationName: string }[];
  notice?: string | undefined;
}) {
  const { call } = props;
  const title = `Accompagnements du ${callName(call)}`;
  return (
    <Layout ctx={props.ctx} title={title} notice={props.notice}>
      <p>
        <a href={`/gestion/appels/${call.id}`}>← Les dossiers de l’appel</a>
      </p>
      <h1>{title}</h1>
      <p>
        <a href={`${callEngagementsPath(call.id)}.csv`}>Exporter en CSV</a> ·{' '}
        <a href={`${callEngagementsPath(call.id)}.xlsx`}>Exporter en XLSX</a> ·{' '}
        <a href={allEngagementsPath}>Tous les accompagnements</a>
      </p>
      {props.rows.length ? (
        <EngagementsTable
          rows={props.rows}
          withCall={false}
          caption="Les accompagnements, ceux qui ont un jalon en retard d’abord"
        />
      ) : (
        <p>Aucun accompagnement pour cet appel.</p>
      )}
      {props.waiting.length ? (
        <section aria-labelledby="a-creer">
          <h2 id="a-creer">Dossiers retenus sans accompagnement</h2>
          <ul>
            {props.waiting.map((w) => (
              <li key={w.applicationId}>
                <a href={staffEngagementHref(call.id, w.applicationId)}>
                  Créer l’accompagnement<span class="visually-hidden"> de</span> : {w.organisationName}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Layout>
  );
}

export function AllEngagementsPage(props: {
  ctx: PageContext;
  rows: EngagementRow[];
  status: EngagementStatus | undefined;
}) {
  return (
    <Layout ctx={props.ctx} title="Accompagnements — gestion">
      <h1>Accompagnements</h1>
      <StaffNav ctx={props.ctx} current="/gestion/appels" />
      <form method="get" action={allEngagementsPath} class="filters">
        <Select
          name="statut"
          label="Statut"
          options={statusOptions}
          value={props.status}
          empty="Tous les statuts"
        />
        <button type="submit">Filtrer</button>
      </form>
      {props.rows.length ? (
        <EngagementsTable
          rows={props.rows}
          withCall={true}
          caption="Les accompagnements de tous les appels, ceux qui ont un jalon en retard d’abord"
        />
      ) : (
        <p>Aucun accompagnement{props.status ? ` ${engagementStatusLabels[props.status]}` : ''}.</p>
      )}
    </Layout>
  );
}

// ——— Staff: one engagement ———

export interface EngagementValues {
  responsable: string;
  debut: string;
  fin: string;
  statut: string;
  objectif: string;
}

export interface MilestoneValues {
  libelle: string;
  echeance: string;
  livrable: boolean;
  fait_le: string;
}

interface FormState<V> {
  values?: V;
  errors?: Record<string, string>;
}

export interface EngagementForms {
  engagement?: FormState<EngagementValues>;
  status?: FormState<{ statut: string }>;
  deletion?: FormState<never>;
  milestone?: FormState<MilestoneValues>;
  /** The edit form of one milestone, shown open. */
  milestoneEdit?: FormState<MilestoneValues> & { id: string };
  done?: FormState<{ fait_le: string }> & { id: string };
  document?: FormState<{ titre: string; capitalisation: boolean }>;
  capitalisation?: FormState<{ texte: string }>;
}

export const engagementValues = (e: Engagement): EngagementValues => ({
  responsable: e.lead,
  debut: e.startsOn,
  fin: e.endsOn,
  statut: e.status,
  objectif: e.objective,
});

export const milestoneValues = (m: Milestone): MilestoneValues => ({
  libelle: m.label,
  echeance: m.dueOn,
  livrable: m.deliverable,
  fait_le: m.doneOn ?? '',
});

function Checkbox(props: { name: string; id: string; label: string; checked: boolean }) {
  return (
    <p class="choice">
      <input type="checkbox" id={props.id} name={props.name} value="oui" checked={props.checked} />
      <label for={props.id}>{props.label}</label>
    </p>
  );
}

function EngagementFields({
  values,
  errors = {},
}: {
  values: EngagementValues;
  errors?: Record<string, string>;
}) {
  return (
    <>
      <Field
        name="responsable"
        label="Mené par"
        value={values.responsable}
        required
        error={errors.responsable}
        hint="Le cabinet, la ou le consultant, ou la personne de l’équipe, comme la collectivité le lira."
      />
      <Field name="debut" label="Début" type="date" value={values.debut} required error={errors.debut} />
      <Field name="fin" label="Fin" type="date" value={values.fin} required error={errors.fin} />
      <Select
        name="statut"
        label="Statut"
        options={statusOptions}
        value={values.statut}
        required
        error={errors.statut}
      />
      <TextArea
        name="objectif"
        label="Objectif"
        value={values.objectif}
        required
        error={errors.objectif}
        rows={4}
      />
    </>
  );
}

function MilestoneFields(props: {
  prefix: string;
  values: MilestoneValues;
  errors?: Record<string, string>;
}) {
  const { prefix, values, errors = {} } = props;
  return (
    <>
      <Field
        name="libelle"
        id={`${prefix}-libelle`}
        label="Libellé"
        value={values.libelle}
        required
        error={errors[`${prefix}-libelle`]}
      />
      <Field
        name="echeance"
        id={`${prefix}-echeance`}
        label="Prévu le"
        type="date"
        value={values.echeance}
        required
        error={errors[`${prefix}-echeance`]}
      />
      <Checkbox
        name="livrable"
        id={`${prefix}-livrable`}
        label="C’est un livrable (un document remis à la collectivité)"
        checked={values.livrable}
      />
    </>
  );
}

function DeleteButton(props: { ctx: PageContext; action: string; label: ComponentChildren }) {
  return (
    <form method="post" action={props.action} class="inline">
      <CsrfField ctx={props.ctx} />
      <button type="submit" class="button-secondary">
        {props.label}
      </button>
    </form>
  );
}

export function EngagementStaffPage(props: {
  ctx: PageContext;
  call: Call;
  applicationId: string;
  organisationName: string;
  engagement: Engagement | undefined;
  milestones: Milestone[];
  documents: EngagementDocument[];
  today: string;
  forms?: EngagementForms;
  notice?: string | undefined;
}) {
  const { ctx, call, engagement, forms = {} } = props;
  const path = staffEngagementHref(call.id, props.applicationId);
  const dossierHref = `/gestion/appels/${call.id}/dossiers/${props.applicationId}`;
  const title = `Accompagnement de ${props.organisationName}`;
  const back = (
    <p>
      <a href={dossierHref}>← Le dossier</a> ·{' '}
      <a href={callEngagementsPath(call.id)}>Les accompagnements de l’appel</a>
    </p>
  );
  if (!engagement) {
    const values = forms.engagement?.values ?? {
      responsable: '',
      debut: '',
      fin: '',
      statut: 'planned',
      objectif: '',
    };
    return (
      <Layout ctx={ctx} title={`Créer l’accompagnement de ${props.organisationName}`} notice={props.notice}>
        {back}
        <h1>Créer l’accompagnement de {props.organisationName}</h1>
        <p>{callName(call)}. Une fois créé, ajoutez-lui ses jalons, ses livrables et ses documents.</p>
        <ErrorSummary errors={forms.engagement?.errors} />
        <form method="post" action={path}>
          <CsrfField ctx={ctx} />
          <EngagementFields values={values} errors={forms.engagement?.errors} />
          <button type="submit">Créer l’accompagnement</button>
        </form>
      </Layout>
    );
  }
  const newMilestone = forms.milestone?.values ?? { libelle: '', echeance: '', livrable: false, fait_le: '' };
  return (
    <Layout ctx={ctx} title={title} notice={props.notice}>
      {back}
      <h1>{title}</h1>
      <dl class="facts">
        <dt>Appel</dt>
        <dd>{callName(call)}</dd>
        <dt>Statut</dt>
        <dd>{engagementStatusLabels[engagement.status]}</dd>
        <dt>Mené par</dt>
        <dd>{engagement.lead}</dd>
        <dt>Dates</dt>
        <dd>{period(engagement)}</dd>
      </dl>
      <p>
        <a href={townEngagementHref(engagement.id)}>Voir la page telle que la collectivité la lit</a>
      </p>

      <h2 id="changer-statut">Statut</h2>
      <ErrorSummary errors={forms.status?.errors} />
      <form method="post" action={`${path}/statut`}>
        <CsrfField ctx={ctx} />
        <Select
          name="statut"
          id="statut-seul"
          label="Statut de l’accompagnement"
          options={statusOptions}
          value={forms.status?.values?.statut ?? engagement.status}
          error={forms.status?.errors?.['statut-seul']}
        />
        <button type="submit">Changer le statut</button>
      </form>

      <h2 id="jalons">Jalons et livrables</h2>
      {props.milestones.length ? (
        <ul class="milestones">
          {props.milestones.map((m) => {
            const prefix = `jalon-${m.id}`;
            const editing = forms.milestoneEdit?.id === m.id ? forms.milestoneEdit : undefined;
            const done = forms.done?.id === m.id ? forms.done : undefined;
            return (
              <li key={m.id}>
                <p>
                  <strong>{m.label}</strong>
                  {m.deliverable ? ' (livrable)' : ''} — prévu le {formatDate(m.dueOn)} ;{' '}
                  {m.doneOn ? (
                    `fait le ${formatDate(m.doneOn)}`
                  ) : isLate(m, props.today) ? (
                    <strong class="late">en retard</strong>
                  ) : (
                    'à venir'
                  )}
                </p>
                {m.doneOn ? null : (
                  <form method="post" action={`${path}/jalons/${m.id}/fait`}>
                    <CsrfField ctx={ctx} />
                    <ErrorSummary errors={done?.errors} />
                    <Field
                      name="fait_le"
                      id={`fait-${m.id}`}
                      label={`Fait le (${m.label})`}
                      type="date"
                      value={done?.values?.fait_le ?? props.today}
                      error={done?.errors?.[`fait-${m.id}`]}
                    />
                    <button type="submit">
                      Marquer comme fait<span class="visually-hidden"> : {m.label}</span>
                    </button>
                  </form>
                )}
                <details open={Boolean(editing)}>
                  <summary>
                    Modifier<span class="visually-hidden"> le jalon « {m.label} »</span>
                  </summary>
                  <ErrorSummary errors={editing?.errors} />
                  <form method="post" action={`${path}/jalons/${m.id}`}>
                    <CsrfField ctx={ctx} />
                    <MilestoneFields
                      prefix={prefix}
                      values={editing?.values ?? milestoneValues(m)}
                      errors={editing?.errors}
                    />
                    <Field
                      name="fait_le"
                      id={`${prefix}-fait`}
                      label="Fait le (vide tant qu’il ne l’est pas)"
                      type="date"
                      value={(editing?.values ?? milestoneValues(m)).fait_le}
                      error={editing?.errors?.[`${prefix}-fait`]}
                    />
                    <button type="submit">Enregistrer le jalon</button>
                  </form>
                </details>
                <DeleteButton
                  ctx={ctx}
                  action={`${path}/jalons/${m.id}/suppression`}
                  label={
                    <>
                      Supprimer<span class="visually-hidden"> le jalon « {m.label} »</span>
                    </>
                  }
                />
              </li>
            );
          })}
        </ul>
      ) : (
        <p>Aucun jalon pour l’instant.</p>
      )}
      <h3 id="nouveau-jalon">Ajouter un jalon</h3>
      <ErrorSummary errors={forms.milestone?.errors} />
      <form method="post" action={`${path}/jalons`}>
        <CsrfField ctx={ctx} />
        <MilestoneFields prefix="jalon" values={newMilestone} errors={forms.milestone?.errors} />
        <button type="submit">Ajouter le jalon</button>
      </form>

      <h2 id="documents">Documents</h2>
      {props.documents.length ? (
        <ul>
          {props.documents.map((d) => (
            <li key={d.id}>
              <a href={townDocumentHref(engagement.id, d.id)}>{d.title}</a> ({d.fileName}, {sizeOf(d.size)})
              {d.capitalisation ? ' — document de capitalisation' : ''}{' '}
              <DeleteButton
                ctx={ctx}
                action={`${path}/documents/${d.id}/suppression`}
                label={
                  <>
                    Supprimer<span class="visually-hidden"> le document « {d.title} »</span>
                  </>
                }
              />
            </li>
          ))}
        </ul>
      ) : (
        <p>Aucun document pour l’instant.</p>
      )}
      <ErrorSummary errors={forms.document?.errors} />
      <form method="post" action={`${path}/documents`} enctype="multipart/form-data">
        <CsrfField ctx={ctx} />
        <Field name="titre" id="document-titre" label="Titre" value={forms.document?.values?.titre} />
        <Checkbox
          name="capitalisation"
          id="document-capitalisation"
          label="Document de capitalisation (ce que l’accompagnement a appris au réseau)"
          checked={forms.document?.values?.capitalisation ?? false}
        />
        <FileField
          name="file"
          id="document-fichier"
          label="Fichier (PDF, Word, Excel, PowerPoint, OpenDocument ; 10 Mo au plus)"
          accept=".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp"
          required
          error={forms.document?.errors?.['document-fichier']}
        />
        <button type="submit">Ajouter le document</button>
      </form>

      <h2 id="capitalisation">Capitalisation</h2>
      <ErrorSummary errors={forms.capitalisation?.errors} />
      <form method="post" action={`${path}/capitalisation`}>
        <CsrfField ctx={ctx} />
        <TextArea
          name="texte"
          id="capitalisation-texte"
          label="Ce que l’accompagnement a appris au réseau"
          hint="Pour le guide du réseau ; la collectivité le lit aussi. Vide, rien n’est encore capitalisé."
          value={forms.capitalisation?.values?.texte ?? engagement.capitalisation ?? ''}
          error={forms.capitalisation?.errors?.['capitalisation-texte']}
          rows={6}
        />
        <button type="submit">Enregistrer la capitalisation</button>
      </form>

      <h2 id="modifier">Modifier l’accompagnement</h2>
      <ErrorSummary errors={forms.engagement?.errors} />
      <form method="post" action={path}>
        <CsrfField ctx={ctx} />
        <EngagementFields
          values={forms.engagement?.values ?? engagementValues(engagement)}
          errors={forms.engagement?.errors}
        />
        <button type="submit">Enregistrer</button>
      </form>

      <h2 id="supprimer">Supprimer l’accompagnement</h2>
      <ErrorSummary errors={forms.deletion?.errors} />
      <p>Ses jalons sont supprimés avec lui ; il ne se supprime qu’une fois ses documents supprimés.</p>
      <DeleteButton ctx={ctx} action={`${path}/suppression`} label="Supprimer l’accompagnement" />
    </Layout>
  );
}

// ——— The town ———

export function TownEngagementPage(props: {
  ctx: PageContext;
  call: Call;
  applicationId: string;
  organisationName: string;
  engagement: Engagement;
  milestones: Milestone[];
  documents: EngagementDocument[];
  today: string;
}) {
  const { engagement, call } = props;
  const title = `Accompagnement de ${props.organisationName}`;
  return (
    <Layout ctx={props.ctx} title={title}>
      <p>
        <a href="/mon-espace">← Mon espace</a> ·{' '}
        <a href={`/mon-espace/dossiers/${props.applicationId}`}>Le dossier</a>
      </p>
      <h1>{title}</h1>
      <dl class="facts">
        <dt>Appel</dt>
        <dd>{callName(call)}</dd>
        <dt>Statut</dt>
        <dd>
          <strong>{engagementStatusLabels[engagement.status]}</strong>
        </dd>
        <dt>Mené par</dt>
        <dd>{engagement.lead}</dd>
        <dt>Dates</dt>
        <dd>{period(engagement)}</dd>
      </dl>
      <h2>Objectif</h2>
      <Paragraphs text={engagement.objective} />
      <h2>Jalons et livrables</h2>
      {props.milestones.length ? (
        <div class="table-scroll">
          <table class="table-cards">
            <caption>Les étapes de l’accompagnement, par date prévue</caption>
            <thead>
              <tr>
                <th scope="col">Étape</th>
                <th scope="col">Prévue le</th>
                <th scope="col">Où en est-elle</th>
              </tr>
            </thead>
            <tbody>
              {props.milestones.map((m) => (
                <tr key={m.id}>
                  <th scope="row">
                    {m.label}
                    {m.deliverable ? ' (livrable)' : ''}
                  </th>
                  <td data-label="Prévue le">{formatDate(m.dueOn)}</td>
                  <td data-label="Où en est-elle">
                    {m.doneOn
                      ? `faite le ${formatDate(m.doneOn)}`
                      : isLate(m, props.today)
                        ? 'en retard'
                        : 'à venir'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>Les étapes de l’accompagnement ne sont pas encore fixées.</p>
      )}
      <h2>Documents</h2>
      {props.documents.length ? (
        <ul>
          {props.documents.map((d) => (
            <li key={d.id}>
              <a href={townDocumentHref(engagement.id, d.id)} download={d.fileName}>
                {d.title}
              </a>{' '}
              ({d.fileName}, {sizeOf(d.size)}){d.capitalisation ? ' — document de capitalisation' : ''}
            </li>
          ))}
        </ul>
      ) : (
        <p>Aucun document pour l’instant.</p>
      )}
      {engagement.capitalisation?.trim() ? (
        <>
          <h2>Ce que l’accompagnement a appris</h2>
          <Paragraphs text={engagement.capitalisation} />
        </>
      ) : null}
    </Layout>
  );
}
