// Pages of « Diplomates des territoires »: an edition's public page (interest, application, on behalf of
// the élus of one's local government), « Mon parcours », and staff's pages (editions, sessions, interests,
// review queue, cohort and certificates). Thin: read, authorise, call the domain, render.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
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
import { parisDate, parisInstant, readDay } from '../../platform/time.ts';
import { fieldErrors, optional, uuid } from '../../platform/validation.ts';
import { listEvents } from '../events/events.ts';
import { organisationKinds } from '../organisations/kinds.ts';
import { organisationsPolicy } from '../organisations/organisations.policy.ts';
import { getOrganisationsByIds, organisationKindLabels } from '../organisations/organisations.ts';
import { getPerson, listMandates, listPeopleOfOrganisation, type Person } from '../organisations/people.ts';
import { regions } from '../organisations/reference.ts';
import {
  type Application,
  applicationEligibility,
  applicationOf,
  applicationWindow,
  applyToProgram,
  decideApplication,
  getApplication,
  listApplications,
} from './applications.ts';
import {
  certificateOf,
  getCertificate,
  issueCertificates,
  listCertificates,
  revokeCertificate,
} from './certificates.ts';
import { expressInterest, interestWindow, inviteInterested, listInterests } from './interest.ts';
import { programPolicy as policy } from './program.policy.ts';
import { applicationStatuses } from './program.schema.ts';
import {
  addSession,
  createProgram,
  getProgram,
  listPrograms,
  listSessions,
  type Program,
  programInput,
} from './programs.ts';
import { cohortProgress, participantProgress } from './progress.ts';
import {
  type ApplicationRow,
  ApplicationsPage,
  CohortPage,
  type CohortRow,
  type InterestRow,
  ProgramManagePage,
  ProgramsPage,
  type QueueFilters,
} from './views/manage.tsx';
import { MyPathPage } from './views/my-path.tsx';
import { cohortStandingLabel, type Errors, type Values } from './views/parts.tsx';
import { type BehalfSection, type OwnSection, ProgramPage, ProgramsIndexPage } from './views/program.tsx';

const notices = defineNotices('program', {
  interest_received:
    'Merci : votre intérêt est bien enregistré. Nous vous écrirons dès l’ouverture des candidatures.',
  application_submitted: 'Votre candidature est déposée. La décision vous sera annoncée par courriel.',
  application_submitted_for: 'La candidature est déposée. La personne recevra la décision par courriel.',
  program_created: 'Édition créée. Ajoutez-lui maintenant ses séances.',
  session_added: 'Séance ajoutée au parcours.',
  decision_saved: 'Décision enregistrée : un courriel part à la personne.',
  certificate_revoked: 'Certificat révoqué : sa page de vérification l’indique désormais.',
});

type Body = Record<string, string | undefined>;
const bodyOf = (request: FastifyRequest): Body => formFields(request);
const idParams = z.object({ id: uuid });
const codePattern = /^[A-Z0-9-]{8,40}$/;
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The municipal elections of 15 and 22 March 2026: a mandate begun since then is a new élu's. */
export const newMandateSince = '2026-03-15';

// The anonymous form writes to the database: a client may send it a few times, not thousands.
const interestLimit = { rateLimit: { max: 20, timeWindow: '15 minutes' } };

const queueFilters = z.object({
  region: optional(z.string().regex(/^\d{2,3}$/)),
  kind: optional(z.enum(organisationKinds)),
  nouveaux: optional(z.enum(['oui', 'non'])),
  status: optional(z.enum(applicationStatuses)),
});

