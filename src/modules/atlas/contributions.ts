// Contributions to the atlas: a referent proposes a new partnership or a change to one of their organisation's
// (a whole snapshot, kept pending); staff accepts it — the partnership becomes the snapshot, one version with
// source « contribution » — or rejects it with a reason; each decision mails the proposer. Two staff deciding
// at once: the update guarded by `status = 'pending'` lets one win, the other gets a French 409.
// The « appel à contribution » asks the referents of a country group's members (or of the organisations that
// cooperate with a country) to check their partnerships: one mail per person per campaign (a dedupe key).
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { audit } from '../../platform/db/audit.ts';
import type { Db, Executor } from '../../platform/db/client.ts';
import { mails } from '../../platform/db/platform.schema.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { network } from '../../platform/identity.ts';
import { composeMail, type MailMessage, queueMail } from '../../platform/mail/mail.tsx';
import { type Failure, fail, ok, type Result } from '../../platform/result.ts';
import { formatDate, parisYear } from '../../platform/time.ts';
import { getGroup, groupTitle, listGroups } from '../groups/groups.ts';
import { memberIdsOf } from '../groups/members.ts';
import type { AttentionItem, PersonalBlock } from '../module.ts';
import { type PersonCard, personCards } from '../organisations/directory.ts';
import { frenchLocalGovernmentKinds } from '../organisations/kinds.ts';
import { getOrganisationsByIds } from '../organisations/organisations.ts';
import { listPeopleOfOrganisation } from '../organisations/people.ts';
import { atlasMessages as am } from './atlas.messages.ts';
import { atlasPolicy } from './atlas.policy.ts';
import { partnershipContributions, partnershipSides, partnerships } from './atlas.schema.ts';
import { contributionsMessages as m } from './contributions.messages.ts';
import { diffSnapshots, idsNamed, isEmptyDiff, type Names, type SnapshotDiff } from './diff.ts';
import {
  applySnapshot,
  getPartnership,
  parsePartnership,
  parseProject,
  type Snapshot,
  snapshotOf,
  versionsOf,
} from './partnerships.ts';
import { countryName } from './places.ts';

export type Contribution = typeof partnershipContributions.$inferSelect;

/** What the mails need of the platform's configuration. */
export interface MailSettings {
  baseUrl: string;
}

// ——— Names ———

/** The names of the organisations and people the snapshots name. */
export async function namesFor(executor: Executor, snapshots: Snapshot[]): Promise<Names> {
  const ids = idsNamed(snapshots);
  const [orgs, people] = await Promise.all([
    getOrganisationsByIds(executor, ids.organisations),
    personCards(executor, ids.people),
  ]);
  return {
    organisations: new Map(orgs.map((o) => [o.id, o.name])),
    people: new Map([...people.values()].map((p) => [p.id, `${p.firstName} ${p.lastName}`])),
  };
}

/** « Angers – Matsumoto (Japon) »: a partnership as a sentence names it. */
export async function partnershipLabel(executor: Executor, snapshot: Snapshot): Promise<string> {
  const orgs = await getOrganisationsByIds(executor, [
    ...snapshot.frenchOrganisationIds,
    snapshot.partnerOrganisationId,
  ]);
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const partner = byId.get(snapshot.partnerOrganisationId);
  const french = snapshot.frenchOrganisationIds.map((id) => byId.get(id)?.name ?? '?').join(', ');
  return `${french} – ${partner?.name ?? '?'}${partner ? ` (${countryName(partner.country)})` : ''}`;
}

// ——— Proposing ———

/** Errors of a project's fields, under the names of its form (`project-<id>-title`, `new-title`). */
const projectErrors = (prefix: string, fields: Record<string, string> | undefined) =>
  Object.fromEntries(
    Object.entries(fields ?? {}).map(([k, v]) => [`${prefix}-${k === 'budgetCents' ? 'budget' : k}`, v]),
  );

/** The organisation a person contributes for: their own, if they are its referent. */
function contributorOrganisation(actor: Actor): Result<string> {
  if (!actor.organisationId) return fail(403, 'no_organisation', m.contribNoOrganisation());
  if (!atlasPolicy.contributeFor(actor, actor.organisationId))
    return fail(403, 'forbidden', am.notYourOrganisation());
  return ok(actor.organisationId);
}

