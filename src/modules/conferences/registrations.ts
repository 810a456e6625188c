// Registering to the Rencontres: a registration of the agenda (window, venue capacity, waiting list,
// confirmation mail with its QR code, all the agenda's) with a category, its fee and its quota, the days
// attended, the lunch and the needs to welcome the person well.
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/db/audit.ts';
import type { Db, Executor } from '../../platform/db/client.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { formatDay, parisTime } from '../../platform/time.ts';
import { fieldErrors, isoDate, optional, uuid } from '../../platform/validation.ts';
import { getRegistration } from '../events/cancel-registration.ts';
import type { NotificationSettings } from '../events/notifications.ts';
import { register } from '../events/register.ts';
import { registrationIdsOf, registrationStatusOf } from '../events/registrations.queries.ts';
import { frenchLocalGovernmentKinds } from '../organisations/kinds.ts';
import { peopleWithStanding } from '../organisations/memberships.ts';
import { getOrganisation } from '../organisations/organisations.ts';
import type { Person } from '../organisations/people.ts';
import { asConferenceRegistration } from './conference-audience.ts';
import { conferencesMessages as m } from './conferences.messages.ts';
import {
  type CategoryCode,
  type ChoiceStatus,
  categoryCodes,
  conferenceCategories,
  conferenceRegistrations,
} from './conferences.schema.ts';
import { type Category, categoryLabels, conferenceDays, getConference } from './conferences.ts';

export type ConferenceRegistration = typeof conferenceRegistrations.$inferSelect;

export const conferenceRegistrationInput = z.object({
  personId: uuid,
  category: z.enum(categoryCodes, { error: m.categoryExpected({ codes: categoryCodes.join(', ') }).text }),
  days: optional(z.array(isoDate).max(10)),
  lunch: optional(z.boolean()),
  accessibilityNeeds: optional(z.string().trim().max(2000)),
});

export interface ConferenceRegisterOptions {
  settings: NotificationSettings;
  /** Who registers: the person, their referent, staff. */
  actorId: string;
  /** Staff gives any category; others only those chosen by the people themselves. */
  staff: boolean;
  /** May the actor register this person (themselves, a colleague as referent, anyone as staff)? */
  actFor: (person: Person) => boolean;
  at?: Date;
}

/** Whether the person may come under this category; a French sentence saying why not. */
async function categoryFits(
  executor: Executor,
  person: Person & { member: boolean },
  category: Category,
  staff: boolean,
): Promise<Result<true>> {
  const label = categoryLabels[category.code];
  if (!category.selfService && !staff)
    return fail(422, 'category_not_allowed', m.categoryStaffOnly({ label }));
  const organisation = person.organisationId
    ? await getOrganisation(executor, person.organisationId)
    : undefined;
  const french = organisation !== undefined && frenchLocalGovernmentKinds.includes(organisation.kind);
  switch (category.code) {
    case 'member_local_government':
      if (!french) return fail(422, 'category_not_allowed', m.categoryFrenchLocalGovernment());
      return person.member
        ? ok(true)
        : fail(422, 'category_not_allowed', m.categoryMemberOnly({ organisation: organisation.name }));
    case 'local_government':
      if (!french) return fail(422, 'category_not_allowed', m.categoryFrenchLocalGovernment());
      return person.member
        ? fail(422, 'category_not_allowed', m.categoryIsMember({ organisation: organisation.name }))
        : ok(true);
    case 'foreign_delegation':
      // A guest of a foreign delegation may have no organisation on the platform: staff registers them.
      return organisation?.kind === 'foreign_local_government' ||
        (organisation !== undefined && organisation.country !== 'FR') ||
        (organisation === undefined && staff)
        ? ok(true)
        : fail(422, 'category_not_allowed', m.categoryForeign());
    default:
      return ok(true);
  }
}

/** Thrown inside the transaction to undo the agenda's registration when the category's quota is reached. */
class QuotaReached extends Error {}

/**
 * Registers a person to an edition. The agenda's registration decides the window (« Les inscriptions
 * ouvriront le … »), the seats and the mail; its lock, held to the end of this transaction, also makes the
 * category's quota exact under a rush.
 */
