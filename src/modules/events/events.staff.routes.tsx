// Staff pages of the agenda (« Gestion » of events): creating events, registering people on their behalf,
// invitations, documents, check-in at the door and by QR code, online attendance from a video-call report.
import { asc, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Executor } from '../../platform/db/client.ts';
import {
  formFields,
  noticeOf,
  pageContext,
  redirectWithNotice,
  requireRole,
  requireSignIn,
  sendMessagePage,
  sendPage,
} from '../../platform/http/pages.tsx';
import { defineNotices } from '../../platform/messages.ts';
import type { Services } from '../../platform/services.ts';
import { type Column, toCsv, toXlsx } from '../../platform/sheets/sheets.ts';
import { parisDateTime, timeZone } from '../../platform/time.ts';
import { uuid } from '../../platform/validation.ts';
import { organisations, people } from '../organisations/organisations.schema.ts';
import { findPersonByEmail } from '../organisations/people.ts';
import { normalise } from '../organisations/reference.ts';
import { applyAttendanceImport, getAttendanceImport, prepareAttendanceImport } from './attendance-import.ts';
import { getRegistration } from './cancel-registration.ts';
import { checkIn, findByCheckInToken, undoCheckIn } from './check-in.ts';
import { addDocument, listDocuments } from './documents.ts';
import { eventsPolicy as policy } from './events.policy.ts';
import { attendanceImports, eventInvitations, events } from './events.schema.ts';
import { createEvent, eventDetails, eventInput, getEvent, invite, listSeries } from './events.ts';
import { notificationSettings } from './notifications.ts';
import { register } from './register.ts';
import { listRegistrations } from './registrations.queries.ts';
import {
  AttendanceReportPage,
  AttendanceUploadPage,
  attendanceSourceLabels,
  CheckInPage,
  EventsListPage,
  type FormState,
  ManageEventPage,
  modeLabels,
  NewEventPage,
  QrCheckInPage,
  registrationStatusLabels,
} from './views/staff.tsx';

const notices = defineNotices('events', {
  event_created: 'Événement créé.',
  event_person_registered: 'Inscription enregistrée : la personne en est prévenue par courriel.',
  event_person_waitlisted:
    'L’événement est complet : la personne est inscrite sur la liste d’attente et en est prévenue par courriel.',
  event_invited: 'Invitations enregistrées.',
  event_document_added: 'Document ajouté.',
  event_checked_in: 'Présence enregistrée.',
  event_already_checked_in: 'Cette présence était déjà enregistrée.',
  event_check_in_undone: 'Présence annulée.',
  event_check_in_not_undone: 'Aucune présence enregistrée à l’entrée à annuler.',
});

type Body = Record<string, string | undefined>;
const bodyOf = (request: FastifyRequest): Body => formFields(request);
const idParams = z.object({ id: uuid });
const registrationParams = z.object({ id: uuid, registrationId: uuid });
const importParams = z.object({ id: uuid, importId: uuid });

const dateFields = [
  ['startsAt', 'Indiquez la date et l’heure de début.'],
  ['endsAt', 'Indiquez la date et l’heure de fin.'],
  ['registrationOpensAt', null],
  ['registrationClosesAt', null],
] as const;

const formOrder = [
  'title',
  'theme',
  'kind',
  'format',
  'audience',
  'startsAt',
  'endsAt',
  'provisional',
  'capacity',
  'registrationOpensAt',
  'registrationClosesAt',
  'venue',
  'onlineUrl',
  'description',
  'series',
];

const choiceMessages: Record<string, string> = {
  kind: 'Choisissez le type d’événement.',
  format: 'Choisissez le format : en présentiel, hybride ou en visioconférence.',
  audience: 'Choisissez le public de l’événement.',
};