/**
 * Validates a proposal (the same zod inputs as staff's, the sides checked) and makes it a clean snapshot; a
 * project's errors are named after its form fields (`project-<id>-…`, a new one's `new-…`).
 */
async function cleanSnapshot(executor: Executor, proposal: Snapshot): Promise<Result<Snapshot>> {
  const { projects, ...fields } = proposal;
  const parsed = parsePartnership(
    Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null && v !== '')),
  );
  const errors: Record<string, string> = parsed.ok ? {} : { ...parsed.error.fields };
  const cleanProjects: Snapshot['projects'] = [];
  for (const project of projects) {
    const { id, ...values } = project;
    const one = parseProject(values);
    if (one.ok) cleanProjects.push({ ...(id ? { id } : {}), ...one.value });
    else Object.assign(errors, projectErrors(id ? `project-${id}` : 'new', one.error.fields));
  }
  if (!parsed.ok || Object.keys(errors).length) return fail(400, 'invalid', am.invalid(), errors);
  const input = parsed.value;
  const orgs = new Map(
    (
      await getOrganisationsByIds(executor, [...input.frenchOrganisationIds, input.partnerOrganisationId])
    ).map((o) => [o.id, o]),
  );
  const partner = orgs.get(input.partnerOrganisationId);
  if (!partner)
    return fail(422, 'organisation_unknown', am.organisationUnknown(), {
      partnerOrganisationId: am.organisationUnknown().text,
    });
  if (partner.kind !== 'foreign_local_government') {
    const text = am.partnerNotForeign({ name: partner.name });
    return fail(422, 'partner_not_foreign', text, { partnerOrganisationId: text.text });
  }
  for (const id of input.frenchOrganisationIds) {
    const side = orgs.get(id);
    if (!side || !frenchLocalGovernmentKinds.includes(side.kind))
      return fail(422, 'not_french_local_government', m.contribNotLocalGovernment());
  }
  return ok({
    frenchOrganisationIds: [...new Set(input.frenchOrganisationIds)],
    partnerOrganisationId: input.partnerOrganisationId,
    kind: input.kind,
    since: input.since ?? null,
    status: input.status,
    themes: [...new Set(input.themes)],
    description: input.description ?? null,
    agreementReference: input.agreementReference ?? null,
    agreementOn: input.agreementOn ?? null,
    contactIds: [...new Set(input.contactIds ?? [])],
    projects: cleanProjects,
  });
}

/**
 * A referent proposes, for their own organisation, a new partnership (`partnershipId` null: their
 * organisation is its French side) or a change to one whose French side includes it. Kept pending for staff;
 * 403 for another organisation's, 422 when it changes nothing.
 */
export async function proposeContribution(
  executor: Executor,
  actor: Actor,
  partnershipId: string | null,
  proposal: Snapshot,
  note?: string,
): Promise<Result<Contribution>> {
  const own = contributorOrganisation(actor);
  if (!own.ok) return own;
  const organisationId = own.value;
  let current: Snapshot | null = null;
  if (partnershipId) {
    const partnership = await getPartnership(executor, partnershipId);
    if (!partnership) return fail(404, 'not_found', am.partnershipNotFound());
    current = await snapshotOf(executor, partnershipId);
    if (!current.frenchOrganisationIds.includes(organisationId))
      return fail(403, 'forbidden', am.notYourOrganisation());
    if (partnership.archivedAt) return fail(422, 'archived', m.contribArchived());
    // The French side and the contacts are staff's to change: a proposal keeps them as they are.
    proposal = {
      ...proposal,
      frenchOrganisationIds: current.frenchOrganisationIds,
      contactIds: current.contactIds,
    };
  } else {
    if (!proposal.frenchOrganisationIds.includes(organisationId))
      return fail(403, 'forbidden', am.notYourOrganisation());
    if (!proposal.partnerOrganisationId)
      return fail(400, 'invalid', m.contribPartnerRequired(), {
        partnerOrganisationId: m.contribPartnerRequired().text,
      });
  }
  const clean = await cleanSnapshot(executor, proposal);
  if (!clean.ok) return clean;
  const names = await namesFor(executor, [clean.value, ...(current ? [current] : [])]);
  if (isEmptyDiff(diffSnapshots(current, clean.value, names))) return fail(422, 'no_change', am.noChange());
  const [created] = await executor
    .insert(partnershipContributions)
    .values({
      partnershipId,
      organisationId,
      proposedBy: actor.personId,
      proposal: clean.value,
      note: note?.trim() ? note.trim().slice(0, 2000) : null,
    })
    .returning();
  await audit(executor, {
    actorId: actor.personId,
    action: 'propose',
    entity: 'partnership_contribution',
    entityId: created!.id,
    data: { partnershipId },
  });
  return ok(created!);
}

