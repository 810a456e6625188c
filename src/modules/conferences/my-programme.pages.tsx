// A person at the Rencontres: registering (themselves; a referent, a colleague), « Mon programme » with its
// choices of workshops, and its calendar. A referent reaches a colleague's with `?personne=`.
import { z } from 'zod';
import type { Actor } from '../../platform/http/actor.ts';
import { definePage, notFound, type PageOutcome, redirect, view } from '../../platform/http/pages.tsx';
import { identityOf } from '../../platform/identity.ts';
import { defineNotices } from '../../platform/messages.ts';
import type { Services } from '../../platform/services.ts';
import { uuid } from '../../platform/validation.ts';
import type { PageContext } from '../../platform/views/layout.tsx';
import { notificationSettings } from '../events/notifications.ts';
import { organisationsPolicy } from '../organisations/organisations.policy.ts';
import { getPerson, listPeopleOfOrganisation, type Person } from '../organisations/people.ts';
import { programmeCalendar } from './calendar.ts';
import { chooseSession, dropSession, fillOfSessions, programmeOf } from './choices.ts';
import { conferencesMessages as m } from './conferences.messages.ts';
import {
  type Conference,
  choosableKinds,
  getConference,
  listCategories,
  listRooms,
  listSessions,
} from './conferences.ts';
import { registerToConference, registrationOfPerson } from './registrations.ts';
import { MyProgrammePage, myProgrammeHref, RegistrationPage } from './views/my-programme.tsx';

const notices = defineNotices('conferences', {
  registered: 'C’est fait : l’inscription est enregistrée, un message de confirmation part par courriel.',
  waitlisted:
    'Les Rencontres sont complètes : l’inscription est sur la liste d’attente. Nous écrirons dès qu’une place se libère.',
  chosen: 'C’est fait : la séance est dans le programme.',
  chosenWaitlisted:
    'La séance est complète : vous êtes sur sa liste d’attente, et prendrez la première place libérée.',
  dropped: 'C’est fait : la séance est retirée du programme.',
});

const idParams = z.object({ id: uuid });
const forPerson = z.object({ personne: uuid.optional() });

