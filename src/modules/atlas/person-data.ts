// The atlas's part of what happens to a person (organisations/person-hooks.ts): merging two records,
// what a merge's preview counts, the person's copy of their data, erasure.
import { count, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { defineMessages } from '../../platform/messages.ts';
import type { PersonHolding } from '../organisations/person-hooks.ts';
import {
  countryDirectories,
  partnershipContacts,
  partnershipContributions,
  partnershipVersions,
} from './atlas.schema.ts';
import { atlasImports } from './import.schema.ts';

const m = defineMessages('atlas', {
  heldContacts: 'Contacts de partenariats',
  heldContributions: 'Contributions à l’atlas',
  exportTitle: 'Atlas des partenariats',
});

/** The kept record becomes the contact of the other's partnerships, and the author of what it did. */
export async function mergeAtlasPerson(executor: Executor, fromId: string, intoId: string): Promise<void> {
  await executor.execute(sql`
    insert into ${partnershipContacts} (partnership_id, person_id)
    select partnership_id, ${intoId} from ${partnershipContacts} where person_id = ${fromId}
    on conflict do nothing`);
  await executor.delete(partnershipContacts).where(eq(partnershipContacts.personId, fromId));
  await replaceAuthor(executor, fromId, intoId);
}

async function replaceAuthor(executor: Executor, fromId: string, intoId: string | null) {
  await executor
    .update(partnershipVersions)
    .set({ changedBy: intoId })
    .where(eq(partnershipVersions.changedBy, fromId));
  await executor
    .update(partnershipContributions)
    .set({ proposedBy: intoId })
    .where(eq(partnershipContributions.proposedBy, fromId));
  await executor
    .update(partnershipContributions)
    .set({ decidedBy: intoId })
    .where(eq(partnershipContributions.decidedBy, fromId));
  await executor
    .update(countryDirectories)
    .set({ updatedBy: intoId })
    .where(eq(countryDirectories.updatedBy, fromId));
  await executor.update(atlasImports).set({ createdBy: intoId }).where(eq(atlasImports.createdBy, fromId));
}

export async function atlasHeldBy(executor: Executor, personId: string): Promise<PersonHolding[]> {
  const [[contacts], [contributions]] = await Promise.all([
    executor
      .select({ n: count() })
      .from(partnershipContacts)
      .where(eq(partnershipContacts.personId, personId)),
    executor
      .select({ n: count() })
      .from(partnershipContributions)
      .where(eq(partnershipContributions.proposedBy, personId)),
  ]);
  return [
    { key: 'atlas.contacts', label: m.heldContacts().text, count: contacts?.n ?? 0 },
    { key: 'atlas.contributions', label: m.heldContributions().text, count: contributions?.n ?? 0 },
  ];
}

export async function exportedAtlasData(executor: Executor, personId: string) {
  const [contacts, contributions] = await Promise.all([
    executor.select().from(partnershipContacts).where(eq(partnershipContacts.personId, personId)),
    executor.select().from(partnershipContributions).where(eq(partnershipContributions.proposedBy, personId)),
  ]);
  if (contacts.length + contributions.length === 0) return undefined;
  return {
    title: m.exportTitle().text,
    data: {
      contactDesPartenariats: contacts.map((c) => c.partnershipId),
      contributions: contributions.map((c) => ({
        le: c.createdAt.toISOString(),
        etat: c.status,
        note: c.note,
        proposition: c.proposal,
      })),
    },
  };
}

/**
 * Erasure: the person stops being a contact; their name leaves the history and the contributions (the
 * changes stay, without an author). Contact ids kept inside older versions point to the erased record.
 */
export async function eraseAtlasData(executor: Executor, personId: string): Promise<void> {
  await executor.delete(partnershipContacts).where(eq(partnershipContacts.personId, personId));
  await executor
    .update(partnershipContributions)
    .set({ note: null })
    .where(eq(partnershipContributions.proposedBy, personId));
  await replaceAuthor(executor, personId, null);
}
