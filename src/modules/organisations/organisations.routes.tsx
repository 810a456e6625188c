// Pages of the organisations module: staff management, « Mon espace », import and export.
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
import { parseEuros } from '../../platform/money.ts';
import type { Services } from '../../platform/services.ts';
import { toCsv, toXlsx } from '../../platform/sheets/sheets.ts';
import { parisYear } from '../../platform/time.ts';
import { uuid } from '../../platform/validation.ts';
import { exportColumns, listAllOrganisations, listAllPeople } from './export.ts';
import { applyImport, getImport, type ImportKind, prepareImport } from './import.ts';
import { isMemberInGoodStanding, listMemberships, listRenewalsDue, recordMembership } from './memberships.ts';
import { organisationsPolicy as policy } from './organisations.policy.ts';
import {
  createOrganisation,
  getOrganisation,
  listOrganisations,
  organisationFilters,
} from './organisations.ts';
import {
  createPerson,
  endMandate,
  getPerson,
  listAffiliations,
  listMandates,
  listPeopleOfOrganisation,
  movePerson,
  setDisabled,
  setReferent,
  startMandate,
} from './people.ts';
import { regions, searchReference } from './reference.ts';
import { ImportPage, ImportPreviewPage } from './views/import.tsx';
import { MySpacePage } from './views/my-space.tsx';
import {
  NewOrganisationPage,
  OrganisationPage,
  OrganisationsListPage,
  RenewalsPage,
} from './views/organisations.tsx';
import { PersonPage } from './views/person.tsx';

const notices = defineNotices('organisations', {
  organisation_created: 'Organisation ajoutée.',
  membership_saved: 'Adhésion enregistrée.',
  person_created: 'Personne ajoutée.',
  mandate_started: 'Mandat ajouté.',
  mandate_ended: 'Mandat terminé.',
  person_moved: 'Rattachement modifié ; l’historique est conservé.',
  account_updated: 'Compte mis à jour.',
  referent_updated: 'Rôle de référent·e mis à jour.',
});

type Body = Record<string, string | undefined>;
const bodyOf = (request: FastifyRequest): Body => formFields(request);
const idParams = z.object({ id: uuid });

/** Euros as typed by a person (« 1 250,50 ») into cents; undefined when empty, NaN when unreadable. */
/** The person form's flat fields, as createPerson expects them. */
function personFromForm(body: Body, organisationId: string | null | undefined, allowReferent: boolean) {
  const mandate =
    body.mandateTitle?.trim() || body.mandateStartsOn?.trim()
      ? { title: body.mandateTitle ?? '', startsOn: body.mandateStartsOn ?? '' }
      : undefined;
  return {
    firstName: body.firstName,
    lastName: body.lastName,
    email: body.email,
    kind: body.kind,
    organisationId: organisationId ?? undefined,
    referent: allowReferent && body.referent === 'on',
    mandate,
  };
}