/** The creation form's fields as createEvent expects them, and the errors of the dates typed. */
function eventFromForm(body: Body) {
  const errors: Record<string, string> = {};
  const input: Record<string, unknown> = {
    title: body.title,
    theme: body.theme,
    kind: body.kind || undefined,
    format: body.format || undefined,
    audience: body.audience || undefined,
    capacity: body.capacity,
    venue: body.venue,
    onlineUrl: body.onlineUrl,
    description: body.description,
    series: body.series,
    provisional: body.provisional === 'on',
  };
  for (const [name, requiredMessage] of dateFields) {
    const raw = body[name]?.trim() ?? '';
    if (!raw) {
      if (requiredMessage) errors[name] = requiredMessage;
      continue;
    }
    const read = parisDateTime(raw);
    if ('iso' in read) {
      input[name] = read.iso;
    } else {
      input[name] = 'invalide';
      errors[name] =
        read.error === 'nonexistent'
          ? 'Cette heure n’existe pas à Paris ce jour-là (passage à l’heure d’été) : choisissez-en une autre.'
          : 'Date et heure illisibles : choisissez-les dans le calendrier ou écrivez par exemple 08/07/2026 09:30.';
    }
  }
  return { input, errors };
}

/** Field errors in the order of the form, in words for people (the API's messages name codes). */
function formErrors(fromDomain: Record<string, string> | undefined, fromForm: Record<string, string>) {
  const merged: Record<string, string> = { ...fromDomain, ...fromForm };
  for (const key of Object.keys(choiceMessages)) if (merged[key]) merged[key] = choiceMessages[key]!;
  const ordered: Record<string, string> = {};
  for (const key of formOrder) if (merged[key]) ordered[key] = merged[key];
  for (const [key, message] of Object.entries(merged)) if (!(key in ordered)) ordered[key] = message;
  return ordered;
}

// ——— Queries of the staff pages ———

async function staffEventRows(db: Executor, now: Date) {
  // Written out: in a query on one table, drizzle leaves column names unqualified, and « id » inside the
  // subquery would be the registration's.
  const columns = {
    event: events,
    confirmed: sql<number>`(select count(*)::int from registrations r where r.event_id = events.id and r.status = 'confirmed')`,
    waitlisted: sql<number>`(select count(*)::int from registrations r where r.event_id = events.id and r.status = 'waitlisted')`,
    attended: sql<number>`(select count(*)::int from attendance a where a.event_id = events.id)`,
  };
  const upcoming = await db
    .select(columns)
    .from(events)
    .where(gte(events.endsAt, now))
    .orderBy(asc(events.startsAt), asc(events.id))
    .limit(500);
  const past = await db
    .select(columns)
    .from(events)
    .where(lt(events.endsAt, now))
    .orderBy(desc(events.startsAt), desc(events.id))
    .limit(500);
  return { upcoming, past };
}

async function listInvitees(db: Executor, eventId: string) {
  return db
    .select({
      id: people.id,
      firstName: people.firstName,
      lastName: people.lastName,
      email: people.email,
      organisationName: organisations.name,
    })
    .from(eventInvitations)
    .innerJoin(people, eq(people.id, eventInvitations.personId))
    .leftJoin(organisations, eq(organisations.id, people.organisationId))
    .where(eq(eventInvitations.eventId, eventId))
    .orderBy(asc(people.lastName), asc(people.firstName));
}

async function listAttendanceImports(db: Executor, eventId: string) {
  return db
    .select({
      id: attendanceImports.id,
      fileName: attendanceImports.fileName,
      createdAt: attendanceImports.createdAt,
      appliedAt: attendanceImports.appliedAt,
    })
    .from(attendanceImports)
    .where(eq(attendanceImports.eventId, eventId))
    .orderBy(desc(attendanceImports.createdAt))
    .limit(20);
}

// ——— Export ———

type RegistrationRow = Awaited<ReturnType<typeof listRegistrations>>[number];

