// An item that points to a record of the platform — an event of the agenda, a group, a solidarity fund, a
// support call, a country's directory of partnerships — shows that record's live data under its text: the date
// and place of the event (or that it is cancelled), the group's chair, what the fund has raised, until when the
// call takes dossiers, how many partnerships are active. Read when the
// Lettre is shown or sent, never retyped: an event moved since is right in the archives too.
import { countryName, isCountryCode } from '../../platform/countries.ts';
import type { Executor } from '../../platform/db/client.ts';
import { formatCents } from '../../platform/money.ts';
import { capitalised, formatDateTime, formatWhen } from '../../platform/time.ts';
import { activeByCountry } from '../atlas/atlas.queries.ts';
import { getCall } from '../calls/calls.ts';
import { getEvent } from '../events/events.ts';
import { getFund } from '../funds/funds.ts';
import { balancesOf } from '../funds/ledger.ts';
import { chairState, chairsOf } from '../groups/chairs.ts';
import { getGroupBySlug, groupTitle } from '../groups/groups.ts';
import { whereOf } from './agenda.ts';
import type { Section } from './issues.ts';

export interface LiveRecord {
  /** « Événement », « Groupe », « Fonds de solidarité », « Appel à projets ». */
  kind: string;
  title: string;
  facts: string[];
}

const uuidPattern = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const routes: [RegExp, (executor: Executor, key: string, at: Date) => Promise<LiveRecord | undefined>][] = [
  [
    new RegExp(`^/agenda/(${uuidPattern})$`),
    async (executor, id) => {
      const event = await getEvent(executor, id);
      if (!event) return undefined;
      return {
        kind: 'Événement',
        title: event.title,
        facts: event.cancelledAt
          ? ['Annulé']
          : [
              capitalised(formatWhen(event.startsAt, event.endsAt, { withHours: true })),
              capitalised(whereOf(event)),
            ],
      };
    },
  ],
  [
    /^\/groupes\/([a-z0-9-]{1,100})$/,
    async (executor, slug, at) => {
      const group = await getGroupBySlug(executor, slug);
      if (!group) return undefined;
      const chair = await chairState(executor, await chairsOf(executor, group.id), at);
      return {
        kind: 'Groupe',
        title: groupTitle(group),
        facts:
          chair.state === 'in_office' && chair.term.person
            ? [
                `Présidé par ${chair.term.person.firstName} ${chair.term.person.lastName}, ${chair.mandateTitle}`,
              ]
            : ['Présidence à pourvoir'],
      };
    },
  ],
  [
    new RegExp(`^/fonds/(${uuidPattern})$`),
    async (executor, id) => {
      const fund = await getFund(executor, id);
      if (!fund) return undefined;
      const { receivedCents } = await balancesOf(executor, id);
      return {
        kind: 'Fonds de solidarité',
        title: fund.name,
        facts: [
          `Collecté : ${formatCents(receivedCents)}${fund.targetCents ? ` sur un objectif de ${formatCents(fund.targetCents)}` : ''}`,
          ...(fund.status === 'closed' ? ['Fonds clos'] : []),
        ],
      };
    },
  ],
  [
    new RegExp(`^/appels/(${uuidPattern})$`),
    async (executor, id, at) => {
      const call = await getCall(executor, id);
      if (!call) return undefined;
      return {
        kind: 'Appel à projets',
        title: call.title,
        facts: [
          at < call.opensAt
            ? `Dépôt des dossiers du ${formatDateTime(call.opensAt)} au ${formatDateTime(call.closesAt)}`
            : at < call.closesAt
              ? `Dépôt des dossiers jusqu’au ${formatDateTime(call.closesAt)}`
              : 'Appel clos',
        ],
      };
    },
  ],
  [
    /^\/repertoires\/([A-Za-z]{2})$/,
    async (executor, code) => {
      const country = code.toUpperCase();
      if (!isCountryCode(country)) return undefined;
      const active = (await activeByCountry(executor)).get(country) ?? 0;
      return {
        kind: 'Répertoire des partenariats',
        title: countryName(country),
        facts: [`${active} partenariat${active > 1 ? 's' : ''} actif${active > 1 ? 's' : ''}`],
      };
    },
  ],
];

/** The record a link names, if it is one of the platform's pages (by its path, or its address on `baseUrl`). */
export async function liveRecordOf(
  executor: Executor,
  link: string,
  baseUrl: string,
  at = new Date(),
): Promise<LiveRecord | undefined> {
  const path = link.startsWith(`${baseUrl}/`) ? link.slice(baseUrl.length) : link;
  if (!path.startsWith('/')) return undefined;
  for (const [pattern, read] of routes) {
    const key = pattern.exec(path.split(/[?#]/)[0]!)?.[1];
    if (key) return read(executor, key, at);
  }
  return undefined;
}

/** The live records of an issue's items, by item id. */
export async function liveRecordsOf(
  executor: Executor,
  sections: Section[],
  baseUrl: string,
  at = new Date(),
): Promise<Map<string, LiveRecord>> {
  const found = new Map<string, LiveRecord>();
  for (const item of sections.flatMap((s) => s.items)) {
    if (!item.link) continue;
    const record = await liveRecordOf(executor, item.link, baseUrl, at);
    if (record) found.set(item.id, record);
  }
  return found;
}