// ——— Reading ———

/** The partnerships whose French side includes the organisation (archived ones too), newest first. */
export async function partnershipIdsOf(executor: Executor, organisationId: string): Promise<string[]> {
  const rows = await executor
    .select({ id: partnerships.id })
    .from(partnerships)
    .innerJoin(partnershipSides, eq(partnershipSides.partnershipId, partnerships.id))
    .where(eq(partnershipSides.organisationId, organisationId))
    .orderBy(desc(partnerships.updatedAt));
  return rows.map((r) => r.id);
}

export interface ContributionView {
  contribution: Contribution;
  organisation: string;
  proposer: string | null;
  decider: string | null;
  label: string;
  /** What a pending contribution changes now; a decided one has none (the history shows what it did). */
  diff: SnapshotDiff | null;
}

/** Contributions with what they change against the partnership as it is now (new ones: every field added). */
async function viewsOf(executor: Executor, rows: Contribution[]): Promise<ContributionView[]> {
  const currents = new Map<string, Snapshot>();
  for (const id of new Set(
    rows.flatMap((r) => (r.partnershipId && r.status === 'pending' ? [r.partnershipId] : [])),
  ))
    currents.set(id, await snapshotOf(executor, id));
  const proposals = rows.map((r) => r.proposal as Snapshot);
  const [names, orgs, people] = await Promise.all([
    namesFor(executor, [...proposals, ...currents.values()]),
    getOrganisationsByIds(executor, [...new Set(rows.map((r) => r.organisationId))]),
    personCards(
      executor,
      rows.flatMap((r) => [r.proposedBy, r.decidedBy].filter((id): id is string => Boolean(id))),
    ),
  ]);
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  const who = (id: string | null) => {
    const p = id ? people.get(id) : undefined;
    return p ? `${p.firstName} ${p.lastName}` : null;
  };
  return rows.map((r, i) => {
    const proposal = proposals[i]!;
    const partner = names.organisations.get(proposal.partnerOrganisationId) ?? '?';
    const french = proposal.frenchOrganisationIds.map((id) => names.organisations.get(id) ?? '?').join(', ');
    return {
      contribution: r,
      organisation: orgName.get(r.organisationId) ?? '?',
      proposer: who(r.proposedBy),
      decider: who(r.decidedBy),
      label: `${french} – ${partner}`,
      diff:
        r.status === 'pending'
          ? diffSnapshots(r.partnershipId ? (currents.get(r.partnershipId) ?? null) : null, proposal, names)
          : null,
    };
  });
}

/** The moderation queue: every pending contribution (oldest first), then the last 30 decided. */
export async function contributionQueue(executor: Executor) {
  const [pending, decided] = await Promise.all([
    executor
      .select()
      .from(partnershipContributions)
      .where(eq(partnershipContributions.status, 'pending'))
      .orderBy(asc(partnershipContributions.createdAt)),
    executor
      .select()
      .from(partnershipContributions)
      .where(sql`${partnershipContributions.status} <> 'pending'`)
      .orderBy(desc(partnershipContributions.decidedAt))
      .limit(30),
  ]);
  return { pending: await viewsOf(executor, pending), decided: await viewsOf(executor, decided) };
}

/** An organisation's contributions, the latest first. */
export async function contributionsOf(executor: Executor, organisationId: string) {
  const rows = await executor
    .select()
    .from(partnershipContributions)
    .where(eq(partnershipContributions.organisationId, organisationId))
    .orderBy(desc(partnershipContributions.createdAt))
    .limit(50);
  return viewsOf(executor, rows);
}

