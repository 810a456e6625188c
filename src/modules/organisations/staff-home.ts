// What the members module gives the staff's home (`/gestion`): what needs attention (renewals due, imports
// left with refused lines) and its records in the search box (people by name or address, organisations by
// name or code), whatever the accents.
import { and, asc, count, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { containsWords, foldedWords } from '../../platform/db/fold.ts';
import { parisYear } from '../../platform/time.ts';
import type { AttentionItem, SearchHit } from '../module.ts';
import { listRenewalsDue } from './memberships.ts';
import { organisationsMessages as m } from './organisations.messages.ts';
import { imports, organisations, people } from './organisations.schema.ts';
import { matchingName, organisationKindLabels } from './organisations.ts';

export async function membersAttention(executor: Executor, at: Date): Promise<AttentionItem[]> {
  const year = parisYear(at);
  const renewals = await listRenewalsDue(executor, year);
  const [pending] = await executor
    .select({ n: count() })
    .from(imports)
    .where(
      and(
        isNull(imports.appliedAt),
        sql`jsonb_array_length(${imports.rejected}) > 0`,
        // Imports are kept 30 days (the register): older ones no longer call for anything.
        gt(imports.createdAt, new Date(at.getTime() - 30 * 86_400_000)),
      ),
    );
  return [
    {
      label: m.attentionRenewals({ year }).text,
      count: renewals.length,
      href: '/gestion/adhesions/renouvellement',
    },
    { label: m.attentionImports().text, count: pending?.n ?? 0, href: '/gestion/import' },
  ];
}

export async function searchMembers(executor: Executor, words: string, limit: number): Promise<SearchHit[]> {
  const folded = foldedWords(words);
  if (folded.length === 0) return [];
  const found = await executor
    .select({
      id: people.id,
      firstName: people.firstName,
      lastName: people.lastName,
      email: people.email,
      disabledAt: people.disabledAt,
      organisationName: organisations.name,
    })
    .from(people)
    .leftJoin(organisations, eq(organisations.id, people.organisationId))
    .where(
      containsWords(sql`${people.firstName} || ' ' || ${people.lastName} || ' ' || ${people.email}`, folded),
    )
    .orderBy(asc(sql`lower(${people.lastName})`), asc(sql`lower(${people.firstName})`), asc(people.id))
    .limit(limit);
  const organisationsFound = await executor
    .select()
    .from(organisations)
    .where(matchingName(words))
    .orderBy(
      asc(sql`${organisations.archivedAt} is not null`),
      asc(sql`lower(${organisations.name})`),
      asc(organisations.id),
    )
    .limit(limit);
  return [
    ...found.map((p) => ({
      kind: m.searchPerson().text,
      title: `${p.firstName} ${p.lastName}`,
      detail: [p.email, p.organisationName, p.disabledAt ? m.searchDisabled().text : null]
        .filter(Boolean)
        .join(' — '),
      href: `/gestion/personnes/${p.id}`,
    })),
    ...organisationsFound.map((o) => ({
      kind: m.searchOrganisation().text,
      title: o.name,
      detail: [
        organisationKindLabels[o.kind],
        o.siren ? `SIREN ${o.siren}` : null,
        o.inseeCode ? `INSEE ${o.inseeCode}` : null,
        o.archivedAt ? m.searchArchived().text : null,
      ]
        .filter(Boolean)
        .join(' — '),
      href: `/gestion/organisations/${o.id}`,
    })),
  ];
}
