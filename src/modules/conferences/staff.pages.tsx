// The staff's pages of the Rencontres: the editions and a new one, an edition's page (categories, rooms,
// grid), the form of a session, archiving. The event's own fields (dates, venue, seats, messages to the
// registered) are edited on the agenda's page of its event.
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { staffOnly } from '../../platform/http/actor.ts';
import { definePage, notFound, type PageOutcome, redirect, view } from '../../platform/http/pages.tsx';
import { defineNotices } from '../../platform/messages.ts';
import { parseEuros } from '../../platform/money.ts';
import { fail } from '../../platform/result.ts';
import type { Services } from '../../platform/services.ts';
import { parisDate, parisDateTime, parisDateTimeLocal } from '../../platform/time.ts';
import { uuid } from '../../platform/validation.ts';
import type { PageContext } from '../../platform/views/layout.tsx';
import { notificationSettings } from '../events/notifications.ts';
import { registrationStatusOf } from '../events/registrations.queries.ts';
import { groupTitle, listGroups } from '../groups/groups.ts';
import { findPersonByEmail } from '../organisations/people.ts';
import { conferencesMessages as m } from './conferences.messages.ts';
import { conferenceRegistrations } from './conferences.schema.ts';
import {
  addRoom,
  archiveConference,
  type Conference,
  cancelSession,
  createConference,
  getConference,
  listCategories,
  listConferences,
  listRooms,
  listSessions,
  type SessionWithSpeakers,
  saveSession,
  updateCategory,
} from './conferences.ts';
import { registerToConference } from './registrations.ts';
import {
  type FormState,
  type FormValues,
  ManageConferencePage,
  SessionFormPage,
  StaffConferencesPage,
} from './views/staff.tsx';

const notices = defineNotices('conferences', {
  created: 'C’est fait : l’édition est créée. Ajoutez ses salles, puis placez les séances.',
  roomAdded: 'C’est fait : la salle est ajoutée.',
  personRegistered: 'C’est fait : la personne est inscrite, et prévenue par courriel.',
  categorySaved:
    'C’est fait : la catégorie est enregistrée. Les inscriptions déjà faites gardent leur tarif.',
  sessionSaved: 'C’est fait : la séance est sur la grille.',
  sessionCancelled:
    'C’est fait : la séance est annulée ; elle quitte la grille et les programmes personnels.',
  archived: 'C’est fait : l’édition est archivée.',
});

const idParams = z.object({ id: uuid });
const sessionParams = z.object({ id: uuid, sessionId: uuid });
const categoryParams = z.object({ id: uuid, code: z.string().regex(/^[a-z_]{1,40}$/) });

const instant = (day: string | undefined, time: string | undefined) => {
  const read = parisDateTime(`${day ?? ''}T${time ?? ''}`);
  return 'iso' in read ? read.iso : `${day ?? ''} ${time ?? ''}`;
};

/** The session's form read into the domain's input: a day and two Paris times, speakers one per line. */
function sessionFromForm(form: FormValues, previous: SessionWithSpeakers | undefined) {
  // A speaker kept by name keeps the person of the platform they were (so that their other sessions stay checked).
  const known = new Map((previous?.speakers ?? []).map((s) => [s.name, s.personId]));
  const speakers = (form.speakers ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [name = '', ...title] = line.split(',');
      const personId = known.get(name.trim());
      return {
        name: name.trim(),
        title: title.join(',').trim() || undefined,
        ...(personId ? { personId } : {}),
      };
    });
  return {
    title: form.title,
    kind: form.kind,
    roomId: form.roomId || undefined,
    startsAt: instant(form.day, form.from),
    endsAt: instant(form.day, form.to),
    capacity: form.capacity || undefined,
    note: form.note,
    chair: form.chair,
    partners: form.partners,
    groupId: form.groupId || undefined,
    invitationOnly: form.invitationOnly === '1',
    speakers,
  };
}

const sessionValues = (s: SessionWithSpeakers): FormValues => ({
  title: s.title,
  kind: s.kind,
  roomId: s.roomId ?? '',
  day: parisDate(s.startsAt),
  from: parisDateTimeLocal(s.startsAt).slice(11, 16),
  to: parisDateTimeLocal(s.endsAt).slice(11, 16),
  capacity: s.capacity === null ? '' : String(s.capacity),
  note: s.note ?? '',
  chair: s.chair ?? '',
  partners: s.partners ?? '',
  groupId: s.groupId ?? '',
  invitationOnly: s.invitationOnly ? '1' : '',
  speakers: s.speakers.map((p) => (p.title ? `${p.name}, ${p.title}` : p.name)).join('\n'),
});