/** The staff form of an edition as createProgram expects it; days become Paris instants. */
function programFromForm(body: Body) {
  const errors: Record<string, string> = {};
  const input: Record<string, unknown> = {
    title: body.title,
    minSessions: body.minSessions,
    cohortSize: body.cohortSize,
    signatoryName: body.signatoryName,
    signatoryTitle: body.signatoryTitle,
  };
  const days: [string, '00:00:00' | '23:59:59' | null][] = [
    ['interestOpensOn', null],
    ['applicationsOpenAt', '00:00:00'],
    ['applicationsCloseAt', '23:59:59'],
    ['certificatesOn', null],
  ];
  for (const [name, time] of days) {
    const raw = body[name]?.trim();
    if (!raw) continue;
    const day = readDay(raw);
    if (!day)
      errors[name] = 'Date illisible : choisissez-la dans le calendrier ou écrivez par exemple 23/03/2026.';
    else input[name] = time ? parisInstant(day, time) : day;
  }
  if (
    typeof input.applicationsOpenAt === 'string' &&
    typeof input.applicationsCloseAt === 'string' &&
    new Date(input.applicationsCloseAt) < new Date(input.applicationsOpenAt)
  ) {
    errors.applicationsCloseAt = 'Le dernier jour des candidatures précède leur ouverture.';
  }
  return { input, errors };
}

const interestFields = ['firstName', 'lastName', 'email', 'organisationName', 'mandate'] as const;