export async function countPendingContributions(executor: Executor): Promise<number> {
  const [row] = await executor
    .select({ n: sql<number>`count(*)::int` })
    .from(partnershipContributions)
    .where(eq(partnershipContributions.status, 'pending'));
  return Number(row?.n ?? 0);
}

/** A partnership's versions, the latest first, each with what it changed from the one before. */
export async function historyOf(executor: Executor, partnershipId: string) {
  const versions = await versionsOf(executor, partnershipId);
  const names = await namesFor(
    executor,
    versions.map((v) => v.snapshot),
  );
  return versions.map((v, i) => ({
    ...v,
    who: v.firstName || v.lastName ? `${v.firstName ?? ''} ${v.lastName ?? ''}`.trim() : null,
    diff: diffSnapshots(versions[i + 1]?.snapshot ?? null, v.snapshot, names),
  }));
}

// ——— Deciding ———

/** A refusal inside a transaction: thrown to roll it back, caught outside and returned. */
class Refused extends Error {
  readonly failure: Failure;
  constructor(failure: Failure) {
    super(failure.message);
    this.failure = failure;
  }
}

async function refusedOr<T>(run: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Refused) return { ok: false, error: error.failure };
    throw error;
  }
}

/** 404 when it does not exist, 409 when it was decided already (by someone else, a moment ago). */
async function notPending(executor: Executor, id: string): Promise<Failure> {
  const [row] = await executor
    .select({ id: partnershipContributions.id })
    .from(partnershipContributions)
    .where(eq(partnershipContributions.id, id));
  return row
    ? { status: 409, code: 'already_decided', message: am.alreadyDecided().text }
    : { status: 404, code: 'not_found', message: am.contributionNotFound().text };
}

/** The mail that tells the proposer what was decided (once: its dedupe key is the contribution's). */
async function mailDecision(executor: Executor, contribution: Contribution, settings: MailSettings) {
  if (!contribution.proposedBy) return;
  const person = (await personCards(executor, [contribution.proposedBy])).get(contribution.proposedBy);
  if (!person || person.disabled) return;
  const [organisation] = await getOrganisationsByIds(executor, [contribution.organisationId]);
  const accepted = contribution.status === 'accepted';
  const message: MailMessage = {
    to: person.email,
    subject: (accepted ? m.contribAcceptedSubject() : m.contribRejectedSubject()).text,
    greeting: `Bonjour ${person.firstName},`,
    paragraphs: [
      m.contribDecisionIntro({
        network: network().name,
        partnership: await partnershipLabel(executor, contribution.proposal as Snapshot),
        day: formatDate(contribution.createdAt),
      }).text,
      accepted
        ? m.contribAcceptedText().text
        : m.contribRejectedText({ reason: contribution.reason ?? '' }).text,
    ],
    action: {
      label: 'Voir les partenariats de ma collectivité',
      url: `${settings.baseUrl}/mon-espace/partenariats`,
    },
    reason: m.contribDecisionReason({ organisation: organisation?.name ?? '' }).text,
  };
  await queueMail(executor, composeMail(message), { key: `atlas-contribution:${contribution.id}` });
}

/** Accepts: the partnership becomes the proposal (a version « contribution »), the proposer is mailed. */
export async function acceptContribution(
  db: Db,
  id: string,
  actor: Actor,
  settings: MailSettings,
): Promise<Result<Contribution>> {
  return refusedOr(() =>
    db.transaction(async (tx) => {
      const [claimed] = await tx
        .update(partnershipContributions)
        .set({ status: 'accepted', decidedBy: actor.personId, decidedAt: sql`now()` })
        .where(and(eq(partnershipContributions.id, id), eq(partnershipContributions.status, 'pending')))
        .returning();
      if (!claimed) throw new Refused(await notPending(tx, id));
      const applied = await applySnapshot(
        tx,
        claimed.partnershipId,
        claimed.proposal as Snapshot,
        actor.personId,
        'contribution',
      );
      if (!applied.ok) throw new Refused(applied.error);
      const [decided] = await tx
        .update(partnershipContributions)
        .set({ partnershipId: applied.value.id })
        .where(eq(partnershipContributions.id, id))
        .returning();
      await audit(tx, {
        actorId: actor.personId,
        action: 'accept',
        entity: 'partnership_contribution',
        entityId: id,
      });
      await mailDecision(tx, decided!, settings);
      return ok(decided!);
    }),
  );
}

