// Test data builders: each returns a real row, written through the domain's own functions.
import { randomBytes } from 'node:crypto';
import { createApiToken } from '../src/modules/accounts/api-tokens.ts';
import { openSession } from '../src/modules/accounts/sessions.ts';
import { createEvent, type EventInput } from '../src/modules/events/events.ts';
import { recordMembership } from '../src/modules/organisations/memberships.ts';
import { createOrganisation, type Organisation } from '../src/modules/organisations/organisations.ts';
import { createPerson, type Person, type PersonInput } from '../src/modules/organisations/people.ts';
import { searchReference } from '../src/modules/organisations/reference.ts';
import type { Executor } from '../src/platform/db/client.ts';
import { parisDate, parisTime, parisYear } from '../src/platform/time.ts';
import { Browser, type TestApp } from './helpers.ts';

const unique = () => randomBytes(4).toString('hex');

function expectOk<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(`factory: ${result.error.message}`);
  return result.value;
}

let communeCursor = 0;
/** A commune taken from the official reference (a different one each call). */
export async function buildLocalGovernment(
  db: Executor,
  options: { member?: boolean; name?: string } = {},
): Promise<Organisation> {
  const candidates = searchReference(options.name ?? 'Saint', 200).filter((e) => e.kind === 'commune');
  for (;;) {
    const entry = candidates[communeCursor++ % candidates.length]!;
    const result = await createOrganisation(
      db,
      { name: entry.name, kind: 'commune', inseeCode: entry.inseeCode },
      null,
    );
    if (!result.ok && result.error.code === 'conflict') continue;
    const organisation = expectOk(result);
    if (options.member ?? true) {
      expectOk(
        await recordMembership(
          db,
          organisation.id,
          { year: parisYear(), status: 'active', feeCents: 150_000 },
          null,
        ),
      );
    }
    return organisation;
  }
}

export async function buildInstitution(
  db: Executor,
  name = `Institution ${unique()}`,
): Promise<Organisation> {
  return expectOk(await createOrganisation(db, { name, kind: 'institution' }, null));
}

export async function buildPerson(db: Executor, input: Partial<PersonInput> = {}): Promise<Person> {
  const id = unique();
  return expectOk(
    await createPerson(
      db,
      {
        firstName: 'Camille',
        lastName: `Test-${id}`,
        email: `camille.${id}@example.org`,
        kind: 'officer',
        ...input,
      },
      null,
    ),
  );
}

export const buildStaff = (db: Executor) => buildPerson(db, { kind: 'staff', firstName: 'Équipe' });

export const buildElected = (
  db: Executor,
  organisationId: string,
  title = 'adjointe au maire déléguée aux relations internationales',
) => buildPerson(db, { kind: 'elected', organisationId, mandate: { title, startsOn: '2026-03-22' } });

export const buildOfficer = (db: Executor, organisationId: string, referent = false) =>
  buildPerson(db, { kind: 'officer', organisationId, referent });

/** An API token for a person, as `Authorization` header value. */
export async function bearer(db: Executor, person: Person): Promise<{ authorization: string }> {
  return { authorization: `Bearer ${(await createApiToken(db, person.id, { label: 'tests' })).token}` };
}

/** A signed-in browser session for a person, as a Cookie header value. */
export async function sessionCookie(db: Executor, person: Person): Promise<string> {
  const id = await openSession(db, person.id, { idleMinutes: 120, absoluteHours: 12 });
  return `coopdec_session=${id}`;
}

/** A browser signed in as the person: a session opened in the database, its cookie in the jar. */
export async function signedInBrowser(t: Pick<TestApp, 'app' | 'db'>, person: Person): Promise<Browser> {
  const browser = new Browser(t.app);
  browser.jar.store({
    cookies: [{ name: 'coopdec_session', value: (await sessionCookie(t.db, person)).split('=')[1]! }],
  });
  return browser;
}

/** An event starting in `days` days (30 by default), public, in person, registrations open now. */
/**
 * 10:00 to 12:00 (Paris) on the Paris day `days` after today: for a test that reads an event's dates, which a
 * start of « now + n days » would make straddle midnight when the tests run after 22:00 in Paris.
 */
export function parisMorning(days: number): Pick<EventInput, 'startsAt' | 'endsAt'> {
  const day = new Date(`${parisDate()}T12:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  const date = day.toISOString().slice(0, 10);
  return { startsAt: parisTime(date, '10:00').toISOString(), endsAt: parisTime(date, '12:00').toISOString() };
}

export async function buildEvent(db: Executor, input: Partial<EventInput> = {}, days = 30) {
  const startsAt = new Date(Date.now() + days * 86_400_000);
  return expectOk(
    await createEvent(
      db,
      {
        title: `Réunion ${unique()}`,
        kind: 'meeting',
        format: 'in_person',
        audience: 'public',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString(),
        ...input,
      },
      null,
    ),
  );
}
