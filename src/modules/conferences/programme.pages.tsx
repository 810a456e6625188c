// The public programme of the Rencontres: the editions, an edition's grid (by day and room, or by kind,
// filtered without JavaScript), a session's page, and the programme as an iCalendar feed.
import { z } from 'zod';
import type { Executor } from '../../platform/db/client.ts';
import { definePage, notFound, view } from '../../platform/http/pages.tsx';
import { identityOf } from '../../platform/identity.ts';
import type { Services } from '../../platform/services.ts';
import { uuid } from '../../platform/validation.ts';
import { getGroupsByIds, groupTitle } from '../groups/groups.ts';
import { programmeCalendar } from './calendar.ts';
import { fillOfSessions } from './choices.ts';
import { conferencesMessages } from './conferences.messages.ts';
import { sessionKinds } from './conferences.schema.ts';
import {
  type Conference,
  choosableKinds,
  conferenceDays,
  getConference,
  getSession,
  listConferences,
  listRooms,
  listSessions,
} from './conferences.ts';
import { layoutDay, sessionsByDay } from './grid.ts';
import { programmeMessages as m } from './programme.messages.ts';
import { ConferencesPage, type ProgrammeFilters, ProgrammePage, SessionPage } from './views/programme.tsx';

const conferenceParams = z.object({ id: uuid });
const sessionParams = conferenceParams.extend({ sessionId: uuid });

/**
 * `?vue=types`, `?type=workshop`, `?groupe=<id>`. An empty value (« Tous » in the form) is no filter; an
 * invalid one is left out and the page says so, rather than refusing a shared link.
 */
const programmeQuery = z.unknown().transform((raw) => {
  const query = (raw ?? {}) as Record<string, unknown>;
  const kind = z
    .enum(sessionKinds)
    .optional()
    .safeParse(query.type || undefined);
  const groupId = uuid.optional().safeParse(query.groupe || undefined);
  return {
    view: query.vue === 'types' ? 'types' : 'grille',
    kind: kind.success ? kind.data : undefined,
    groupId: groupId.success ? groupId.data : undefined,
    ignored: !kind.success || !groupId.success,
  } satisfies ProgrammeFilters & { ignored: boolean };
});

const conferenceNotFound = () =>
  notFound(conferencesMessages.conferenceNotFound().text, 'Rencontres introuvables');
const sessionNotFound = () => notFound(conferencesMessages.sessionNotFound().text, 'Séance introuvable');

/** An edition's programme as its page shows it: each day of the edition, its sessions and their grid. */
async function loadProgramme(executor: Executor, conference: Conference, filters: ProgrammeFilters) {
  const [rooms, all] = await Promise.all([
    listRooms(executor, conference.id),
    listSessions(executor, conference.id),
  ]);
  const groupIds = [...new Set(all.flatMap((s) => (s.groupId ? [s.groupId] : [])))];
  const groups = (await getGroupsByIds(executor, groupIds))
    .map((g) => ({ id: g.id, title: groupTitle(g) }))
    .sort((a, b) => a.title.localeCompare(b.title, 'fr'));
  const sessions = all.filter(
    (s) => (!filters.kind || s.kind === filters.kind) && (!filters.groupId || s.groupId === filters.groupId),
  );
  const byDay = new Map(sessionsByDay(sessions));
  // Every day of the edition, a day without sessions (yet) included; and a session left outside the
  // edition's days by a change of its dates, rather than hiding it.
  const days = [...new Set([...conferenceDays(conference), ...byDay.keys()])].sort();
  return {
    rooms,
    groups,
    days: days.map((day) => {
      const list = byDay.get(day) ?? [];
      return {
        day,
        sessions: list,
        rows: rooms.length ? layoutDay(rooms, list, conference.slotMinutes) : null,
      };
    }),
  };
}

export function programmePages({ db, config }: Services) {
  const domain = identityOf(config).domain;

  return [
    definePage({
      method: 'GET',
      url: '/rencontres',
      access: 'public',
      handler: async ({ ctx }) => view(<ConferencesPage ctx={ctx} conferences={await listConferences(db)} />),
    }),
    definePage({
      method: 'GET',
      url: '/rencontres/:id/programme',
      access: 'public',
      params: conferenceParams,
      query: programmeQuery,
      handler: async ({ params, query, ctx, notice }) => {
        const conference = await getConference(db, params.id);
        if (!conference) return conferenceNotFound();
        const { ignored, ...filters } = query;
        const data = await loadProgramme(db, conference, filters);
        return view(
          <ProgrammePage
            ctx={ctx}
            conference={conference}
            filters={filters}
            {...data}
            notice={ignored ? m.programmeFiltersIgnored().text : notice}
          />,
        );
      },
    }),
    definePage({
      method: 'GET',
      url: '/rencontres/:id/seances/:sessionId',
      access: 'public',
      params: sessionParams,
      handler: async ({ params, ctx }) => {
        const [conference, found] = await Promise.all([
          getConference(db, params.id),
          getSession(db, params.sessionId),
        ]);
        if (!conference) return conferenceNotFound();
        if (!found || found.conferenceId !== conference.id) return sessionNotFound();
        // The speakers come with the programme's sessions; a cancelled session is no longer among them.
        const [rooms, live, group] = await Promise.all([
          listRooms(db, conference.id),
          listSessions(db, conference.id),
          found.groupId ? getGroupsByIds(db, [found.groupId]).then((g) => g[0]) : undefined,
        ]);
        const session = live.find((s) => s.id === found.id) ?? { ...found, speakers: [] };
        const room = rooms.find((r) => r.id === session.roomId);
        const fill = choosableKinds.includes(session.kind)
          ? (await fillOfSessions(db, conference.id)).get(session.id)
          : undefined;
        return view(
          <SessionPage
            ctx={ctx}
            conference={conference}
            session={session}
            cancelled={found.cancelledAt !== null}
            room={room}
            group={
              group && {
                title: groupTitle(group),
                // An archived group's page is gone from the site.
                href: group.archivedAt ? null : `/groupes/${group.slug}`,
              }
            }
            seats={{
              total: fill?.seats ?? session.capacity ?? room?.capacity ?? null,
              taken: fill ? fill.confirmed : null,
            }}
          />,
        );
      },
    }),
    definePage({
      method: 'GET',
      url: '/rencontres/:id/programme.ics',
      access: 'public',
      params: conferenceParams,
      handler: async ({ params, reply }) => {
        const conference = await getConference(db, params.id);
        if (!conference) return conferenceNotFound();
        const [rooms, sessions] = await Promise.all([
          listRooms(db, conference.id),
          listSessions(db, conference.id),
        ]);
        const calendar = programmeCalendar(
          m.programmeCalendarName({ title: conference.event.title }).text,
          conference,
          rooms,
          sessions,
          { baseUrl: config.baseUrl, domain },
        );
        return reply.type('text/calendar; charset=utf-8').send(calendar);
      },
    }),
  ];
}
