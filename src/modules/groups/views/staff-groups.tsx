// The staff's pages of the groups: the list with the form to create one, a group's page (its facts, chairs,
// members, meetings and their invitations, roadmap, documents, export), and the preview of an invitation.
import { composeMail } from '../../../platform/mail/mail.tsx';
import { formatDate, formatWhen } from '../../../platform/time.ts';
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
import { InvitationPreview } from '../../events/views/invitations.tsx';
import { plural } from '../../events/views/parts.tsx';
import type { PersonCard } from '../../organisations/directory.ts';
import type { Organisation } from '../../organisations/organisations.ts';
import { documentKindLabels, visibilityLabels } from '../documents.ts';
import type { GroupSummary, ManageGroupData } from '../groups.queries.ts';
import { groupKinds, groupStatuses, roadmapStatuses } from '../groups.schema.ts';
import { type Group, groupKindLabels, groupStatusLabels, groupTitle } from '../groups.ts';
import type { GroupInvitationPlan } from '../invitations.ts';
import { type RoadmapItem, roadmapStatusLabels } from '../roadmap.ts';
import { ChairLine } from './groups.tsx';

export type Errors = Record<string, string>;
export type Values = Record<string, string | undefined>;

/** A form's errors and typed values, after a refusal. */
export interface FormState {
  errors?: Errors;
  values?: Values;
}

const kindOptions = groupKinds.map((k) => [k, groupKindLabels[k]] as const);
const statusOptions = groupStatuses.map((s) => [s, groupStatusLabels[s]] as const);

function GroupFields({ values = {}, errors = {} }: FormState) {
  return (
    <>
      <Select
        name="kind"
        label="Nature"
        options={kindOptions}
        value={values.kind}
        required
        error={errors.kind}
      />
      <Field
        name="name"
        label="Nom"
        hint="Sans la nature : « Japon », « Amérique latine et Caraïbes (DALC) », « Climat »."
        value={values.name}
        required
        error={errors.name}
      />
      <Field
        name="countries"
        label="Pays (codes ISO à deux lettres)"
        hint="Séparés par des virgules : JP ; pour une dynamique, BF, ML, NE."
        value={values.countries}
        error={errors.countries ?? Object.entries(errors).find(([k]) => k.startsWith('countries.'))?.[1]}
      />
      <TextArea
        name="description"
        label="Présentation"
        value={values.description}
        error={errors.description}
      />
      <Select
        name="status"
        label="État"
        options={statusOptions}
        value={values.status ?? 'active'}
        error={errors.status}
      />
    </>
  );
}

