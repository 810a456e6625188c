// The Rencontres' part of what happens to a person (organisations/person-hooks.ts). Registrations and choices
// follow the agenda's registrations (merged, cancelled by the agenda's hooks); this module keeps who spoke
// and who scanned, gives the person their copy, and erases the needs they told.
import { count, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { defineMessages } from '../../platform/messages.ts';
import { registrationIdsOf } from '../events/registrations.queries.ts';
import type { PersonHolding } from '../organisations/person-hooks.ts';
import {
  conferenceChoices,
  conferenceRegistrations,
  conferenceScans,
  conferenceSessions,
  conferenceSpeakers,
} from './conferences.schema.ts';

const m = defineMessages('conferences', {
  heldSpeaking: 'Interventions aux Rencontres',
  exportTitle: 'Rencontres',
});

/** The record kept speaks where the other spoke, and scanned what the other scanned. */
export async function mergeConferencesPerson(
  executor: Executor,
  fromId: string,
  intoId: string,
): Promise<void> {
  await executor
    .update(conferenceSpeakers)
    .set({ personId: intoId })
    .where(eq(conferenceSpeakers.personId, fromId));
  await executor
    .update(conferenceScans)
    .set({ scannedBy: intoId })
    .where(eq(conferenceScans.scannedBy, fromId));
}

export async function conferencesHeldBy(executor: Executor, personId: string): Promise<PersonHolding[]> {
  const [speaking] = await executor
    .select({ n: count() })
    .from(conferenceSpeakers)
    .where(eq(conferenceSpeakers.personId, personId));
  return [{ key: 'conferences.speaking', label: m.heldSpeaking().text, count: speaking?.n ?? 0 }];
}

/** Their registrations' categories, fees, days, needs and chosen sessions; where they spoke. */
export async function exportedConferencesData(executor: Executor, personId: string) {
  const mine = registrationIdsOf(personId);
  const [held, choices, speaking] = await Promise.all([
    executor
      .select()
      .from(conferenceRegistrations)
      .where(inArray(conferenceRegistrations.registrationId, mine)),
    executor
      .select({
        choice: conferenceChoices,
        title: conferenceSessions.title,
        startsAt: conferenceSessions.startsAt,
      })
      .from(conferenceChoices)
      .innerJoin(conferenceSessions, eq(conferenceSessions.id, conferenceChoices.sessionId))
      .where(inArray(conferenceChoices.registrationId, mine)),
    executor
      .select({
        title: conferenceSessions.title,
        startsAt: conferenceSessions.startsAt,
        as: conferenceSpeakers.title,
      })
      .from(conferenceSpeakers)
      .innerJoin(conferenceSessions, eq(conferenceSessions.id, conferenceSpeakers.sessionId))
      .where(eq(conferenceSpeakers.personId, personId)),
  ]);
  if (held.length + speaking.length === 0) return undefined;
  return {
    title: m.exportTitle().text,
    data: {
      inscriptions: held.map((r) => ({
        inscription: r.registrationId,
        categorie: r.category,
        montantDuCentimes: r.amountDueCents,
        jours: r.days,
        dejeuner: r.lunch,
        besoinsAccessibilite: r.accessibilityNeeds,
      })),
      choix: choices.map((c) => ({
        seance: c.title,
        le: c.startsAt.toISOString(),
        statut: c.choice.status,
        present: c.choice.presentAt?.toISOString() ?? null,
      })),
      interventions: speaking.map((s) => ({ seance: s.title, le: s.startsAt.toISOString(), fonction: s.as })),
    },
  };
}

/**
 * Erasure: the needs the person told go; they no longer appear as a speaker of the platform (the published
 * programme keeps the name it printed, as a newsletter does); scans they made keep no trace of them.
 */
export async function eraseConferencesData(executor: Executor, personId: string): Promise<void> {
  await executor
    .update(conferenceRegistrations)
    .set({ accessibilityNeeds: null })
    .where(inArray(conferenceRegistrations.registrationId, registrationIdsOf(personId)));
  await executor
    .update(conferenceSpeakers)
    .set({ personId: null })
    .where(eq(conferenceSpeakers.personId, personId));
  await executor
    .update(conferenceScans)
    .set({ scannedBy: null })
    .where(eq(conferenceScans.scannedBy, personId));
}