export function registerProgramRoutes(app: FastifyInstance, services: Services) {
  const { db, config } = services;

  const notFound = (request: FastifyRequest, reply: FastifyReply, what = 'Ce parcours') =>
    sendMessagePage(request, reply, 404, 'Introuvable', `${what} n’existe pas ou plus.`);

  async function programFrom(request: FastifyRequest): Promise<Program | undefined> {
    const params = idParams.safeParse(request.params);
    return params.success ? getProgram(db, params.data.id) : undefined;
  }

  /** The title of a person's mandate in progress (the latest started). */
  async function currentMandate(personId: string) {
    return (await listMandates(db, personId)).find((m) => !m.mandate.endsOn)?.mandate;
  }

  // ——— The public page of an edition ———

  interface Extra {
    interest?: { values: Values; errors?: Errors };
    own?: Partial<OwnSection>;
    behalf?: Partial<BehalfSection>;
  }

  async function showProgram(
    request: FastifyRequest,
    reply: FastifyReply,
    program: Program,
    extra: Extra = {},
    status = 200,
  ) {
    const now = new Date();
    const sessions = await listSessions(db, program.id);
    const window = applicationWindow(program, now);
    const windowMessage = window.ok ? undefined : window.error.message;
    const interestOpen = interestWindow(program, now);
    const actor = request.actor;
    const person = actor ? await getPerson(db, actor.personId) : undefined;
    let own: OwnSection | undefined;
    let behalf: BehalfSection | undefined;
    let interestValues: Values | undefined = extra.interest?.values;
    if (!person) {
      interestValues ??= {};
    } else {
      if ((await applicationEligibility(db, person)).ok) {
        const [application, mandate, organisations] = await Promise.all([
          applicationOf(db, program.id, person.id),
          currentMandate(person.id),
          getOrganisationsByIds(db, person.organisationId ? [person.organisationId] : []),
        ]);
        own = {
          application,
          windowMessage,
          values: { mandate: mandate?.title },
          ...extra.own,
        };
        // Before applications open, an élu says they are interested, as anyone does (prefilled).
        if (!application && program.applicationsOpenAt && now < program.applicationsOpenAt) {
          interestValues ??= {
            firstName: person.firstName,
            lastName: person.lastName,
            email: person.email,
            organisationName: organisations[0]?.name,
            mandate: mandate?.title,
          };
        }
      }
      if (actor?.referent && person.organisationId) {
        const [organisations, colleagues, orgEligible] = await Promise.all([
          getOrganisationsByIds(db, [person.organisationId]),
          listPeopleOfOrganisation(db, person.organisationId),
          // Whether the élus of this organisation may join depends only on the organisation.
          applicationEligibility(db, { ...person, kind: 'elected' }),
        ]);
        const electeds = colleagues.filter(
          (c) => c.kind === 'elected' && !c.disabledAt && c.id !== person.id,
        );
        behalf = {
          organisationName: organisations[0]?.name ?? 'votre collectivité',
          rows: await Promise.all(
            electeds.map(async (c) => ({
              person: c,
              application: await applicationOf(db, program.id, c.id),
            })),
          ),
          eligible: orgEligible.ok,
          windowMessage,
          values: {},
          ...extra.behalf,
        };
      }
    }
    const showInterest = interestValues !== undefined;
    return sendPage(
      reply,
      <ProgramPage
        ctx={pageContext(request, reply)}
        program={program}
        sessions={sessions}
        notice={noticeOf(request)}
        interest={
          showInterest && interestOpen.ok
            ? { values: interestValues!, errors: extra.interest?.errors }
            : undefined
        }
        interestClosed={showInterest && !interestOpen.ok ? interestOpen.error.message : undefined}
        own={own}
        behalf={behalf}
        refused={Boolean(person && !own && !behalf)}
        staff={policy.manage(actor)}
      />,
      status,
    );
  }

  app.get('/parcours', async (request, reply) =>
    sendPage(
      reply,
      <ProgramsIndexPage ctx={pageContext(request, reply)} programs={await listPrograms(db)} />,
    ),
  );

  app.get('/parcours/:id', async (request, reply) => {
    const program = await programFrom(request);
    if (!program) return notFound(request, reply);
    return showProgram(request, reply, program);
  });

  app.post('/parcours/:id/interet', { config: interestLimit }, async (request, reply) => {
    const program = await programFrom(request);
    if (!program) return notFound(request, reply);
    const body = bodyOf(request);
    const values: Values = Object.fromEntries(interestFields.map((k) => [k, body[k]]));
    const result = await db.transaction((tx) => expressInterest(tx, program.id, values));
    if (result.ok)
      return redirectWithNotice(reply, `/parcours/${program.id}#participer`, notices.interest_received);
    return showProgram(
      request,
      reply,
      program,
      { interest: { values, errors: result.error.fields ?? { _: result.error.message } } },
      result.error.status,
    );
  });

  app.post('/parcours/:id/candidature', async (request, reply) => {
    const actor = requireSignIn(request, reply);
    if (!actor) return reply;
    const program = await programFrom(request);
    if (!program) return notFound(request, reply);
    const body = bodyOf(request);
    const values: Values = {
      personId: body.personId,
      mandate: body.mandate,
      motivation: body.motivation,
      availability: body.availability,
    };
    // Without personId, one applies for oneself; with one, a referent (or staff) applies for an élu.
    const forOther = body.personId !== undefined && body.personId !== actor.personId;
    const section = forOther ? 'behalf' : 'own';
    const refuse = (status: number, errors: Errors, error?: string) =>
      showProgram(request, reply, program, { [section]: { values, errors, error } }, status);
    let personId = actor.personId;
    if (forOther) {
      if (!body.personId) return refuse(400, { personId: 'Choisissez l’élu ou l’élue.' });
      const person = uuid.safeParse(body.personId).success ? await getPerson(db, body.personId) : undefined;
      if (!person || !organisationsPolicy.actFor(actor, person))
        return refuse(403, { personId: 'Cette personne ne fait pas partie de votre collectivité.' });
      personId = person.id;
    }
    const result = await db.transaction((tx) =>
      applyToProgram(
        tx,
        program.id,
        {
          personId,
          mandate: values.mandate,
          motivation: values.motivation,
          availability: values.availability,
        },
        actor.personId,
      ),
    );
    if (result.ok)
      return redirectWithNotice(
        reply,
        `/parcours/${program.id}#participer`,
        forOther ? notices.application_submitted_for : notices.application_submitted,
      );
    const fields = result.error.fields;
    return refuse(result.error.status, fields, fields ? undefined : result.error.message);
  });

  // ——— « Mon parcours » ———

  /** The person's applications, oldest edition first. */
  async function applicationsOf(personId: string) {
    const programs = await listPrograms(db);
    const rows = await Promise.all(
      programs.map(async (program) => ({
        program,
        application: await applicationOf(db, program.id, personId),
      })),
    );
    return {
      programs,
      applications: rows.filter((r): r is { program: Program; application: Application } =>
        Boolean(r.application),
      ),
    };
  }

  app.get('/mon-parcours', async (request, reply) => {
    const actor = requireSignIn(request, reply);
    if (!actor) return reply;
    const { programs, applications } = await applicationsOf(actor.personId);
    const latest = applications.filter((a) => a.application.status === 'accepted').at(-1);
    let participant: Parameters<typeof MyPathPage>[0]['participant'];
    if (latest) {
      const [progress, certificate] = await Promise.all([
        participantProgress(db, latest.program, actor.personId),
        certificateOf(db, latest.program.id, actor.personId),
      ]);
      participant = {
        program: latest.program,
        progress,
        certificate: certificate && {
          code: certificate.code,
          issuedOn: certificate.issuedOn,
          revokedAt: certificate.revokedAt,
          revocationReason: certificate.revocationReason,
        },
        baseUrl: config.baseUrl,
      };
    }
    return sendPage(
      reply,
      <MyPathPage
        ctx={pageContext(request, reply)}
        notice={noticeOf(request)}
        participant={participant}
        applications={[...applications].reverse()}
        programs={programs}
      />,
    );
  });

  app.get('/mon-parcours/certificat.pdf', async (request, reply) => {
    const actor = requireSignIn(request, reply);
    if (!actor) return reply;
    // The holder's own certificate of the latest edition that gave one (or of the edition asked for).
    const asked = uuid.safeParse((request.query as Body).parcours);
    const programs = asked.success
      ? [await getProgram(db, asked.data)].filter(Boolean)
      : await listPrograms(db);
    for (const program of [...programs].reverse()) {
      const certificate = await certificateOf(db, program!.id, actor.personId);
      if (!certificate || !policy.downloadCertificate(actor, certificate.personId)) continue;
      if (certificate.revokedAt)
        return sendMessagePage(request, reply, 410, 'Certificat révoqué', 'Ce certificat a été révoqué.');
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="certificat-${certificate.code}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(certificate.pdf);
    }
    return sendMessagePage(
      request,
      reply,
      404,
      'Aucun certificat',
      'Vous n’avez pas de certificat du parcours « Diplomates des territoires ».',
    );
  });

  // ——— Staff ———

  /** Staff only: anyone else gets a French refusal (or the sign-in page). */
  const staff = (request: FastifyRequest, reply: FastifyReply) => requireRole(request, reply, policy.manage);

  async function showPrograms(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: Errors; values?: Values } = {},
    status = 200,
  ) {
    const programs = await listPrograms(db);
    const rows = await Promise.all(
      programs.map(async (program) => {
        const applications = await listApplications(db, program.id);
        return {
          program,
          applications: applications.length,
          accepted: applications.filter((a) => a.status === 'accepted').length,
        };
      }),
    );
    return sendPage(
      reply,
      <ProgramsPage ctx={pageContext(request, reply)} rows={rows} notice={noticeOf(request)} {...extra} />,
      status,
    );
  }

  app.get('/gestion/parcours', async (request, reply) => {
    if (!staff(request, reply)) return reply;
    return showPrograms(request, reply);
  });

  app.post('/gestion/parcours', async (request, reply) => {
    const actor = staff(request, reply);
    if (!actor) return reply;
    const body = bodyOf(request);
    const { input, errors } = programFromForm(body);
    if (Object.keys(errors).length) {
      const parsed = programInput.safeParse(input);
      const others = parsed.success ? {} : fieldErrors(parsed.error);
      return showPrograms(request, reply, { errors: { ...others, ...errors }, values: body }, 400);
    }
    const result = await db.transaction((tx) => createProgram(tx, input, actor.personId));
    if (result.ok)
      return redirectWithNotice(reply, `/gestion/parcours/${result.value.id}`, notices.program_created);
    return showPrograms(
      request,
      reply,
      { errors: result.error.fields ?? { _: result.error.message }, values: body },
      result.error.status,
    );
  });

  async function showManage(
    request: FastifyRequest,
    reply: FastifyReply,
    program: Program,
    extra: { sessionErrors?: Errors; sessionValues?: Values; notice?: string } = {},
    status = 200,
  ) {
    const allEvents = (request.query as Body).tous === '1';
    const [sessions, found, interests] = await Promise.all([
      listSessions(db, program.id),
      listEvents(db, allEvents ? {} : { from: new Date() }, request.actor, 1000),
      listInterests(db, program.id),
    ]);
    return sendPage(
      reply,
      <ProgramManagePage
        ctx={pageContext(request, reply)}
        program={program}
        sessions={sessions}
        events={found.map((r) => r.event)}
        allEvents={allEvents}
        interests={interests as InterestRow[]}
        canInvite={applicationWindow(program, new Date()).ok}
        notice={extra.notice ?? noticeOf(request)}
        sessionErrors={extra.sessionErrors}
        sessionValues={extra.sessionValues}
      />,
      status,
    );
  }

  app.get('/gestion/parcours/:id', async (request, reply) => {
    if (!staff(request, reply)) return reply;
    const program = await programFrom(request);
    if (!program) return notFound(request, reply);
    return showManage(request, reply, program);
  });

  app.post('/gestion/parcours/:id/seances', async (request, reply) => {
    const actor = staff(request, reply);
    if (!actor) return reply;
    const program = await programFrom(request);
    if (!program) return notFound(request, reply);
    const body = bodyOf(request);
    const result = await db.transaction((tx) =>
      addSession(
        tx,
        program.id,
        { eventId: body.eventId, mandatory: body.mandatory === 'on', cohortOnly: body.cohortOnly === 'on' },
        actor.personId,
      ),
    );
    if (result.ok)
      return redirectWithNotice(reply, `/gestion/parcours/${program.id}#seances`, notices.session_added);
    const errors = !body.eventId
      ? { eventId: 'Choisissez un événement.' }
      : (result.error.fields ?? { eventId: result.error.message });
    return showManage(
      request,
      reply,
      program,
      { sessionErrors: errors, sessionValues: body },
      result.error.status,
    );
  });

  app.post('/gestion/parcours/:id/invitations', async (request, reply) => {
    const actor = staff(request, reply);
    if (!actor) return reply;
    const program = await programFrom(request);
    if (!program) return notFound(request, reply);
    const result = await db.transaction((tx) =>
      inviteInterested(tx, program.id, actor.personId, config.baseUrl),
    );
    services.jobs.poke();
    if (!result.ok)
      return showManage(request, reply, program, { notice: result.error.message }, result.error.status);
    const n = result.value;
    return showManage(request, reply, program, {
      notice:
        n === 0
          ? 'Personne de plus à inviter : chacune a déjà reçu son invitation.'
          : `${n === 1 ? 'Une personne invitée' : `${n} personnes invitées`} : un courriel avec le lien pour candidater part à ${n === 1 ? 'elle' : 'chacune'}.`,
    });
  });

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(`/gestion/parcours/:id/interets.${format}`, async (request, reply) => {
      if (!staff(request, reply)) return reply;
      const program = await programFrom(request);
      if (!program) return notFound(request, reply);
      const columns: Column<InterestRow>[] = [
        { header: 'Prénom', value: (i) => i.firstName },
        { header: 'Nom', value: (i) => i.lastName },
        { header: 'Adresse électronique', value: (i) => i.email },
        { header: 'Collectivité', value: (i) => i.organisationName },
        { header: 'Mandat', value: (i) => i.mandate },
        { header: 'Reçue le', type: 'date', value: (i) => i.createdAt },
        { header: 'Invitée le', type: 'date', value: (i) => i.invitedAt },
      ];
      return sendSheet(reply, 'interets', format, 'Intérêts', columns, await listInterests(db, program.id));
    });

    app.get(`/gestion/parcours/:id/promotion.${format}`, async (request, reply) => {
      if (!staff(request, reply)) return reply;
      const program = await programFrom(request);
      if (!program) return notFound(request, reply);
      const columns: Column<CohortRow>[] = [
        { header: 'Nom', value: (r) => r.name },
        { header: 'Adresse électronique', value: (r) => r.email },
        { header: 'Collectivité', value: (r) => r.organisationName ?? '' },
        { header: 'Région', value: (r) => r.regionName ?? '' },
        { header: 'Séances suivies', type: 'number', value: (r) => r.outcome.attended },
        { header: 'Séances exigées', type: 'number', value: (r) => r.outcome.minSessions },
        { header: 'Obligatoires suivies', type: 'number', value: (r) => r.outcome.mandatoryAttended },
        { header: 'Obligatoires', type: 'number', value: (r) => r.outcome.mandatoryTotal },
        { header: 'Situation', value: (r) => cohortStandingLabel(r.outcome.standing, r.certificate) },
        { header: 'Certificat', value: (r) => r.certificate?.code ?? '' },
      ];
      return sendSheet(reply, 'promotion', format, 'Promotion', columns, await cohortRows(program));
    });
  }

  async function sendSheet<T>(
    reply: FastifyReply,
    name: string,
    format: 'csv' | 'xlsx',
    sheetName: string,
    columns: Column<T>[],
    items: T[],
  ) {
    reply.header('content-disposition', `attachment; filename="${name}-${parisDate()}.${format}"`);
    return format === 'csv'
      ? reply.type('text/csv; charset=utf-8').send(toCsv(columns, items))
      : reply.type(xlsxType).send(await toXlsx(sheetName, columns, items));
  }

  // The review queue.

  const regionNames = () => new Map(regions().map((r) => [r.code, r.name]));

  async function peopleByIds(ids: string[]) {
    const found = await Promise.all([...new Set(ids)].map((id) => getPerson(db, id)));
    return new Map(found.filter((p): p is Person => Boolean(p)).map((p) => [p.id, p]));
  }

  const statusOrder = { submitted: 0, waitlisted: 1, accepted: 2, rejected: 3 } as const;

  async function applicationRows(program: Program, filters: QueueFilters) {
    const applications = await listApplications(db, program.id);
    const people = await peopleByIds(
      applications.flatMap((a) => (a.submittedBy ? [a.personId, a.submittedBy] : [a.personId])),
    );
    const organisations = new Map(
      (
        await getOrganisationsByIds(db, [
          ...new Set(
            applications
              .map((a) => people.get(a.personId)?.organisationId)
              .filter((id): id is string => Boolean(id)),
          ),
        ])
      ).map((o) => [o.id, o]),
    );
    const names = regionNames();
    const rows: (ApplicationRow & { regionCode: string | null; kind: string | undefined })[] =
      await Promise.all(
        applications.map(async (application) => {
          const person = people.get(application.personId)!;
          const organisation = person.organisationId ? organisations.get(person.organisationId) : undefined;
          const mandate = await currentMandate(person.id);
          const by =
            application.submittedBy && application.submittedBy !== person.id
              ? people.get(application.submittedBy)
              : undefined;
          return {
            application,
            name: `${person.firstName} ${person.lastName}`,
            email: person.email,
            organisationName: organisation?.name,
            organisationKind: organisation ? organisationKindLabels[organisation.kind] : undefined,
            regionName: organisation?.regionCode ? names.get(organisation.regionCode) : undefined,
            mandate: mandate ? { title: mandate.title, startsOn: mandate.startsOn } : undefined,
            newlyElected: Boolean(mandate && mandate.startsOn >= newMandateSince),
            submittedByName: by ? `${by.firstName} ${by.lastName}` : undefined,
            regionCode: organisation?.regionCode ?? null,
            kind: organisation?.kind,
          };
        }),
      );
    const accepted = applications.filter((a) => a.status === 'accepted').length;
    const shown = rows
      .filter(
        (r) =>
          (!filters.region || r.regionCode === filters.region) &&
          (!filters.kind || r.kind === filters.kind) &&
          (!filters.nouveaux || r.newlyElected === (filters.nouveaux === 'oui')) &&
          (!filters.status || r.application.status === filters.status),
      )
      .sort(
        (a, b) =>
          statusOrder[a.application.status] - statusOrder[b.application.status] ||
          a.application.createdAt.getTime() - b.application.createdAt.getTime(),
      );
    return { rows: shown, total: applications.length, accepted };
  }

  async function showQueue(
    request: FastifyRequest,
    reply: FastifyReply,
    program: Program,
    filters: QueueFilters,
    extra: { decisionError?: { applicationId: string; message: string }; notice?: string } = {},
    status = 200,
  ) {
    const { rows, total, accepted } = await applicationRows(program, filters);
    return sendPage(
      reply,
      <ApplicationsPage
        ctx={pageContext(request, reply)}
        program={program}
        rows={rows}
        total={total}
        accepted={accepted}
        filters={filters}
        regions={regions()}
        decisionError={extra.decisionError}
        notice={extra.notice ?? noticeOf(request)}
      />,
      status,
    );
  }

  app.get('/gestion/parcours/:id/candidatures', async (request, reply) => {
    if (!staff(request, reply)) return reply;
    const program = await programFrom(request);
    if (!program) return notFound(request, reply);
    const parsed = queueFilters.safeParse(request.query);
    return showQueue(
      request,
      reply,
      program,
      parsed.success ? parsed.data : {},
      parsed.success ? {} : { notice: 'Certains filtres étaient invalides et ont été ignorés.' },
    );
  });

  app.post('/gestion/parcours/:id/candidatures/:applicationId/decision', async (request, reply) => {
    const actor = staff(request, reply);
    if (!actor) return reply;
    const params = z.object({ id: uuid, applicationId: uuid }).safeParse(request.params);
    const program = params.success ? await getProgram(db, params.data.id) : undefined;
    const application = params.success ? await getApplication(db, params.data.applicationId) : undefined;
    if (!program || !application || application.programId !== program.id)
      return notFound(request, reply, 'Cette candidature');
    const body = bodyOf(request);
    const kept = queueFilters.safeParse({
      region: body.filtre_region,
      kind: body.filtre_kind,
      nouveaux: body.filtre_nouveaux,
      status: body.filtre_status,
    });
    const filters: QueueFilters = kept.success ? kept.data : {};
    const result = await db.transaction((tx) =>
      decideApplication(
        tx,
        application.id,
        { decision: body.decision, comment: body.comment },
        actor.personId,
        config.baseUrl,
      ),
    );
    services.jobs.poke();
    if (result.ok) {
      const query = new URLSearchParams(
        Object.entries(filters).filter((e): e is [string, string] => typeof e[1] === 'string'),
      ).toString();
      return redirectWithNotice(
        reply,
        `/gestion/parcours/${program.id}/candidatures${query ? `?${query}` : ''}#candidature-${application.id}`,
        notices.decision_saved,
      );
    }
    const message = result.error.fields?.decision
      ? 'Choisissez une décision : accepter, liste d’attente ou ne pas retenir.'
      : result.error.fields
        ? Object.values(result.error.fields).join(' ')
        : result.error.message;
    return showQueue(
      request,
      reply,
      program,
      filters,
      { decisionError: { applicationId: application.id, message } },
      result.error.status,
    );
  });

  // The cohort and its certificates.

  async function cohortRows(program: Program): Promise<CohortRow[]> {
    const [cohort, certificates] = await Promise.all([
      listApplications(db, program.id, ['accepted']),
      listCertificates(db, program.id),
    ]);
    // A certificate stays listed (and revocable) even if its holder's application was changed since.
    const personIds = [
      ...new Set([...cohort.map((a) => a.personId), ...certificates.map((c) => c.personId)]),
    ];
    const [progress, people] = await Promise.all([
      cohortProgress(db, program, personIds),
      peopleByIds(personIds),
    ]);
    const organisations = new Map(
      (
        await getOrganisationsByIds(db, [
          ...new Set(
            [...people.values()].map((p) => p.organisationId).filter((id): id is string => Boolean(id)),
          ),
        ])
      ).map((o) => [o.id, o]),
    );
    const byPerson = new Map(certificates.map((c) => [c.personId, c]));
    const names = regionNames();
    return personIds
      .map((id) => {
        const person = people.get(id)!;
        const organisation = person.organisationId ? organisations.get(person.organisationId) : undefined;
        const certificate = byPerson.get(id);
        return {
          personId: id,
          name: `${person.firstName} ${person.lastName}`,
          sortKey: `${person.lastName} ${person.firstName}`,
          email: person.email,
          organisationName: organisation?.name,
          regionName: organisation?.regionCode ? names.get(organisation.regionCode) : undefined,
          outcome: progress.get(id)!,
          certificate: certificate && {
            code: certificate.code,
            issuedOn: certificate.issuedOn,
            revokedAt: certificate.revokedAt,
            revocationReason: certificate.revocationReason,
          },
        };
      })
      .sort((a, b) => a.sortKey.localeCompare(b.sortKey, 'fr'));
  }

  async function showCohort(
    request: FastifyRequest,
    reply: FastifyReply,
    program: Program,
    extra: { issued?: number; revocationError?: { code: string; message: string } } = {},
    status = 200,
  ) {
    return sendPage(
      reply,
      <CohortPage
        ctx={pageContext(request, reply)}
        program={program}
        rows={await cohortRows(program)}
        notice={noticeOf(request)}
        {...extra}
      />,
      status,
    );
  }

  app.get('/gestion/parcours/:id/promotion', async (request, reply) => {
    if (!staff(request, reply)) return reply;
    const program = await programFrom(request);
    if (!program) return notFound(request, reply);
    return showCohort(request, reply, program);
  });

  app.post('/gestion/parcours/:id/certificats', async (request, reply) => {
    const actor = staff(request, reply);
    if (!actor) return reply;
    const program = await programFrom(request);
    if (!program) return notFound(request, reply);
    const result = await issueCertificates(db, program.id, actor.personId, config.baseUrl);
    if (!result.ok)
      return sendMessagePage(
        request,
        reply,
        result.error.status,
        'Certificats non délivrés',
        result.error.message,
      );
    return showCohort(request, reply, program, { issued: result.value.length });
  });

  app.post('/gestion/certificats/:code/revocation', async (request, reply) => {
    const actor = staff(request, reply);
    if (!actor) return reply;
    const code = String((request.params as { code: string }).code).toUpperCase();
    const certificate = codePattern.test(code) ? await getCertificate(db, code) : undefined;
    const program = certificate ? await getProgram(db, certificate.programId) : undefined;
    if (!certificate || !program) return notFound(request, reply, 'Ce certificat');
    const reason = bodyOf(request).reason ?? '';
    const result = await db.transaction((tx) => revokeCertificate(tx, code, reason, actor.personId));
    if (result.ok)
      return redirectWithNotice(
        reply,
        `/gestion/parcours/${program.id}/promotion#revocation`,
        notices.certificate_revoked,
      );
    return showCohort(
      request,
      reply,
      program,
      { revocationError: { code, message: result.error.message } },
      result.error.status,
    );
  });
}
