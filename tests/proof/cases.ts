// How a case of the authorization matrix reads (the matrix itself: tests/proof/matrix.ts). HEAD routes
// follow their GET entry.
//
// Verdicts are six characters, one per role, in this order:
//   anonymous · non-member person · member officer · member élu · referent · staff
// « Y » the request may succeed (2xx, or a redirect elsewhere than to the sign-in page),
// « - » it must be refused (4xx, or a redirect to /connexion).
// `own` applies when the records named in the request belong to the actor's world (its organisation, its
// person); `foreign` when the same request names the records of the other world (ids swapped, WSTG ATHZ-04).
// A case without `scoped` names no record of an organisation or a person: each actor uses its own world.
import type { Organisation } from '../../src/modules/organisations/organisations.ts';
import type { Person } from '../../src/modules/organisations/people.ts';
import { type Fixtures, type Role, roles, unique, type World } from './world.ts';

export type Verdicts = string;

/** One request of the matrix: who asks, about which world's records. */
export interface Cell {
  f: Fixtures;
  role: Role;
  actor: World;
  target: World;
  /** The person of the actor's role in the target world (the actor itself when own; the officer for anonymous). */
  self: Person;
  /** That person's organisation in the target world. */
  org: Organisation;
}

export interface RequestSpec {
  url: string;
  form?: Record<string, string | string[]>;
  json?: unknown;
  multipart?: { fields: Record<string, string>; file: { name: string; type: string; content: Buffer } };
  /** Replaces the actor's long-lived session (for requests that end it). */
  session?: string;
  /** The client's address; each request comes from a new one otherwise (so that no rate limit is met). */
  remoteAddress?: string;
}

export interface Case {
  name: string;
  scoped?: boolean;
  own: Verdicts;
  foreign?: Verdicts;
  build: (c: Cell) => RequestSpec | Promise<RequestSpec>;
  /**
   * A POST other sites may make (RFC 8058's one-click unsubscribe), whose defence is a signed token in its
   * address (`jeton=`) rather than the Origin and CSRF checks: the proof sends it cross-site with a forged
   * token and expects a 404 that writes nothing.
   */
  crossSite?: true;
  /** A GET that legitimately writes when it succeeds: the tables, and why (stated in the report). */
  getWrites?: { tables: string[]; why: string };
}

export function cellOf(f: Fixtures, role: Role, actor: World, target: World): Cell {
  const self = target.people[role === 'anonymous' ? 'officer' : role];
  return { f, role, actor, target, self, org: role === 'nonMember' ? target.nonMemberOrg : target.memberOrg };
}

/** The first role allowed to make the request of a case on its own records (anonymous when none is). */
export const firstAllowedRole = (kase: Case): Role => roles[Math.max(0, [...kase.own].indexOf('Y'))]!;

export const EVERYONE = 'YYYYYY';
export const SIGNED_IN = '-YYYYY';
export const MEMBERS = '--YYYY';
export const STAFF = '-----Y';
export const NOBODY = '------';
export const REFERENT_OR_STAFF = '----YY';
export const REFERENT = '----Y-';
export const ELECTED = '---Y--';
export const INVITED_OR_STAFF = '--Y--Y';
export const HOLDER_OR_STAFF = '---Y-Y';

export const staffOnly = (name: string, build: Case['build']): Case[] => [{ name, own: STAFF, build }];
export const staffOnlyScoped = (name: string, build: Case['build']): Case[] => [
  { name, scoped: true, own: STAFF, foreign: STAFF, build },
];

export const newEmail = () => `matrice.${unique()}@example.org`;
export const newPersonForm = () => ({
  firstName: 'Inès',
  lastName: `Matrice-${unique()}`,
  email: newEmail(),
  kind: 'officer',
});
export const csvFile = (content: string) => ({
  name: 'fichier.csv',
  type: 'text/csv',
  content: Buffer.from(content),
});
export const eventJson = () => ({
  title: `Réunion ${unique()}`,
  kind: 'meeting',
  format: 'online',
  audience: 'public',
  startsAt: '2030-07-08T09:30:00+02:00',
  endsAt: '2030-07-08T17:00:00+02:00',
});
export const registrationOf = (c: Cell, person: Person) => c.target.registrations.get(person.id)!;