export const registrationColumns: Column<RegistrationRow>[] = [
  { header: 'Prénom', value: (r) => r.person.firstName },
  { header: 'Nom', value: (r) => r.person.lastName },
  { header: 'Email', value: (r) => r.person.email },
  { header: 'Organisation', value: (r) => r.organisationName },
  { header: 'Statut', value: (r) => registrationStatusLabels[r.registration.status] },
  { header: 'Participation', value: (r) => (r.registration.mode ? modeLabels[r.registration.mode] : '') },
  { header: 'Inscrit·e le', type: 'datetime', value: (r) => r.registration.createdAt },
  { header: 'Présent·e', value: (r) => (r.attendance ? 'oui' : 'non') },
  {
    header: 'Présence enregistrée par',
    value: (r) => (r.attendance ? attendanceSourceLabels[r.attendance.source] : ''),
  },
  { header: 'Minutes en ligne', type: 'number', value: (r) => r.attendance?.minutes },
  {
    header: 'Présence enregistrée le',
    type: 'datetime',
    value: (r) => r.attendance?.recordedAt,
  },
];

// ——— Routes ———

export function registerEventStaffRoutes(app: FastifyInstance, services: Services) {
  const { db, config } = services;
  const settings = notificationSettings(config);

  /** Staff only: anyone else gets a French refusal (or the sign-in page). */
  const staff = (request: FastifyRequest, reply: FastifyReply) => requireRole(request, reply, policy.manage);

  const notFound = (request: FastifyRequest, reply: FastifyReply, what = 'Cet événement') =>
    sendMessagePage(request, reply, 404, 'Introuvable', `${what} n’existe pas ou plus.`);

  /** The event named in the URL, or undefined after answering 404. */
  async function eventOf(request: FastifyRequest, reply: FastifyReply) {
    const params = idParams.safeParse(request.params);
    const event = params.success ? await getEvent(db, params.data.id) : undefined;
    if (!event) notFound(request, reply);
    return event;
  }

  app.get('/gestion/evenements', async (request, reply) => {
    if (!staff(request, reply)) return reply;
    const { upcoming, past } = await staffEventRows(db, new Date());
    return sendPage(
      reply,
      <EventsListPage
        ctx={pageContext(request, reply)}
        upcoming={upcoming}
        past={past}
        notice={noticeOf(request)}
      />,
    );
  });

  app.get('/gestion/evenements/nouveau', async (request, reply) => {
    if (!staff(request, reply)) return reply;
    return sendPage(reply, <NewEventPage ctx={pageContext(request, reply)} series={await listSeries(db)} />);
  });

  app.post('/gestion/evenements', async (request, reply) => {
    const actor = staff(request, reply);
    if (!actor) return reply;
    const body = bodyOf(request);
    const { input, errors } = eventFromForm(body);
    let domainErrors: Record<string, string> | undefined;
    let message: string | undefined;
    let status = 400;
    if (Object.keys(errors).length) {
      const parsed = eventInput.safeParse(input);
      if (!parsed.success) {
        domainErrors = {};
        for (const issue of parsed.error.issues) domainErrors[issue.path.join('.') || '_'] ??= issue.message;
      }
    } else {
      const result = await db.transaction((tx) => createEvent(tx, input, actor.personId));
      if (result.ok)
        return redirectWithNotice(reply, `/gestion/evenements/${result.value.id}`, notices.event_created);
      domainErrors = result.error.fields;
      if (!domainErrors) message = result.error.message;
      status = result.error.status;
    }
    return sendPage(
      reply,
      <NewEventPage
        ctx={pageContext(request, reply)}
        series={await listSeries(db)}
        errors={message ? undefined : formErrors(domainErrors, errors)}
        values={body}
        error={message}
      />,
      status,
    );
  });

  async function showManage(
    request: FastifyRequest,
    reply: FastifyReply,
    eventId: string,
    forms: { registerForm?: FormState; inviteForm?: FormState; documentForm?: FormState } = {},
    status = 200,
  ) {
    const details = await eventDetails(db, eventId);
    if (!details) return notFound(request, reply);
    const [rows, documents, invitees] = await Promise.all([
      listRegistrations(db, eventId),
      listDocuments(db, eventId),
      details.event.audience === 'restricted' ? listInvitees(db, eventId) : undefined,
    ]);
    return sendPage(
      reply,
      <ManageEventPage
        ctx={pageContext(request, reply)}
        event={details.event}
        seriesTitle={details.seriesTitle}
        registrations={rows}
        invitees={invitees}
        documents={documents}
        notice={noticeOf(request)}
        {...forms}
      />,
      status,
    );
  }

  app.get('/gestion/evenements/:id', async (request, reply) => {
    if (!staff(request, reply)) return reply;
    const event = await eventOf(request, reply);
    if (!event) return reply;
    return showManage(request, reply, event.id);
  });

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(`/gestion/evenements/:id/inscriptions.${format}`, async (request, reply) => {
      if (!staff(request, reply)) return reply;
      const event = await eventOf(request, reply);
      if (!event) return reply;
      const rows = await listRegistrations(db, event.id);
      const date = new Date().toISOString().slice(0, 10);
      reply.header('content-disposition', `attachment; filename="inscriptions-${date}.${format}"`);
      return format === 'csv'
        ? reply.type('text/csv; charset=utf-8').send(toCsv(registrationColumns, rows))
        : reply
            .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
            .send(await toXlsx('Inscriptions', registrationColumns, rows));
    });
  }

  // Staff registers anyone, by email: the person is told by mail (register() writes it).
  app.post('/gestion/evenements/:id/inscriptions', async (request, reply) => {
    const actor = staff(request, reply);
    if (!actor) return reply;
    const event = await eventOf(request, reply);
    if (!event) return reply;
    const body = bodyOf(request);
    const email = (body.email ?? '').trim();
    const refuse = (message: string, status: number) =>
      showManage(
        request,
        reply,
        event.id,
        { registerForm: { errors: { email: message }, values: body } },
        status,
      );
    if (!email) return refuse('Indiquez l’adresse électronique de la personne à inscrire.', 400);
    const person = await findPersonByEmail(db, email);
    if (!person) {
      return refuse(
        `Aucune personne n’a l’adresse « ${email} ». Ajoutez-la d’abord depuis la page de son organisation.`,
        422,
      );
    }
    const result = await register(
      db,
      {
        eventId: event.id,
        personId: person.id,
        mode:
          event.format === 'hybrid' && (body.mode === 'online' || body.mode === 'in_person')
            ? body.mode
            : undefined,
        registeredBy: actor.personId,
      },
      { settings },
    );
    services.jobs.poke();
    if (!result.ok) return refuse(result.error.message, result.error.status);
    return redirectWithNotice(
      reply,
      `/gestion/evenements/${event.id}#inscriptions`,
      result.value.status === 'confirmed' ? notices.event_person_registered : notices.event_person_waitlisted,
    );
  });

  app.post('/gestion/evenements/:id/invitations', async (request, reply) => {
    const actor = staff(request, reply);
    if (!actor) return reply;
    const event = await eventOf(request, reply);
    if (!event) return reply;
    if (event.audience !== 'restricted') {
      return sendMessagePage(
        request,
        reply,
        409,
        'Pas d’invitations',
        'Cet événement n’est pas sur invitation : les personnes de son public peuvent s’y inscrire directement.',
      );
    }
    const body = bodyOf(request);
    const refuse = (message: string, status: number) =>
      showManage(
        request,
        reply,
        event.id,
        { inviteForm: { errors: { emails: message }, values: body } },
        status,
      );
    const emails = [
      ...new Set(
        (body.emails ?? '')
          .split(/[\s,;]+/)
          .map((e) => e.trim().toLowerCase())
          .filter(Boolean),
      ),
    ];
    if (emails.length === 0) return refuse('Indiquez au moins une adresse électronique.', 400);
    if (emails.length > 500) return refuse('500 adresses au plus à la fois.', 400);
    const found = await db
      .select({ id: people.id, email: people.email })
      .from(people)
      .where(inArray(sql`lower(${people.email})`, emails));
    const known = new Set(found.map((p) => p.email.toLowerCase()));
    const unknown = emails.filter((e) => !known.has(e));
    if (unknown.length) {
      return refuse(
        `Aucune personne n’a ${unknown.length > 1 ? 'ces adresses' : 'cette adresse'} : ${unknown.join(', ')}. Ajoutez ces personnes depuis la page de leur organisation, ou retirez ces adresses de la liste.`,
        422,
      );
    }
    await db.transaction((tx) =>
      invite(
        tx,
        event.id,
        found.map((p) => p.id),
        actor.personId,
      ),
    );
    return redirectWithNotice(reply, `/gestion/evenements/${event.id}#invitations`, notices.event_invited);
  });

  app.post('/gestion/evenements/:id/documents', async (request, reply) => {
    const actor = staff(request, reply);
    if (!actor) return reply;
    const event = await eventOf(request, reply);
    if (!event) return reply;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const text = (value: unknown) => (typeof value === 'string' ? value : '');
    const values = { kind: text(body.kind), title: text(body.title) };
    const refuse = (message: string, status: number) =>
      showManage(request, reply, event.id, { documentForm: { errors: { file: message }, values } }, status);
    const file = body.file;
    if (!Buffer.isBuffer(file) || file.length === 0)
      return refuse('Choisissez un fichier (PDF ou bureautique).', 400);
    const result = await db.transaction((tx) =>
      addDocument(
        tx,
        {
          eventId: event.id,
          kind: values.kind === 'minutes' ? 'minutes' : 'document',
          title: values.title,
          fileName: text(body.fileName) || 'document',
          content: file,
        },
        actor.personId,
      ),
    );
    if (!result.ok) return refuse(result.error.message, result.error.status);
    return redirectWithNotice(
      reply,
      `/gestion/evenements/${event.id}#documents`,
      notices.event_document_added,
    );
  });

  // ——— Check-in at the door ———

  const checkInUrl = (eventId: string, q: string, registrationId?: string) =>
    `/gestion/evenements/${eventId}/emargement${q ? `?q=${encodeURIComponent(q)}` : ''}${registrationId ? `#r-${registrationId}` : ''}`;

  app.get('/gestion/evenements/:id/emargement', async (request, reply) => {
    if (!staff(request, reply)) return reply;
    const event = await eventOf(request, reply);
    if (!event) return reply;
    const q = String((request.query as Body).q ?? '')
      .trim()
      .slice(0, 100);
    const confirmed = (await listRegistrations(db, event.id))
      .filter((r) => r.registration.status === 'confirmed')
      .sort(
        (a, b) =>
          a.person.lastName.localeCompare(b.person.lastName, 'fr') ||
          a.person.firstName.localeCompare(b.person.firstName, 'fr'),
      );
    const words = normalise(q).split(' ').filter(Boolean);
    const rows = confirmed
      .filter((r) => {
        const haystack = normalise(`${r.person.firstName} ${r.person.lastName} ${r.person.email}`);
        return words.every((w) => haystack.includes(w));
      })
      .map((r) => ({
        registrationId: r.registration.id,
        name: `${r.person.firstName} ${r.person.lastName}`,
        organisationName: r.organisationName,
        attendance: r.attendance,
      }));
    return sendPage(
      reply,
      <CheckInPage
        ctx={pageContext(request, reply)}
        event={event}
        rows={rows}
        q={q}
        present={confirmed.filter((r) => r.attendance).length}
        confirmed={confirmed.length}
        notice={noticeOf(request)}
      />,
    );
  });

  /** The registration named in the URL, of the event named in the URL; undefined after answering 404. */
  async function registrationOf(request: FastifyRequest, reply: FastifyReply) {
    const params = registrationParams.safeParse(request.params);
    const registration = params.success ? await getRegistration(db, params.data.registrationId) : undefined;
    if (!registration || !params.success || registration.eventId !== params.data.id) {
      notFound(request, reply, 'Cette inscription');
      return undefined;
    }
    return registration;
  }

  app.post('/gestion/evenements/:id/emargement/:registrationId', async (request, reply) => {
    const actor = staff(request, reply);
    if (!actor) return reply;
    const registration = await registrationOf(request, reply);
    if (!registration) return reply;
    const q = (bodyOf(request).q ?? '').trim().slice(0, 100);
    const result = await db.transaction((tx) => checkIn(tx, registration.id, actor.personId, 'check_in'));
    if (!result.ok)
      return sendMessagePage(
        request,
        reply,
        result.error.status,
        'Présence non enregistrée',
        result.error.message,
      );
    return redirectWithNotice(
      reply,
      checkInUrl(registration.eventId, q, registration.id),
      result.value.recorded ? notices.event_checked_in : notices.event_already_checked_in,
    );
  });

  app.post('/gestion/evenements/:id/emargement/:registrationId/annulation', async (request, reply) => {
    const actor = staff(request, reply);
    if (!actor) return reply;
    const registration = await registrationOf(request, reply);
    if (!registration) return reply;
    const q = (bodyOf(request).q ?? '').trim().slice(0, 100);
    const undone = await db.transaction((tx) =>
      undoCheckIn(tx, registration.eventId, registration.personId, actor.personId),
    );
    return redirectWithNotice(
      reply,
      checkInUrl(registration.eventId, q, registration.id),
      undone ? notices.event_check_in_undone : notices.event_check_in_not_undone,
    );
  });

  // The address in each registration's QR code: scanned by staff at the door, it records the presence.
  app.get('/emargement/:token', async (request, reply) => {
    const actor = requireSignIn(request, reply);
    if (!actor) return reply;
    if (!policy.manage(actor)) {
      return sendMessagePage(
        request,
        reply,
        403,
        'Code de présence',
        'Ce code de présence se présente à l’accueil de l’événement : l’équipe du réseau le lit pour enregistrer votre présence.',
      );
    }
    const token = (request.params as { token: string }).token;
    const registration = /^[\w-]{20,100}$/.test(token) ? await findByCheckInToken(db, token) : undefined;
    if (!registration) {
      return sendMessagePage(
        request,
        reply,
        404,
        'Code de présence inconnu',
        'Ce code ne correspond à aucune inscription. Cherchez la personne sur la page d’émargement de l’événement.',
      );
    }
    const details = await eventDetails(db, registration.eventId);
    const [person] = await db
      .select({ firstName: people.firstName, lastName: people.lastName })
      .from(people)
      .where(eq(people.id, registration.personId));
    const name = person ? `${person.firstName} ${person.lastName}` : 'cette personne';
    const result = await db.transaction((tx) => checkIn(tx, registration.id, actor.personId, 'qr'));
    if (!result.ok) {
      return sendMessagePage(
        request,
        reply,
        result.error.status,
        'Présence non enregistrée',
        `${name} : ${result.error.message}`,
      );
    }
    return sendPage(
      reply,
      <QrCheckInPage
        ctx={pageContext(request, reply)}
        event={details!.event}
        name={name}
        recorded={result.value.recorded}
      />,
    );
  });

  // ——— Online attendance from a video-call report ———

  async function showUpload(
    request: FastifyRequest,
    reply: FastifyReply,
    event: NonNullable<Awaited<ReturnType<typeof getEvent>>>,
    form: FormState = {},
    status = 200,
  ) {
    return sendPage(
      reply,
      <AttendanceUploadPage
        ctx={pageContext(request, reply)}
        event={event}
        imports={await listAttendanceImports(db, event.id)}
        {...form}
      />,
      status,
    );
  }

  app.get('/gestion/evenements/:id/presences-en-ligne', async (request, reply) => {
    if (!staff(request, reply)) return reply;
    const event = await eventOf(request, reply);
    if (!event) return reply;
    return showUpload(request, reply, event);
  });

  app.post('/gestion/evenements/:id/presences-en-ligne', async (request, reply) => {
    const actor = staff(request, reply);
    if (!actor) return reply;
    const event = await eventOf(request, reply);
    if (!event) return reply;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const rawMinutes = typeof body.minMinutes === 'string' ? body.minMinutes.trim() : '';
    const minMinutes =
      rawMinutes === '' ? 30 : /^\d{1,4}$/.test(rawMinutes) ? Number(rawMinutes) : Number.NaN;
    const errors: Record<string, string> = {};
    const file = body.file;
    if (!Buffer.isBuffer(file) || file.length === 0)
      errors.file = 'Choisissez le rapport de participation (fichier CSV ou Excel).';
    if (!(minMinutes >= 0 && minMinutes <= 1440))
      errors.minMinutes = 'Durée minimale : un nombre entier de minutes, de 0 à 1440, est attendu.';
    const values = { minMinutes: rawMinutes };
    if (Object.keys(errors).length || !Buffer.isBuffer(file))
      return showUpload(request, reply, event, { errors, values }, 400);
    const fileName = typeof body.fileName === 'string' && body.fileName ? body.fileName : 'rapport';
    const result = await db.transaction((tx) =>
      prepareAttendanceImport(tx, event.id, fileName, file, minMinutes, actor.personId),
    );
    if (!result.ok)
      return showUpload(
        request,
        reply,
        event,
        { errors: { file: result.error.message }, values },
        result.error.status,
      );
    return reply.redirect(`/gestion/evenements/${event.id}/presences-en-ligne/${result.value.id}`, 303);
  });

  /** The import named in the URL, of the event named in the URL; undefined after answering 404. */
  async function importOf(request: FastifyRequest, reply: FastifyReply) {
    const params = importParams.safeParse(request.params);
    const found = params.success ? await getAttendanceImport(db, params.data.importId) : undefined;
    const event =
      found && params.success && found.eventId === params.data.id
        ? await getEvent(db, found.eventId)
        : undefined;
    if (!found || !event) {
      notFound(request, reply, 'Ce rapport de présence');
      return undefined;
    }
    return { found, event };
  }

  app.get('/gestion/evenements/:id/presences-en-ligne/:importId', async (request, reply) => {
    if (!staff(request, reply)) return reply;
    const loaded = await importOf(request, reply);
    if (!loaded) return reply;
    const { found, event } = loaded;
    return sendPage(
      reply,
      <AttendanceReportPage
        ctx={pageContext(request, reply)}
        event={event}
        fileName={found.fileName}
        minMinutes={found.minMinutes}
        report={found.report}
        appliedAt={found.appliedAt}
        importId={found.id}
      />,
    );
  });

  app.post('/gestion/evenements/:id/presences-en-ligne/:importId/confirmer', async (request, reply) => {
    const actor = staff(request, reply);
    if (!actor) return reply;
    const loaded = await importOf(request, reply);
    if (!loaded) return reply;
    const result = await db.transaction((tx) => applyAttendanceImport(tx, loaded.found.id, actor.personId));
    if (!result.ok)
      return sendMessagePage(
        request,
        reply,
        result.error.status,
        'Rapport déjà enregistré',
        result.error.message,
      );
    const applied = (await getAttendanceImport(db, loaded.found.id))!;
    return sendPage(
      reply,
      <AttendanceReportPage
        ctx={pageContext(request, reply)}
        event={loaded.event}
        fileName={applied.fileName}
        minMinutes={applied.minMinutes}
        report={applied.report}
        appliedAt={applied.appliedAt}
        importId={applied.id}
        result={result.value}
      />,
    );
  });
}