export function staffConferencePages({ db, config }: Services) {
  const settings = notificationSettings(config);
  const liveCounts = async (conferenceId?: string) => {
    const rows = await db
      .select({
        conferenceId: conferenceRegistrations.conferenceId,
        category: conferenceRegistrations.category,
        n: sql<number>`count(*)::int`,
      })
      .from(conferenceRegistrations)
      .where(
        sql`${registrationStatusOf(conferenceRegistrations.registrationId)} <> 'cancelled'${
          conferenceId ? sql` and ${conferenceRegistrations.conferenceId} = ${conferenceId}` : sql``
        }`,
      )
      .groupBy(conferenceRegistrations.conferenceId, conferenceRegistrations.category);
    return rows;
  };

  const listView = async (
    ctx: PageContext,
    extra: { form?: FormState; notice?: string | undefined } = {},
    status = 200,
  ) => {
    const [conferences, counts] = await Promise.all([listConferences(db), liveCounts()]);
    const registered = (id: string) =>
      counts.filter((r) => r.conferenceId === id).reduce((sum, r) => sum + r.n, 0);
    return view(
      <StaffConferencesPage
        ctx={ctx}
        conferences={conferences.map((c) => ({ ...c, registered: registered(c.id) }))}
        {...extra}
      />,
      status,
    );
  };

  const manageView = async (
    ctx: PageContext,
    conference: Conference,
    extra: Pick<
      Parameters<typeof ManageConferencePage>[0],
      'roomForm' | 'registrationForm' | 'categoryError' | 'notice'
    > = {},
    status = 200,
  ): Promise<PageOutcome> => {
    const [rooms, categories, sessions, counts] = await Promise.all([
      listRooms(db, conference.id),
      listCategories(db, conference.id),
      listSessions(db, conference.id),
      liveCounts(conference.id),
    ]);
    return view(
      <ManageConferencePage
        ctx={ctx}
        conference={conference}
        rooms={rooms}
        categories={categories}
        sessions={sessions}
        registered={new Map(counts.map((r) => [r.category, r.n]))}
        {...extra}
      />,
      status,
    );
  };

  const sessionView = async (
    ctx: PageContext,
    conference: Conference,
    session: SessionWithSpeakers | undefined,
    form: FormState,
    status = 200,
  ): Promise<PageOutcome> => {
    const [rooms, groups] = await Promise.all([listRooms(db, conference.id), listGroups(db)]);
    return view(
      <SessionFormPage
        ctx={ctx}
        conference={conference}
        rooms={rooms}
        groups={groups.filter((g) => !g.archivedAt).map((g) => ({ id: g.id, label: groupTitle(g) }))}
        session={session}
        form={form}
      />,
      status,
    );
  };

  /** A session placed or changed from its form; refused, the form again with its errors. */
  const saveFromForm = async (
    ctx: PageContext,
    actorId: string,
    conference: Conference,
    session: SessionWithSpeakers | undefined,
    form: FormValues,
  ): Promise<PageOutcome> => {
    const result = await db.transaction((tx) =>
      saveSession(tx, conference.id, sessionFromForm(form, session), actorId, session?.id),
    );
    if (!result.ok) {
      const errors = result.error.fields ?? { _: result.error.message };
      return sessionView(ctx, conference, session, { values: form, errors }, result.error.status);
    }
    return redirect(`/gestion/rencontres/${conference.id}`, notices.sessionSaved);
  };

  const sessionOf = async (conferenceId: string, sessionId: string) =>
    (await listSessions(db, conferenceId)).find((s) => s.id === sessionId);

  const access = staffOnly;
  return [
    definePage({
      method: 'GET',
      url: '/gestion/rencontres',
      access,
      handler: async ({ ctx, notice }) => listView(ctx, { notice }),
    }),
    definePage({
      method: 'POST',
      url: '/gestion/rencontres',
      access,
      handler: async ({ actor, ctx, form }) => {
        const result = await db.transaction((tx) =>
          createConference(
            tx,
            {
              title: form.title,
              edition: form.edition,
              theme: form.theme,
              startsOn: form.startsOn,
              endsOn: form.endsOn,
              venue: form.venue,
              registrationOpensAt: form.registrationOpensAt,
              registrationClosesAt: form.registrationClosesAt,
              capacity: form.capacity,
              provisional: form.provisional === '1',
            },
            actor.personId,
          ),
        );
        if (!result.ok)
          return listView(
            ctx,
            { form: { values: form, errors: result.error.fields ?? { _: result.error.message } } },
            result.error.status,
          );
        return redirect(`/gestion/rencontres/${result.value.id}`, notices.created);
      },
    }),
    definePage({
      method: 'GET',
      url: '/gestion/rencontres/:id',
      access,
      params: idParams,
      handler: async ({ params, ctx, notice }) => {
        const conference = await getConference(db, params.id);
        return conference ? manageView(ctx, conference, { notice }) : notFound(m.conferenceNotFound().text);
      },
    }),
    definePage({
      method: 'POST',
      url: '/gestion/rencontres/:id/salles',
      access,
      params: idParams,
      handler: async ({ actor, params, ctx, form }) => {
        const conference = await getConference(db, params.id);
        if (!conference) return notFound(m.conferenceNotFound().text);
        const result = await db.transaction((tx) =>
          addRoom(
            tx,
            conference.id,
            { name: form.name, capacity: form.capacity, accessible: form.notAccessible !== '1' },
            actor.personId,
          ),
        );
        if (!result.ok)
          return manageView(
            ctx,
            conference,
            { roomForm: { values: form, errors: result.error.fields ?? { name: result.error.message } } },
            result.error.status,
          );
        return redirect(`/gestion/rencontres/${conference.id}`, notices.roomAdded);
      },
    }),
    definePage({
      method: 'POST',
      url: '/gestion/rencontres/:id/inscriptions',
      access,
      params: idParams,
      handler: async ({ actor, params, ctx, form }) => {
        const conference = await getConference(db, params.id);
        if (!conference) return notFound(m.conferenceNotFound().text);
        const person = await findPersonByEmail(db, (form.email ?? '').trim());
        const result = person
          ? await registerToConference(
              db,
              conference.id,
              { personId: person.id, category: form.category },
              { settings, actorId: actor.personId, staff: true, actFor: () => true },
            )
          : fail(422, 'unknown_person', m.nobodyWithEmail(), { email: m.nobodyWithEmail().text });
        if (!result.ok)
          return manageView(
            ctx,
            conference,
            {
              registrationForm: {
                values: form,
                errors: result.error.fields ?? { email: result.error.message },
              },
            },
            result.error.status,
          );
        return redirect(`/gestion/rencontres/${conference.id}`, notices.personRegistered);
      },
    }),
    definePage({
      method: 'POST',
      url: '/gestion/rencontres/:id/categories/:code',
      access,
      params: categoryParams,
      handler: async ({ actor, params, ctx, form }) => {
        const conference = await getConference(db, params.id);
        if (!conference) return notFound(m.conferenceNotFound().text);
        const fee = parseEuros(form.fee ?? '');
        if (fee === undefined)
          return manageView(
            ctx,
            conference,
            { categoryError: { code: params.code, message: m.feeExpected().text } },
            400,
          );
        const result = await db.transaction((tx) =>
          updateCategory(
            tx,
            conference.id,
            params.code,
            { feeCents: fee, quota: form.quota ? form.quota : null, selfService: form.selfService === '1' },
            actor.personId,
          ),
        );
        if (!result.ok)
          return manageView(
            ctx,
            conference,
            { categoryError: { code: params.code, message: result.error.message } },
            result.error.status,
          );
        return redirect(`/gestion/rencontres/${conference.id}`, notices.categorySaved);
      },
    }),
    definePage({
      method: 'GET',
      url: '/gestion/rencontres/:id/seances/nouvelle',
      access,
      params: idParams,
      handler: async ({ params, ctx }) => {
        const conference = await getConference(db, params.id);
        if (!conference) return notFound(m.conferenceNotFound().text);
        const day = parisDate(conference.event.startsAt);
        return sessionView(ctx, conference, undefined, {
          values: { day, from: '09:00', to: '10:00' },
          errors: {},
        });
      },
    }),
    definePage({
      method: 'POST',
      url: '/gestion/rencontres/:id/seances',
      access,
      params: idParams,
      handler: async ({ actor, params, ctx, form }) => {
        const conference = await getConference(db, params.id);
        if (!conference) return notFound(m.conferenceNotFound().text);
        return saveFromForm(ctx, actor.personId, conference, undefined, form);
      },
    }),
    definePage({
      method: 'GET',
      url: '/gestion/rencontres/:id/seances/:sessionId',
      access,
      params: sessionParams,
      handler: async ({ params, ctx }) => {
        const conference = await getConference(db, params.id);
        const session = conference && (await sessionOf(conference.id, params.sessionId));
        if (!conference || !session) return notFound(m.sessionNotFound().text);
        return sessionView(ctx, conference, session, { values: sessionValues(session), errors: {} });
      },
    }),
    definePage({
      method: 'POST',
      url: '/gestion/rencontres/:id/seances/:sessionId',
      access,
      params: sessionParams,
      handler: async ({ actor, params, ctx, form }) => {
        const conference = await getConference(db, params.id);
        const session = conference && (await sessionOf(conference.id, params.sessionId));
        if (!conference || !session) return notFound(m.sessionNotFound().text);
        return saveFromForm(ctx, actor.personId, conference, session, form);
      },
    }),
    definePage({
      method: 'POST',
      url: '/gestion/rencontres/:id/seances/:sessionId/annuler',
      access,
      params: sessionParams,
      handler: async ({ actor, params }) => {
        const result = await db.transaction((tx) =>
          cancelSession(tx, params.id, params.sessionId, actor.personId),
        );
        if (!result.ok) return notFound(result.error.message);
        return redirect(`/gestion/rencontres/${params.id}`, notices.sessionCancelled);
      },
    }),
    definePage({
      method: 'POST',
      url: '/gestion/rencontres/:id/archiver',
      access,
      params: idParams,
      handler: async ({ actor, params }) => {
        const conference = await getConference(db, params.id);
        if (!conference) return notFound(m.conferenceNotFound().text);
        await db.transaction((tx) => archiveConference(tx, conference.id, actor.personId));
        return redirect('/gestion/rencontres', notices.archived);
      },
    }),
  ];
}