export function StaffGroupsPage(props: {
  ctx: PageContext;
  rows: GroupSummary[];
  form?: FormState;
  notice?: string | undefined;
}) {
  return (
    <Layout ctx={props.ctx} title="Groupes — gestion" notice={props.notice}>
      <h1>Groupes</h1>
      {props.rows.length ? (
        <div class="table-scroll">
          <table>
            <caption>Les groupes ({props.rows.length})</caption>
            <thead>
              <tr>
                <th scope="col">Groupe</th>
                <th scope="col">Présidence</th>
                <th scope="col">Prochaine réunion</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr key={r.group.id}>
                  <th scope="row" class="name">
                    <a href={`/gestion/groupes/${r.group.id}`}>{groupTitle(r.group)}</a>
                  </th>
                  <td>
                    <ChairLine chair={r.chair} organisation={r.chairOrganisation} />
                  </td>
                  <td>{r.nextMeeting ? formatWhen(r.nextMeeting.startsAt, r.nextMeeting.endsAt) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>Aucun groupe pour le moment : créez le premier ci-dessous.</p>
      )}
      <h2 id="creer">Créer un groupe</h2>
      <ErrorSummary errors={props.form?.errors} />
      <form method="post" action="/gestion/groupes">
        <CsrfField ctx={props.ctx} />
        <GroupFields {...props.form} />
        <button type="submit">Créer le groupe</button>
      </form>
    </Layout>
  );
}

export interface ManageForms {
  edit?: FormState;
  chair?: FormState;
  member?: FormState;
  meeting?: FormState;
  roadmap?: FormState;
  /** The form of one roadmap item, refused. */
  roadmapItem?: FormState & { itemId: string };
  document?: FormState;
}

export const groupValues = (group: Group): Values => ({
  kind: group.kind,
  name: group.name,
  countries: group.countries.join(', '),
  description: group.description ?? '',
  status: group.status,
});

export function ManageGroupPage(props: {
  ctx: PageContext;
  data: ManageGroupData;
  electedPeople: PersonCard[];
  organisations: Organisation[];
  /** The people who follow the group. */
  followers: PersonCard[];
  /** What a roadmap item's organisation is chosen among: the members, and owners that are no longer. */
  owners: Organisation[];
  forms?: ManageForms;
  notice?: string | undefined;
}) {
  const { ctx, data } = props;
  const { group } = data;
  const forms = props.forms ?? {};
  const base = `/gestion/groupes/${group.id}`;
  const meetings = [...data.meetings.next, ...data.meetings.past];
  const meetingOptions = meetings.map((e) => [e.id, `${e.title} — ${formatDate(e.startsAt)}`] as const);
  const ownerOptions = props.owners.map((o) => [o.id, o.name] as const);
  return (
    <Layout ctx={ctx} title={`${groupTitle(group)} — gestion`} notice={props.notice}>
      <p>
        <a href="/gestion/groupes">← Groupes</a>
      </p>
      <h1>{groupTitle(group)}</h1>
      <p>
        <a href={`/groupes/${group.slug}`}>Voir la page publique</a> ·{' '}
        <a href={`${base}/suivi.csv`}>Exporter membres et abonnés (CSV)</a> ·{' '}
        <a href={`${base}/suivi.xlsx`}>(XLSX)</a>
      </p>
      <p>
        <ChairLine chair={data.chair} organisation={data.chairOrganisation} />
      </p>

      <h2 id="presidence">Présidence</h2>
      <ul>
        {data.chairs.map((t) => (
          <li key={t.id}>
            {t.person ? `${t.person.firstName} ${t.person.lastName}` : '—'}
            {t.person?.organisationName ? ` (${t.person.organisationName})` : ''} : du{' '}
            {formatDate(t.startsOn)}
            {t.endsOn ? ` au ${formatDate(t.endsOn)}` : ' à aujourd’hui'}
          </li>
        ))}
      </ul>
      <ErrorSummary errors={forms.chair?.errors} />
      <form method="post" action={`${base}/presidences`}>
        <CsrfField ctx={ctx} />
        <Select
          name="personId"
          label="Nouvelle présidence"
          options={props.electedPeople.map(
            (p) =>
              [
                p.id,
                `${p.lastName} ${p.firstName}${p.organisationName ? ` — ${p.organisationName}` : ''}`,
              ] as const,
          )}
          value={forms.chair?.values?.personId}
          empty="Choisir un·e élu·e d’une collectivité adhérente"
          required
          error={forms.chair?.errors?.personId}
        />
        <Field
          name="startsOn"
          label="À partir du"
          type="date"
          hint="La présidence en cours s’achève la veille."
          value={forms.chair?.values?.startsOn}
          required
          error={forms.chair?.errors?.startsOn}
        />
        <button type="submit">Nommer</button>
      </form>

      <h2 id="membres">Organisations membres ({data.members.length})</h2>
      {data.members.length ? (
        <ul>
          {data.members.map((o) => (
            <li key={o.id}>
              {o.name}{' '}
              <form method="post" action={`${base}/membres/retirer`} class="inline">
                <CsrfField ctx={ctx} />
                <input type="hidden" name="organisationId" value={o.id} />
                <button type="submit">
                  Retirer<span class="visually-hidden"> {o.name} du groupe</span>
                </button>
              </form>
            </li>
          ))}
        </ul>
      ) : null}
      <h3>Personnes qui suivent le groupe ({props.followers.length})</h3>
      {props.followers.length ? (
        <ul>
          {props.followers.map((p) => (
            <li key={p.id}>
              {p.firstName} {p.lastName}
              {p.organisationName ? ` (${p.organisationName})` : ''}{' '}
              <form method="post" action={`${base}/abonnes/retirer`} class="inline">
                <CsrfField ctx={ctx} />
                <input type="hidden" name="personId" value={p.id} />
                <button type="submit">
                  Retirer
                  <span class="visually-hidden">
                    {' '}
                    {p.firstName} {p.lastName} des abonnés
                  </span>
                </button>
              </form>
            </li>
          ))}
        </ul>
      ) : null}
      <ErrorSummary errors={forms.member?.errors} />
      <form method="post" action={`${base}/membres`}>
        <CsrfField ctx={ctx} />
        <Select
          name="organisationId"
          label="Ajouter une organisation"
          options={props.organisations.map((o) => [o.id, o.name] as const)}
          value={forms.member?.values?.organisationId}
          empty="Choisir une organisation"
          required
          error={forms.member?.errors?.organisationId}
        />
        <button type="submit">Ajouter</button>
      </form>

      <h2 id="reunions">Réunions</h2>
      {meetings.length ? (
        <ul>
          {meetings.map((e) => (
            <li key={e.id}>
              <a href={`/gestion/evenements/${e.id}`}>{e.title}</a> — {formatWhen(e.startsAt, e.endsAt)}
              {e.cancelledAt ? ' (annulée)' : ''}
              {data.meetings.next.includes(e) && !e.cancelledAt ? (
                <>
                  {' '}
                  · <a href={`${base}/invitations/${e.id}`}>Inviter les membres et abonnés</a>
                </>
              ) : null}
              <form method="post" action={`${base}/reunions/retirer`} class="inline">
                <CsrfField ctx={ctx} />
                <input type="hidden" name="eventId" value={e.id} />{' '}
                <button type="submit">
                  Retirer du groupe<span class="visually-hidden"> la réunion « {e.title} »</span>
                </button>
              </form>
            </li>
          ))}
        </ul>
      ) : (
        <p>Aucune réunion rattachée.</p>
      )}
      <ErrorSummary errors={forms.meeting?.errors} />
      <form method="post" action={`${base}/reunions`}>
        <CsrfField ctx={ctx} />
        <Select
          name="eventId"
          id="meetingEvent"
          label="Rattacher un événement de l’agenda"
          options={data.choices.map((e) => [e.id, `${e.title} — ${formatDate(e.startsAt)}`] as const)}
          value={forms.meeting?.values?.eventId}
          empty="Choisir un événement à venir"
          required
          error={forms.meeting?.errors?.eventId}
        />
        <button type="submit">Rattacher</button>
      </form>

      <h2 id="feuille-de-route">Feuille de route</h2>
      {data.roadmap?.length ? (
        <ul>
          {data.roadmap.map((item) => (
            <RoadmapItemRow
              key={item.id}
              ctx={ctx}
              base={base}
              item={item}
              meetingOptions={meetingOptions}
              ownerOptions={ownerOptions}
              refused={forms.roadmapItem?.itemId === item.id ? forms.roadmapItem : undefined}
            />
          ))}
        </ul>
      ) : (
        <p>La feuille de route est vide.</p>
      )}
      <ErrorSummary errors={forms.roadmap?.errors} targets={targetsOf(forms.roadmap?.errors, newItemId)} />
      <form method="post" action={`${base}/feuille-de-route`}>
        <CsrfField ctx={ctx} />
        <RoadmapFields
          id={newItemId}
          values={{ status: 'planned', ...forms.roadmap?.values }}
          errors={forms.roadmap?.errors ?? {}}
          eventOptions={meetingOptions}
          ownerOptions={ownerOptions}
        />
        <button type="submit">Ajouter l’étape</button>
      </form>

      <h2 id="documents">Documents et comptes rendus</h2>
      {data.documents.length ? (
        <ul>
          {data.documents.map((d) => (
            <li key={d.id}>
              <a href={`/groupes/${group.slug}/documents/${d.id}`}>{d.title}</a> —{' '}
              {documentKindLabels[d.kind]}, {visibilityLabels[d.visibility].toLowerCase()}{' '}
              <form method="post" action={`${base}/documents/retirer`} class="inline">
                <CsrfField ctx={ctx} />
                <input type="hidden" name="documentId" value={d.id} />
                <button type="submit">
                  Retirer<span class="visually-hidden"> le document « {d.title} »</span>
                </button>
              </form>
            </li>
          ))}
        </ul>
      ) : null}
      <ErrorSummary errors={forms.document?.errors} />
      <form method="post" action={`${base}/documents`} enctype="multipart/form-data">
        <CsrfField ctx={ctx} />
        <Field name="title" id="documentTitle" label="Titre" value={forms.document?.values?.title} />
        <Select
          name="kind"
          id="documentKind"
          label="Nature du document"
          options={Object.entries(documentKindLabels)}
          value={forms.document?.values?.kind ?? 'minutes'}
        />
        <Select
          name="visibility"
          label="Qui le lit"
          options={Object.entries(visibilityLabels)}
          value={forms.document?.values?.visibility ?? 'members'}
        />
        <Select
          name="eventId"
          id="documentEvent"
          label="Réunion"
          options={meetingOptions}
          value={forms.document?.values?.eventId}
          empty="Le groupe (aucune réunion en particulier)"
        />
        <FileField
          name="file"
          label="Fichier (PDF, Word, Excel, PowerPoint, OpenDocument)"
          accept=".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp"
          required
          error={forms.document?.errors?.file}
        />
        <button type="submit">Ajouter le document</button>
      </form>

      <h2 id="modifier">Modifier le groupe</h2>
      <ErrorSummary errors={forms.edit?.errors} />
      <form method="post" action={base}>
        <CsrfField ctx={ctx} />
        <GroupFields values={forms.edit?.values ?? groupValues(group)} errors={forms.edit?.errors} />
        <button type="submit">Enregistrer</button>
      </form>
      <form method="post" action={`${base}/archiver`}>
        <CsrfField ctx={ctx} />
        <button type="submit">Archiver le groupe</button>
        <span class="hint"> Il quitte les listes ; son historique reste.</span>
      </form>
    </Layout>
  );
}

const statusChoices = roadmapStatuses.map((s) => [s, roadmapStatusLabels[s]] as const);
const newItemId = (field: string) => `roadmap-${field}`;
/** Where a summary's error leads: the field's element, whose id `id` makes unique on the page. */
const targetsOf = (errors: Errors | undefined, id: (field: string) => string) =>
  Object.fromEntries(Object.keys(errors ?? {}).map((f) => [f, f === '_' ? '_' : id(f)]));

type Options = (readonly [string, string])[];

/** The fields of a roadmap item, for a new one or one to change (`id` keeps each form's ids apart). */
function RoadmapFields(props: {
  id: (field: string) => string;
  values: Values;
  errors: Errors;
  eventOptions: Options;
  ownerOptions: Options;
}) {
  const { id, values, errors } = props;
  return (
    <>
      <Field name="title" id={id('title')} label="Étape" value={values.title} required error={errors.title} />
      <Field
        name="dueOn"
        id={id('dueOn')}
        label="Pour le"
        type="date"
        value={values.dueOn}
        error={errors.dueOn}
      />
      <Select
        name="status"
        id={id('status')}
        label="État"
        options={statusChoices}
        value={values.status}
        error={errors.status}
      />
      <Select
        name="eventId"
        id={id('eventId')}
        label="Réunion liée"
        options={props.eventOptions}
        value={values.eventId}
        empty="Aucune"
        error={errors.eventId}
      />
      <Select
        name="ownerOrganisationId"
        id={id('ownerOrganisationId')}
        label="Organisation qui la porte"
        options={props.ownerOptions}
        value={values.ownerOrganisationId}
        empty="Aucune"
        error={errors.ownerOrganisationId}
      />
    </>
  );
}

/** One roadmap item: what it is, then its form to change it (open when refused) and to delete it. */
function RoadmapItemRow(props: {
  ctx: PageContext;
  base: string;
  item: RoadmapItem;
  meetingOptions: Options;
  ownerOptions: Options;
  refused: FormState | undefined;
}) {
  const { item, refused } = props;
  const action = `${props.base}/feuille-de-route/${item.id}`;
  const id = (field: string) => `item-${item.id}-${field}`;
  const values = refused?.values ?? {
    title: item.title,
    dueOn: item.dueOn ?? '',
    status: item.status,
    eventId: item.eventId ?? '',
    ownerOrganisationId: item.ownerOrganisationId ?? '',
  };
  const errors = refused?.errors ?? {};
  const owner = props.ownerOptions.find(([o]) => o === item.ownerOrganisationId)?.[1];
  // An event linked through the API that is no meeting of the group stays chosen: saving keeps it.
  const eventOptions =
    item.eventId && !props.meetingOptions.some(([e]) => e === item.eventId)
      ? [...props.meetingOptions, [item.eventId, 'L’événement lié (hors des réunions du groupe)'] as const]
      : props.meetingOptions;
  return (
    <li>
      {item.title}
      {item.dueOn ? ` — pour le ${formatDate(item.dueOn)}` : ''} · {roadmapStatusLabels[item.status]}
      {owner ? ` · porté par ${owner}` : ''}
      <details open={Boolean(refused)}>
        <summary>Modifier ou supprimer « {item.title} »</summary>
        <ErrorSummary errors={refused?.errors} targets={targetsOf(errors, id)} />
        <form method="post" action={action}>
          <CsrfField ctx={props.ctx} />
          <RoadmapFields
            id={id}
            values={values}
            errors={errors}
            eventOptions={eventOptions}
            ownerOptions={props.ownerOptions}
          />
          <button type="submit">Enregistrer l’étape</button>
        </form>
        <form method="post" action={`${action}/supprimer`}>
          <CsrfField ctx={props.ctx} />
          <button type="submit">Supprimer l’étape</button>
        </form>
      </details>
    </li>
  );
}

export function GroupInvitationPreviewPage(props: {
  ctx: PageContext;
  group: Group;
  plan: GroupInvitationPlan;
}) {
  const { event, toInvite, alreadyInvited, alreadyRegistered, example } = props.plan;
  const action = `/gestion/groupes/${props.group.id}/invitations/${event.id}`;
  return (
    <Layout ctx={props.ctx} title={`Inviter — ${event.title}`}>
      <p>
        <a href={`/gestion/groupes/${props.group.id}#reunions`}>← {groupTitle(props.group)}</a>
      </p>
      <h1>Inviter à « {event.title} »</h1>
      <p>
        {formatWhen(event.startsAt, event.endsAt, { withHours: true })}. Qui : les personnes qui suivent le
        groupe et les référents de ses organisations membres.
      </p>
      <InvitationPreview
        toInvite={toInvite}
        why={{
          label: 'Pourquoi',
          cell: (p) => (p.why === 'follower' ? 'Suit le groupe' : 'Référent·e d’un membre'),
        }}
        leftOut={[
          {
            people: alreadyInvited,
            one: 'déjà invitée',
            many: 'déjà invitées',
            caption: 'Déjà invitées, laissées de côté',
          },
          {
            people: alreadyRegistered,
            one: 'déjà inscrite',
            many: 'déjà inscrites',
            caption: 'Déjà inscrites, laissées de côté',
          },
        ]}
        mail={example ? composeMail(example) : undefined}
        attachment="Une invitation d’agenda (.ics) est jointe ; chaque courriel dit à la personne pourquoi elle la reçoit. Sept jours avant la réunion, les personnes invitées qui ne se sont pas inscrites reçoivent un rappel."
        send={
          <form method="post" action={action}>
            <CsrfField ctx={props.ctx} />
            <button type="submit">
              Envoyer l’invitation à {plural(toInvite.length, 'personne', 'personnes')}
            </button>
          </form>
        }
      />
    </Layout>
  );
}