export function registerOrganisationRoutes(app: FastifyInstance, services: Services) {
  const { db } = services;

  /** Staff only: anyone else gets a French refusal (or the sign-in page). */
  const staff = (request: FastifyRequest, reply: FastifyReply) => requireRole(request, reply, policy.manage);

  const notFound = (request: FastifyRequest, reply: FastifyReply, what: string) =>
    sendMessagePage(request, reply, 404, 'Introuvable', `${what} n’existe pas ou plus.`);

  app.get('/gestion/organisations', async (request, reply) => {
    if (!staff(request, reply)) return reply;
    const parsed = organisationFilters.safeParse(request.query);
    const filters = parsed.success ? parsed.data : {};
    const list = await listOrganisations(db, filters);
    return sendPage(
      reply,
      <OrganisationsListPage
        ctx={pageContext(request, reply)}
        filters={filters}
        regions={regions()}
        {...list}
        year={parisYear()}
        notice={parsed.success ? noticeOf(request) : 'Certains filtres étaient invalides et ont été ignorés.'}
      />,
    );
  });

  app.get('/gestion/organisations/nouvelle', async (request, reply) => {
    if (!staff(request, reply)) return reply;
    const q = String((request.query as Body).q ?? '').slice(0, 100);
    return sendPage(
      reply,
      <NewOrganisationPage ctx={pageContext(request, reply)} q={q} matches={searchReference(q)} />,
    );
  });

  app.post('/gestion/organisations', async (request, reply) => {
    const actor = staff(request, reply);
    if (!actor) return reply;
    const body = bodyOf(request);
    const result = await db.transaction((tx) =>
      createOrganisation(
        tx,
        { name: body.name, kind: body.kind, inseeCode: body.inseeCode, country: body.country },
        actor.personId,
      ),
    );
    if (result.ok)
      return redirectWithNotice(
        reply,
        `/gestion/organisations/${result.value.id}`,
        notices.organisation_created,
      );
    const fromReference = Boolean(body.inseeCode);
    return sendPage(
      reply,
      <NewOrganisationPage
        ctx={pageContext(request, reply)}
        q=""
        matches={[]}
        errors={fromReference ? undefined : result.error.fields}
        values={body}
        error={fromReference || !result.error.fields ? result.error.message : undefined}
      />,
      result.error.status,
    );
  });

  const showOrganisation = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: Partial<Parameters<typeof OrganisationPage>[0]> = {},
    status = 200,
  ) => {
    const organisation = await getOrganisation(db, id);
    if (!organisation) return notFound(request, reply, 'Cette organisation');
    const [member, memberships, people] = await Promise.all([
      isMemberInGoodStanding(db, id),
      listMemberships(db, id),
      listPeopleOfOrganisation(db, id),
    ]);
    return sendPage(
      reply,
      <OrganisationPage
        ctx={pageContext(request, reply)}
        organisation={organisation}
        regionName={regions().find((r) => r.code === organisation.regionCode)?.name}
        member={member}
        memberships={memberships}
        people={people}
        year={parisYear()}
        notice={noticeOf(request)}
        {...extra}
      />,
      status,
    );
  };

  app.get('/gestion/organisations/:id', async (request, reply) => {
    if (!staff(request, reply)) return reply;
    const params = idParams.safeParse(request.params);
    if (!params.success) return notFound(request, reply, 'Cette organisation');
    return showOrganisation(request, reply, params.data.id);
  });

  app.post('/gestion/organisations/:id/adhesions', async (request, reply) => {
    const actor = staff(request, reply);
    if (!actor) return reply;
    const params = idParams.safeParse(request.params);
    if (!params.success || !(await getOrganisation(db, params.data.id)))
      return notFound(request, reply, 'Cette organisation');
    const body = bodyOf(request);
    const fee = body.fee?.trim();
    const feeCents = fee ? parseEuros(fee) : undefined;
    if (fee && feeCents === undefined) {
      return showOrganisation(
        request,
        reply,
        params.data.id,
        {
          membershipErrors: { fee: 'Montant illisible : écrivez par exemple 1250 ou 1 250,50.' },
          membershipValues: body,
        },
        400,
      );
    }
    const result = await db.transaction((tx) =>
      recordMembership(
        tx,
        params.data.id,
        { year: body.year, status: body.status, feeCents, paidOn: body.paidOn },
        actor.personId,
      ),
    );
    if (result.ok)
      return redirectWithNotice(
        reply,
        `/gestion/organisations/${params.data.id}#adhesions`,
        notices.membership_saved,
      );
    return showOrganisation(
      request,
      reply,
      params.data.id,
      {
        membershipErrors: result.error.fields ?? { year: result.error.message },
        membershipValues: body,
      },
      result.error.status,
    );
  });

  app.post('/gestion/organisations/:id/personnes', async (request, reply) => {
    const actor = staff(request, reply);
    if (!actor) return reply;
    const params = idParams.safeParse(request.params);
    if (!params.success || !(await getOrganisation(db, params.data.id)))
      return notFound(request, reply, 'Cette organisation');
    const body = bodyOf(request);
    const result = await db.transaction((tx) =>
      createPerson(tx, personFromForm(body, params.data.id, true), actor.personId),
    );
    if (result.ok)
      return redirectWithNotice(
        reply,
        `/gestion/organisations/${params.data.id}#personnes`,
        notices.person_created,
      );
    return showOrganisation(
      request,
      reply,
      params.data.id,
      {
        personErrors: result.error.fields ?? { email: result.error.message },
        personValues: body,
      },
      result.error.status,
    );
  });

  const showPerson = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    errors?: Record<string, string>,
    status = 200,
  ) => {
    const person = await getPerson(db, id);
    if (!person) return notFound(request, reply, 'Cette personne');
    const moveQuery = String((request.query as Body).organisation ?? '').slice(0, 100);
    const [organisation, mandates, affiliations, moveMatches] = await Promise.all([
      person.organisationId ? getOrganisation(db, person.organisationId) : undefined,
      listMandates(db, id),
      listAffiliations(db, id),
      moveQuery ? listOrganisations(db, { q: moveQuery }).then((r) => r.items.slice(0, 10)) : [],
    ]);
    return sendPage(
      reply,
      <PersonPage
        ctx={pageContext(request, reply)}
        person={person}
        organisation={organisation}
        mandates={mandates}
        affiliations={affiliations}
        moveQuery={moveQuery}
        moveMatches={moveMatches.filter((o) => o.id !== person.organisationId)}
        errors={errors}
        notice={noticeOf(request)}
      />,
      status,
    );
  };

  app.get('/gestion/personnes/:id', async (request, reply) => {
    if (!staff(request, reply)) return reply;
    const params = idParams.safeParse(request.params);
    if (!params.success) return notFound(request, reply, 'Cette personne');
    return showPerson(request, reply, params.data.id);
  });

  /** A staff action on a person: runs in a transaction, then shows the person again. */
  const personAction = (
    path: string,
    notice: string,
    action: (
      tx: Parameters<Parameters<typeof db.transaction>[0]>[0],
      personId: string,
      body: Body,
      actorId: string,
    ) => Promise<{
      ok: boolean;
      error?: { status: number; message: string; fields?: Record<string, string> };
    }>,
  ) =>
    app.post(`/gestion/personnes/:id/${path}`, async (request, reply) => {
      const actor = staff(request, reply);
      if (!actor) return reply;
      const params = idParams.safeParse(request.params);
      if (!params.success || !(await getPerson(db, params.data.id)))
        return notFound(request, reply, 'Cette personne');
      const result = await db.transaction((tx) =>
        action(tx, params.data.id, bodyOf(request), actor.personId),
      );
      if (result.ok) return redirectWithNotice(reply, `/gestion/personnes/${params.data.id}`, notice);
      const error = result.error!;
      return showPerson(request, reply, params.data.id, error.fields ?? { _: error.message }, error.status);
    });

  personAction('mandats', notices.mandate_started, (tx, id, body, actorId) =>
    startMandate(tx, id, body, actorId),
  );
  personAction('deplacer', notices.person_moved, (tx, id, body, actorId) =>
    movePerson(tx, id, body, actorId),
  );
  personAction('referent', notices.referent_updated, (tx, id, body, actorId) =>
    setReferent(tx, id, body.referent === 'true', actorId),
  );
  personAction('compte', notices.account_updated, async (tx, id, body, actorId) => {
    return setDisabled(tx, id, body.disabled === 'true', actorId);
  });

  app.post('/gestion/mandats/:id/fin', async (request, reply) => {
    const actor = staff(request, reply);
    if (!actor) return reply;
    const params = idParams.safeParse(request.params);
    if (!params.success) return notFound(request, reply, 'Ce mandat');
    const body = bodyOf(request);
    const result = await db.transaction((tx) =>
      endMandate(tx, params.data.id, { endsOn: body[`endsOn-${params.data.id}`] }, actor.personId),
    );
    if (result.ok)
      return redirectWithNotice(reply, `/gestion/personnes/${result.value.personId}`, notices.mandate_ended);
    return sendMessagePage(
      request,
      reply,
      result.error.status,
      'Mandat non terminé',
      result.error.fields?.endsOn ?? result.error.message,
    );
  });

  app.get('/gestion/adhesions/renouvellement', async (request, reply) => {
    if (!staff(request, reply)) return reply;
    const year = parisYear();
    return sendPage(
      reply,
      <RenewalsPage ctx={pageContext(request, reply)} year={year} rows={await listRenewalsDue(db, year)} />,
    );
  });

  app.get('/gestion/import', async (request, reply) => {
    if (!staff(request, reply)) return reply;
    return sendPage(reply, <ImportPage ctx={pageContext(request, reply)} />);
  });

  app.post('/gestion/import', async (request, reply) => {
    const actor = staff(request, reply);
    if (!actor) return reply;
    const body = (request.body ?? {}) as { kind?: unknown; file?: unknown; fileName?: unknown };
    const file = body.file;
    const kind: ImportKind = body.kind === 'organisations' ? 'organisations' : 'people';
    if (!Buffer.isBuffer(file) || file.length === 0) {
      return sendPage(
        reply,
        <ImportPage ctx={pageContext(request, reply)} error="Choisissez un fichier CSV ou Excel." />,
        400,
      );
    }
    const name = typeof body.fileName === 'string' ? body.fileName : 'fichier';
    const result = await db.transaction((tx) => prepareImport(tx, kind, name, file, actor.personId));
    if (!result.ok)
      return sendPage(
        reply,
        <ImportPage ctx={pageContext(request, reply)} error={result.error.message} />,
        result.error.status,
      );
    return reply.redirect(`/gestion/import/${result.value.id}`, 303);
  });

  app.get('/gestion/import/:id', async (request, reply) => {
    if (!staff(request, reply)) return reply;
    const params = idParams.safeParse(request.params);
    const preview = params.success ? await getImport(db, params.data.id) : undefined;
    if (!preview) return notFound(request, reply, 'Cet import');
    return sendPage(reply, <ImportPreviewPage ctx={pageContext(request, reply)} preview={preview} />);
  });

  app.post('/gestion/import/:id/confirmer', async (request, reply) => {
    const actor = staff(request, reply);
    if (!actor) return reply;
    const params = idParams.safeParse(request.params);
    if (!params.success || !(await getImport(db, params.data.id)))
      return notFound(request, reply, 'Cet import');
    const result = await db.transaction((tx) => applyImport(tx, params.data.id, actor.personId));
    if (!result.ok)
      return sendMessagePage(
        request,
        reply,
        result.error.status,
        'Import déjà effectué',
        result.error.message,
      );
    const preview = (await getImport(db, params.data.id))!;
    return sendPage(
      reply,
      <ImportPreviewPage ctx={pageContext(request, reply)} preview={preview} result={result.value} />,
    );
  });

  app.get('/gestion/export/:file', async (request, reply) => {
    if (!staff(request, reply)) return reply;
    const match = /^(organisations|personnes)\.(csv|xlsx)$/.exec((request.params as Body).file ?? '');
    if (!match) return notFound(request, reply, 'Cet export');
    const [, what, format] = match as unknown as [string, 'organisations' | 'personnes', 'csv' | 'xlsx'];
    const date = new Date().toISOString().slice(0, 10);
    reply.header('content-disposition', `attachment; filename="${what}-${date}.${format}"`);
    if (what === 'organisations') {
      const items = await listAllOrganisations(db);
      return format === 'csv'
        ? reply.type('text/csv; charset=utf-8').send(toCsv(exportColumns.organisations, items))
        : reply
            .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
            .send(await toXlsx('Organisations', exportColumns.organisations, items));
    }
    const items = await listAllPeople(db);
    return format === 'csv'
      ? reply.type('text/csv; charset=utf-8').send(toCsv(exportColumns.people, items))
      : reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .send(await toXlsx('Personnes', exportColumns.people, items));
  });

  // « Mon espace »: every signed-in person; a referent also manages the people of their organisation.
  const showMySpace = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: Record<string, string>; values?: Body } = {},
    status = 200,
  ) => {
    const actor = requireSignIn(request, reply);
    if (!actor) return reply;
    const person = (await getPerson(db, actor.personId))!;
    const organisation = person.organisationId ? await getOrganisation(db, person.organisationId) : undefined;
    const [member, mandates, colleagues] = await Promise.all([
      isMemberInGoodStanding(db, person.organisationId),
      listMandates(db, person.id),
      policy.managePeopleOf(actor, person.organisationId) && person.organisationId
        ? listPeopleOfOrganisation(db, person.organisationId)
        : undefined,
    ]);
    return sendPage(
      reply,
      <MySpacePage
        ctx={pageContext(request, reply)}
        person={person}
        organisation={organisation}
        member={member}
        mandates={mandates}
        colleagues={colleagues}
        notice={noticeOf(request)}
        {...extra}
      />,
      status,
    );
  };

  app.get('/mon-espace', (request, reply) => showMySpace(request, reply));

  app.post('/mon-espace/personnes', async (request, reply) => {
    const actor = requireSignIn(request, reply);
    if (!actor) return reply;
    if (!actor.referent || !policy.managePeopleOf(actor, actor.organisationId)) {
      return sendMessagePage(
        request,
        reply,
        403,
        'Accès réservé',
        'Seul le ou la référente de la collectivité peut ajouter des personnes.',
      );
    }
    const body = bodyOf(request);
    const input = personFromForm(body, actor.organisationId, false);
    if (input.kind === 'staff') input.kind = undefined;
    const result = await db.transaction((tx) => createPerson(tx, input, actor.personId));
    if (result.ok) return redirectWithNotice(reply, '/mon-espace#collegues', notices.person_created);
    return showMySpace(
      request,
      reply,
      { errors: result.error.fields ?? { email: result.error.message }, values: body },
      result.error.status,
    );
  });
}