export async function registerToConference(
  db: Db,
  conferenceId: string,
  input: unknown,
  options: ConferenceRegisterOptions,
): Promise<Result<ConferenceRegistration & { status: ChoiceStatus }>> {
  const parsed = conferenceRegistrationInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const v = parsed.data;
  const at = options.at ?? new Date();
  const conference = await getConference(db, conferenceId);
  if (!conference) return fail(404, 'not_found', m.conferenceNotFound());
  if (conference.archivedAt) return fail(422, 'archived', m.archived());
  const [person] = await peopleWithStanding(db, [v.personId], at);
  if (!person) return fail(404, 'not_found', m.personNotFound());
  if (!options.actFor(person)) return fail(403, 'forbidden', m.forbidden());
  const [category] = await db
    .select()
    .from(conferenceCategories)
    .where(
      and(eq(conferenceCategories.conferenceId, conferenceId), eq(conferenceCategories.code, v.category)),
    );
  if (!category) return fail(404, 'not_found', m.conferenceNotFound());
  const fits = await categoryFits(db, person, category, options.staff);
  if (!fits.ok) return fits;
  const days = [...new Set(v.days ?? [])].sort();
  const editionDays = conferenceDays(conference);
  const outside = days.find((day) => !editionDays.includes(day));
  if (outside) {
    const said = editionDays.map((d) => formatDay(parisTime(d))).join(', ');
    return fail(400, 'invalid', m.invalid(), { days: m.outsideDays({ days: said }).text });
  }

  try {
    return await db.transaction(async (tx) => {
      const registered = await asConferenceRegistration(() =>
        register(
          tx,
          { eventId: conference.eventId, personId: person.id, registeredBy: options.actorId },
          { settings: options.settings, at },
        ),
      );
      if (!registered.ok) return registered;
      if (
        category.quota !== null &&
        (await liveInCategory(tx, conferenceId, category.code)) >= category.quota
      )
        throw new QuotaReached();
      const [row] = await tx
        .insert(conferenceRegistrations)
        .values({
          registrationId: registered.value.id,
          conferenceId,
          category: category.code,
          amountDueCents: category.feeCents,
          days,
          lunch: v.lunch ?? false,
          accessibilityNeeds: v.accessibilityNeeds ?? null,
        })
        .returning();
      await audit(tx, {
        actorId: options.actorId,
        action: 'register',
        entity: 'conference_registration',
        entityId: row!.registrationId,
        data: { conferenceId, category: category.code, amountDueCents: category.feeCents },
      });
      return ok({ ...row!, status: registered.value.status });
    });
  } catch (error) {
    if (error instanceof QuotaReached)
      return fail(422, 'quota_reached', m.quotaReached({ label: categoryLabels[category.code] }));
    throw error;
  }
}

/** The registrations of a category that are not cancelled (the quota counts them). */
async function liveInCategory(tx: Executor, conferenceId: string, code: CategoryCode): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(conferenceRegistrations)
    .where(
      and(
        eq(conferenceRegistrations.conferenceId, conferenceId),
        eq(conferenceRegistrations.category, code),
        ne(registrationStatusOf(conferenceRegistrations.registrationId), 'cancelled'),
      ),
    );
  return row!.n;
}

/** A registration to the Rencontres with its agenda registration (status, person). */
export async function getConferenceRegistration(executor: Executor, registrationId: string) {
  const [[conference], registration] = await Promise.all([
    executor
      .select()
      .from(conferenceRegistrations)
      .where(eq(conferenceRegistrations.registrationId, registrationId)),
    getRegistration(executor, registrationId),
  ]);
  return conference && registration ? { conference, registration } : undefined;
}

/** A person's live registration to an edition (cancelled ones aside), if any. */
export async function registrationOfPerson(executor: Executor, conferenceId: string, personId: string) {
  const [row] = await executor
    .select({ id: conferenceRegistrations.registrationId })
    .from(conferenceRegistrations)
    .where(
      and(
        eq(conferenceRegistrations.conferenceId, conferenceId),
        inArray(conferenceRegistrations.registrationId, registrationIdsOf(personId)),
        ne(registrationStatusOf(conferenceRegistrations.registrationId), 'cancelled'),
      ),
    );
  return row && getConferenceRegistration(executor, row.id);
}