/** Rejects with a reason (mandatory: the proposer reads it), and mails the proposer. */
export async function rejectContribution(
  db: Db,
  id: string,
  actor: Actor,
  reason: string | undefined,
  settings: MailSettings,
): Promise<Result<Contribution>> {
  const why = reason?.trim() ?? '';
  if (!why) return fail(422, 'reason_required', am.reasonRequired(), { reason: am.reasonRequired().text });
  return refusedOr(() =>
    db.transaction(async (tx) => {
      const [decided] = await tx
        .update(partnershipContributions)
        .set({
          status: 'rejected',
          decidedBy: actor.personId,
          decidedAt: sql`now()`,
          reason: why.slice(0, 2000),
        })
        .where(and(eq(partnershipContributions.id, id), eq(partnershipContributions.status, 'pending')))
        .returning();
      if (!decided) throw new Refused(await notPending(tx, id));
      await audit(tx, {
        actorId: actor.personId,
        action: 'reject',
        entity: 'partnership_contribution',
        entityId: id,
      });
      await mailDecision(tx, decided, settings);
      return ok(decided);
    }),
  );
}

// ——— The « appel à contribution » ———

export type CampaignTarget = { group: string } | { country: string };

export interface CampaignPlan {
  /** « Groupe-pays Japon », « Sénégal ». */
  label: string;
  /** The campaign, once a year per group or country: each person is asked once under it. */
  key: string;
  toAsk: PersonCard[];
  alreadyAsked: PersonCard[];
  example: MailMessage | undefined;
}

const campaignMailKey = (key: string, personId: string) => `atlas-appel:${key}:${personId}`;

export function campaignMail(
  label: string,
  person: Pick<PersonCard, 'firstName' | 'email' | 'organisationName'>,
  settings: MailSettings,
): MailMessage {
  const name = network().name;
  return {
    to: person.email,
    subject: m.contribCampaignSubject({ target: label }).text,
    greeting: `Bonjour ${person.firstName},`,
    paragraphs: [m.contribCampaignIntro({ network: name, target: label }).text, m.contribCampaignAsk().text],
    action: {
      label: 'Voir et compléter nos partenariats',
      url: `${settings.baseUrl}/mon-espace/partenariats`,
    },
    reason: m.contribCampaignReason({ organisation: person.organisationName ?? '' }).text,
  };
}

/** The organisations a campaign reaches: the group's members, or for a country its groups' members and the atlas's French sides. */
async function campaignOrganisations(
  executor: Executor,
  target: CampaignTarget,
): Promise<Result<{ label: string; scope: string; ids: string[] }>> {
  if ('group' in target) {
    const group = await getGroup(executor, target.group);
    if (group?.kind !== 'country' || group.archivedAt)
      return fail(404, 'not_found', m.contribCampaignGroupUnknown());
    return ok({
      label: groupTitle(group),
      scope: `group:${group.id}`,
      ids: await memberIdsOf(executor, [group.id]),
    });
  }
  const code = target.country;
  const groups = (await listGroups(executor, 'country')).filter((g) => g.countries.includes(code));
  const sides = await executor
    .selectDistinct({ id: partnershipSides.organisationId })
    .from(partnershipSides)
    .innerJoin(partnerships, eq(partnerships.id, partnershipSides.partnershipId))
    .where(and(eq(partnerships.country, code), sql`${partnerships.archivedAt} is null`));
  const ids = new Set([
    ...(await memberIdsOf(
      executor,
      groups.map((g) => g.id),
    )),
    ...sides.map((s) => s.id),
  ]);
  return ok({ label: countryName(code), scope: `country:${code}`, ids: [...ids] });
}