export function myProgrammePages({ db, config }: Services) {
  const settings = notificationSettings(config);
  const live = async (id: string) => {
    const conference = await getConference(db, id);
    return conference && !conference.archivedAt ? conference : undefined;
  };

  /** The person whose programme this is: the actor, or one they act for (`?personne=`); undefined if not theirs. */
  const whose = async (actor: Actor, personId: string | undefined): Promise<Person | undefined> => {
    const person = await getPerson(db, personId ?? actor.personId);
    return person && organisationsPolicy.actFor(actor, person) ? person : undefined;
  };

  const programme = async (
    ctx: PageContext,
    conference: Conference,
    person: Person,
    forOther: boolean,
    extra: { notice?: string | undefined; error?: string | undefined } = {},
    status = 200,
  ): Promise<PageOutcome> => {
    const found = await registrationOfPerson(db, conference.id, person.id);
    const [sessions, choices, fill] = await Promise.all([
      listSessions(db, conference.id),
      found ? programmeOf(db, found.registration.id) : [],
      fillOfSessions(db, conference.id),
    ]);
    return view(
      <MyProgrammePage
        ctx={ctx}
        conference={conference}
        person={person}
        registration={found ? { conference: found.conference, status: found.registration.status } : null}
        sessions={sessions.filter((s) => !s.invitationOnly || choices.some((c) => c.session.id === s.id))}
        choices={choices.map((c) => c.choice)}
        fill={fill}
        choosable={choosableKinds}
        forOther={forOther}
        ended={new Date() >= conference.event.endsAt}
        {...extra}
      />,
      status,
    );
  };

  /** Whom the actor may register: themselves, then (a referent) the colleagues of their organisation. */
  const registrable = async (actor: Actor) => {
    const self = (await getPerson(db, actor.personId))!;
    if (!actor.referent || !actor.organisationId) return [self];
    const colleagues = (await listPeopleOfOrganisation(db, actor.organisationId)).filter(
      (p) => p.id !== actor.personId && !p.disabledAt,
    );
    return [self, ...colleagues];
  };

  /** Choosing or dropping a session, then back to the programme (its refusal shown there). */
  const change = (action: typeof chooseSession | typeof dropSession, done: (value: unknown) => string) =>
    definePage({
      method: 'POST',
      url: `/rencontres/:id/mon-programme/${action === chooseSession ? 'choisir' : 'retirer'}`,
      access: 'signedIn',
      params: idParams,
      query: forPerson,
      handler: async ({ actor, params, query, form, ctx }) => {
        const conference = await live(params.id);
        const person = conference && (await whose(actor, query.personne));
        if (!conference || !person) return notFound();
        const found = await registrationOfPerson(db, conference.id, person.id);
        const sessionId = uuid.safeParse(form.sessionId);
        if (!found || !sessionId.success) return notFound(m.sessionNotFound().text);
        const result = await action(db, found.registration.id, sessionId.data, {
          staff: actor.staff,
          actFor: (p) => organisationsPolicy.actFor(actor, p),
        });
        if (!result.ok)
          return programme(
            ctx,
            conference,
            person,
            person.id !== actor.personId,
            { error: result.error.message },
            result.error.status,
          );
        return redirect(myProgrammeHref(conference, query.personne), done(result.value));
      },
    });

  return [
    definePage({
      method: 'GET',
      url: '/rencontres/:id/inscription',
      access: 'signedIn',
      params: idParams,
      handler: async ({ actor, params, ctx }) => {
        const conference = await live(params.id);
        if (!conference) return notFound(m.conferenceNotFound().text);
        return view(
          <RegistrationPage
            ctx={ctx}
            conference={conference}
            categories={await listCategories(db, conference.id)}
            people={await registrable(actor)}
          />,
        );
      },
    }),
    definePage({
      method: 'POST',
      url: '/rencontres/:id/inscription',
      access: 'signedIn',
      params: idParams,
      handler: async ({ actor, params, ctx, request, form }) => {
        const conference = await live(params.id);
        if (!conference) return notFound(m.conferenceNotFound().text);
        // Checkboxes sent several times (the days) come as a list; formFields keeps only the last.
        const raw = (request.body ?? {}) as Record<string, unknown>;
        const days = ([] as unknown[]).concat(raw.days ?? []).filter((d) => typeof d === 'string');
        const personId = form.personId || actor.personId;
        const result = await registerToConference(
          db,
          conference.id,
          {
            personId,
            category: form.category,
            days,
            lunch: form.lunch === '1',
            accessibilityNeeds: form.accessibilityNeeds,
          },
          {
            settings,
            actorId: actor.personId,
            staff: actor.staff,
            actFor: (p) => organisationsPolicy.actFor(actor, p),
          },
        );
        if (!result.ok) {
          return view(
            <RegistrationPage
              ctx={ctx}
              conference={conference}
              categories={await listCategories(db, conference.id)}
              people={await registrable(actor)}
              values={{ ...form, days: days.join(' ') }}
              error={result.error.message}
              fields={result.error.fields}
            />,
            result.error.status,
          );
        }
        return redirect(
          myProgrammeHref(conference, personId === actor.personId ? undefined : personId),
          result.value.status === 'confirmed' ? notices.registered : notices.waitlisted,
        );
      },
    }),
    definePage({
      method: 'GET',
      url: '/rencontres/:id/mon-programme',
      access: 'signedIn',
      params: idParams,
      query: forPerson,
      handler: async ({ actor, params, query, ctx, notice }) => {
        const conference = await live(params.id);
        const person = conference && (await whose(actor, query.personne));
        if (!conference || !person) return notFound();
        return programme(ctx, conference, person, person.id !== actor.personId, { notice });
      },
    }),
    change(chooseSession, (choice) =>
      (choice as { status: string }).status === 'confirmed' ? notices.chosen : notices.chosenWaitlisted,
    ),
    change(dropSession, () => notices.dropped),
    definePage({
      method: 'GET',
      url: '/rencontres/:id/mon-programme.ics',
      access: 'signedIn',
      params: idParams,
      query: forPerson,
      handler: async ({ actor, params, query, reply }) => {
        const conference = await live(params.id);
        const person = conference && (await whose(actor, query.personne));
        const found = conference && person && (await registrationOfPerson(db, conference.id, person.id));
        if (!conference || !found) return notFound();
        const chosen = await programmeOf(db, found.registration.id);
        const mine = new Set(chosen.map((c) => c.session.id));
        const waitlisted = new Set(
          chosen.filter((c) => c.choice.status === 'waitlisted').map((c) => c.session.id),
        );
        // Everyone's sessions (plenaries, breaks…) and the workshops this person chose.
        const sessions = (await listSessions(db, conference.id)).filter(
          (s) => !choosableKinds.includes(s.kind) || mine.has(s.id),
        );
        const calendar = programmeCalendar(
          m.myCalendarName({ title: conference.event.title }).text,
          conference,
          await listRooms(db, conference.id),
          sessions,
          { baseUrl: config.baseUrl, domain: identityOf(config).domain },
          waitlisted,
        );
        return reply
          .type('text/calendar; charset=utf-8')
          .header('content-disposition', 'attachment; filename="mon-programme.ics"')
          .send(calendar);
      },
    }),
  ];
}
