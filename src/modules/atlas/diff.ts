// What changes between two states of a partnership, field by field and in French: the moderation queue shows
// it for a contribution (against the partnership as it is now), the history for each version (against the one
// before). Pure: the names of organisations and people are given, looked up once by the caller.
import { formatDate } from '../../platform/time.ts';
import { partnershipKindLabels, partnershipStatusLabels, type Snapshot } from './partnerships.ts';
import { themeLabel } from './themes.ts';

/** Names of the organisations and people a snapshot names by id (an unknown id is shown as « inconnue »). */
export interface Names {
  organisations: ReadonlyMap<string, string>;
  people: ReadonlyMap<string, string>;
}

/** One field: its French label and its value before and after, as read (null: empty). */
export interface FieldChange {
  label: string;
  before: string | null;
  after: string | null;
}

export interface ProjectChange {
  change: 'added' | 'removed' | 'changed';
  title: string;
  /** For a project added or removed, every field it has; for one changed, those that changed. */
  fields: FieldChange[];
}

export interface SnapshotDiff {
  fields: FieldChange[];
  projects: ProjectChange[];
}

export const isEmptyDiff = (diff: SnapshotDiff) => diff.fields.length === 0 && diff.projects.length === 0;

type Project = Snapshot['projects'][number];

const listed = (values: string[]) => (values.length ? values.join(', ') : null);
const blank = (value: string | null | undefined) => (value?.trim() ? value.trim() : null);
const nameOf = (map: ReadonlyMap<string, string>, id: string) => map.get(id) ?? 'organisation inconnue';

/** A list whose order does not matter (themes, contacts, co-funders): compared and shown sorted. */
const asSet = (values: readonly string[] | undefined) =>
  listed([...new Set(values ?? [])].sort((a, b) => a.localeCompare(b, 'fr')));

function money(project: Project): string | null {
  if (project.budgetCents === undefined || project.budgetCents === null) return null;
  const currency = project.currency ?? 'EUR';
  return new Intl.NumberFormat('fr-FR', { style: 'currency', currency }).format(project.budgetCents / 100);
}

/** The fields of a partnership as read, in the order the pages show them. */
function partnershipFields(s: Snapshot, names: Names): [string, string | null][] {
  return [
    [
      'Collectivités françaises',
      listed(s.frenchOrganisationIds.map((id) => nameOf(names.organisations, id))),
    ],
    ['Partenaire', nameOf(names.organisations, s.partnerOrganisationId)],
    ['Nature', partnershipKindLabels[s.kind] ?? s.kind],
    ['Depuis', s.since === null || s.since === undefined ? null : String(s.since)],
    ['État', partnershipStatusLabels[s.status] ?? s.status],
    ['Thèmes', asSet(s.themes.map(themeLabel))],
    ['Présentation', blank(s.description)],
    ['Référence de la convention', blank(s.agreementReference)],
    ['Date de la convention', s.agreementOn ? formatDate(s.agreementOn) : null],
    ['Contacts', asSet((s.contactIds ?? []).map((id) => names.people.get(id) ?? 'personne inconnue'))],
  ];
}

function projectFields(p: Project): [string, string | null][] {
  return [
    ['Titre', blank(p.title)],
    ['Année de début', String(p.startYear)],
    ['Année de fin', p.endYear === undefined || p.endYear === null ? null : String(p.endYear)],
    ['Budget', money(p)],
    ['Cofinanceurs', asSet(p.coFunders)],
    ['Thèmes', asSet((p.themes ?? []).map(themeLabel))],
    ['Présentation', blank(p.description)],
    ['Lieu', blank(p.place)],
  ];
}

function compare(
  before: [string, string | null][] | null,
  after: [string, string | null][] | null,
): FieldChange[] {
  const changes: FieldChange[] = [];
  const rows = after ?? before ?? [];
  rows.forEach(([label], i) => {
    const was = before?.[i]?.[1] ?? null;
    const is = after?.[i]?.[1] ?? null;
    if (was !== is) changes.push({ label, before: was, after: is });
  });
  return changes;
}

/**
 * The changes from `before` to `after`; with no `before` (a new partnership, a first version), every field
 * that has a value is added. Projects are matched by id: one without an id, or with an id `before` does not
 * have, is added; one of `before` that `after` leaves out is removed.
 */
export function diffSnapshots(before: Snapshot | null, after: Snapshot, names: Names): SnapshotDiff {
  const fields = compare(before ? partnershipFields(before, names) : null, partnershipFields(after, names));
  const previous = new Map((before?.projects ?? []).flatMap((p) => (p.id ? [[p.id, p] as const] : [])));
  const kept = new Set<string>();
  const projects: ProjectChange[] = [];
  for (const project of after.projects) {
    const old = project.id ? previous.get(project.id) : undefined;
    if (!old) {
      projects.push({ change: 'added', title: project.title, fields: compare(null, projectFields(project)) });
      continue;
    }
    kept.add(old.id!);
    const changed = compare(projectFields(old), projectFields(project));
    if (changed.length) projects.push({ change: 'changed', title: old.title, fields: changed });
  }
  for (const [id, old] of previous)
    if (!kept.has(id))
      projects.push({ change: 'removed', title: old.title, fields: compare(projectFields(old), null) });
  return { fields, projects };
}

/** The ids of organisations and people the snapshots name (for the caller to look their names up). */
export function idsNamed(snapshots: Snapshot[]): { organisations: string[]; people: string[] } {
  const organisations = new Set<string>();
  const people = new Set<string>();
  for (const s of snapshots) {
    for (const id of s.frenchOrganisationIds) organisations.add(id);
    organisations.add(s.partnerOrganisationId);
    for (const id of s.contactIds ?? []) people.add(id);
  }
  return { organisations: [...organisations], people: [...people] };
}