/** Who the campaign would ask (referents of the organisations, accounts not disabled), and the mail. Writes nothing. */
export async function planCampaign(
  executor: Executor,
  target: CampaignTarget,
  settings: MailSettings,
  at: Date = new Date(),
): Promise<Result<CampaignPlan>> {
  const orgs = await campaignOrganisations(executor, target);
  if (!orgs.ok) return orgs;
  const referents = (await Promise.all(orgs.value.ids.map((id) => listPeopleOfOrganisation(executor, id))))
    .flat()
    .filter((p) => p.referent && !p.disabledAt);
  const cards = [
    ...(
      await personCards(
        executor,
        referents.map((p) => p.id),
      )
    ).values(),
  ].sort(
    (a, b) => a.lastName.localeCompare(b.lastName, 'fr') || a.firstName.localeCompare(b.firstName, 'fr'),
  );
  const key = `${parisYear(at)}:${orgs.value.scope}`;
  const sent = cards.length
    ? new Set(
        (
          await executor
            .select({ key: mails.dedupeKey })
            .from(mails)
            .where(
              inArray(
                mails.dedupeKey,
                cards.map((c) => campaignMailKey(key, c.id)),
              ),
            )
        ).map((r) => r.key),
      )
    : new Set<string | null>();
  const toAsk = cards.filter((c) => !sent.has(campaignMailKey(key, c.id)));
  return ok({
    label: orgs.value.label,
    key,
    toAsk,
    alreadyAsked: cards.filter((c) => sent.has(campaignMailKey(key, c.id))),
    example: toAsk[0] ? campaignMail(orgs.value.label, toAsk[0], settings) : undefined,
  });
}

/**
 * Writes the campaign's mails in the outbox (the job queue sends them), each under its person's key: a second
 * press, or two staff pressing together, mails nobody twice. 422 when everyone was asked already.
 */
export async function sendCampaign(
  executor: Executor,
  target: CampaignTarget,
  actorId: string,
  settings: MailSettings,
  at: Date = new Date(),
): Promise<Result<{ queued: number }>> {
  const plan = await planCampaign(executor, target, settings, at);
  if (!plan.ok) return plan;
  const { key, label, toAsk } = plan.value;
  let queued = 0;
  for (const person of toAsk) {
    const id = await queueMail(executor, composeMail(campaignMail(label, person, settings)), {
      key: campaignMailKey(key, person.id),
    });
    if (id) queued++;
  }
  if (queued === 0) return fail(422, 'nobody', m.contribCampaignNobody());
  await audit(executor, { actorId, action: 'campaign', entity: 'atlas', data: { key, people: queued } });
  return ok({ queued });
}

// ——— Home pages ———

/** The staff's home: « 3 contributions à l’atlas à examiner ». */
export async function contributionsAttention(executor: Executor): Promise<AttentionItem[]> {
  const n = await countPendingContributions(executor);
  return n
    ? [
        {
          label: n > 1 ? 'contributions à l’atlas à examiner' : 'contribution à l’atlas à examiner',
          count: n,
          href: '/gestion/atlas/contributions',
        },
      ]
    : [];
}

/** A referent's « Mon espace »: their organisation's partnerships, and their proposals decided this month. */
export async function contributionsForPerson(
  executor: Executor,
  actor: Actor,
  at: Date,
): Promise<PersonalBlock | undefined> {
  if (!actor.organisationId || !atlasPolicy.contributeFor(actor, actor.organisationId)) return undefined;
  const since = new Date(at.getTime() - 30 * 86_400_000);
  const rows = await executor
    .select()
    .from(partnershipContributions)
    .where(eq(partnershipContributions.organisationId, actor.organisationId))
    .orderBy(desc(partnershipContributions.createdAt))
    .limit(20);
  const pending = rows.filter((r) => r.status === 'pending').length;
  const decided = rows.filter((r) => r.decidedAt && r.decidedAt >= since).length;
  const detail = [
    pending ? `${pending} ${pending > 1 ? 'propositions' : 'proposition'} en attente` : null,
    decided ? `${decided} ${decided > 1 ? 'décisions' : 'décision'} ce mois-ci` : null,
  ].filter(Boolean);
  return {
    title: 'Atlas des partenariats',
    items: [
      {
        label: 'Vérifier et compléter les partenariats de ma collectivité',
        href: '/mon-espace/partenariats',
        ...(detail.length ? { detail: detail.join(', ') } : {}),
      },
    ],
  };
}
