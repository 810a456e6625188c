// The atlas's staff pages (issue 14): the partnerships' list with its search, filters, export and archiving
// of several; a partnership's form (its partner created on the way if need be) and its projects; the
// countries' introductions; the publications' catalogue. Every form refused re-shows itself with French
// errors and a 4xx, having changed nothing.
import { z } from 'zod';
import type { Db, Executor } from '../../platform/db/client.ts';
import { definePage, notFound, type PageOutcome, redirect, view } from '../../platform/http/pages.tsx';
import { type SheetFormat, sendSheet, sheetFormats } from '../../platform/http/send-sheet.ts';
import type { Failure, Result } from '../../platform/result.ts';
import type { Services } from '../../platform/services.ts';
import { uuid } from '../../platform/validation.ts';
import type { PageContext } from '../../platform/views/layout.tsx';
import { listPeopleOfOrganisation } from '../organisations/people.ts';
import { atlasMessages as am } from './atlas.messages.ts';
import { atlasPolicy as policy } from './atlas.policy.ts';
import { type Card, cardsOf, directoryIntroduction } from './atlas.queries.ts';
import {
  addProject,
  createPartnership,
  deleteProject,
  partnershipKindLabels,
  partnershipStatusLabels,
  setArchived,
  updatePartnership,
  updateProject,
} from './partnerships.ts';
import { countryName, countryNamesByCode, isCountryCode } from './places.ts';
import { lenientSearchFilters, searchPartnerships } from './search.ts';
import { staffAtlasMessages as m, staffAtlasNotices as notices } from './staff-atlas.messages.ts';
import {
  applyArchivePlan,
  type Body,
  createPublication,
  directoryCountries,
  getPublication,
  listPublications,
  type PartnershipValues,
  partnerOf,
  partnershipInputOf,
  partnershipValues,
  pickableSides,
  planArchive,
  projectInputOf,
  projectValues,
  saveIntroduction,
  setPublicationArchived,
  updatePublication,
  valuesOfPartnership,
} from './staff-atlas.ts';
import { themeLabel } from './themes.ts';
import {
  ArchivePreviewPage,
  byField,
  DirectoriesPage,
  DirectoryEditPage,
  type Errors,
  frenchLabel,
  type ListFilters,
  listQuery,
  NewPartnershipPage,
  type PartnershipChoices,
  PartnershipPage,
  type ProjectForms,
  PublicationPage,
  PublicationsPage,
  type PublicationValues,
  publicationValuesOf,
  StaffAtlasPage,
} from './views/staff-atlas.tsx';

const base = '/gestion/atlas';
const idParams = z.object({ id: uuid });
const projectParams = z.object({ id: uuid, projectId: uuid });
const countryParams = z.object({ country: z.string().regex(/^[A-Z]{2}$/) });

/** The list's address: the public search's filters, and the archived ones on demand. */
const listFilters = lenientSearchFilters.extend({
  archives: z.enum(['avec']).optional().catch(undefined),
});
type ListQuery = z.infer<typeof listFilters>;

const filtersOf = (q: ListQuery): ListFilters => ({
  q: q.q,
  country: q.country,
  theme: q.theme,
  status: q.status,
  archives: q.archives,
});

/** A refusal that undoes the transaction it happens in (a partner created for a partnership refused). */
class Refused extends Error {
  readonly failure: Failure;
  constructor(failure: Failure) {
    super(failure.message);
    this.failure = failure;
  }
}

async function inTransaction<T>(db: Db, run: (tx: Executor) => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await db.transaction(async (tx) => {
      const result = await run(tx);
      if (!result.ok) throw new Refused(result.error);
      return result;
    });
  } catch (error) {
    if (error instanceof Refused) return { ok: false, error: error.failure };
    throw error;
  }
}

/** The partnership form's errors, under the fields they are about. */
function partnershipErrors(error: Failure): Errors {
  const fields = byField(error.fields, {
    frenchOrganisationIds: 'french',
    partnerOrganisationId: 'partnerId',
  });
  if (Object.keys(fields).length) return fields;
  const field =
    {
      not_french_local_government: 'french',
      partner_not_foreign: 'partnerId',
      contact_unknown: 'contactIds',
    }[error.code] ?? '_';
  return { [field]: error.message };
}

const selectedIds = (form: Record<string, string | undefined>) =>
  Object.entries(form).flatMap(([name, value]) => {
    const id = /^choix_(.+)$/.exec(name)?.[1];
    return id && value === 'oui' && uuid.safeParse(id).success ? [id] : [];
  });

const body = (request: { body?: unknown }): Body => (request.body ?? {}) as Body;

export function staffAtlasPages({ db }: Services) {
  /** The partnerships of a search, one page (or all of them, for an export). */
  const search = async (q: ListQuery, all = false) => {
    const result = await searchPartnerships(db, q, {
      includeArchived: q.archives === 'avec',
      ...(all ? { pageSize: 100_000 } : {}),
    });
    return { ...result, cards: await cardsOf(db, result.ids) };
  };

  const listView = async (
    ctx: PageContext,
    q: ListQuery,
    extra: {
      notice?: string | undefined;
      bulk?: { error: string; selected: Set<string>; action: string };
    } = {},
    status = 200,
  ) => {
    const result = await search(q);
    return view(
      <StaffAtlasPage
        ctx={ctx}
        filters={filtersOf(q)}
        paged={{ items: result.cards, total: result.total, page: q.page, pageSize: 30 }}
        facets={result.facets}
        {...extra}
      />,
      status,
    );
  };

  /** What the partnership's form offers: the French side's and the partners' lists, the contacts. */
  const choicesFor = async (values: PartnershipValues): Promise<PartnershipChoices> => {
    const frenchIds = values.french.filter((id) => uuid.safeParse(id).success);
    const [{ french, foreign: partners }, people] = await Promise.all([
      pickableSides(db, [
        ...frenchIds,
        ...(uuid.safeParse(values.partnerId).success ? [values.partnerId] : []),
      ]),
      Promise.all(frenchIds.map((id) => listPeopleOfOrganisation(db, id))),
    ]);
    const orgNames = new Map(french.map((o) => [o.id, o.name]));
    const contacts = new Map<string, string>();
    for (const person of people.flat())
      if (!person.disabledAt)
        contacts.set(
          person.id,
          `${person.firstName} ${person.lastName}${person.organisationId ? ` (${orgNames.get(person.organisationId) ?? ''})` : ''}`,
        );
    return {
      french: french.map((o) => ({ id: o.id, label: frenchLabel(o) })),
      partners: partners.map((o) => ({ id: o.id, label: `${o.name} (${countryName(o.country)})` })),
      contacts: [...contacts].map(([id, label]) => ({ id, label })),
      countries: Object.entries(countryNamesByCode())
        .filter(([code]) => code !== 'FR')
        .map(([id, label]) => ({ id, label }))
        .sort((a, b) => a.label.localeCompare(b.label, 'fr')),
    };
  };

  const cardOf = async (id: string): Promise<Card | undefined> => (await cardsOf(db, [id]))[0];

  const currentValues = (card: Card) =>
    valuesOfPartnership(
      card,
      card.french.map((s) => s.id),
      card.contacts.map((c) => c.id),
    );

  /** A partnership's page; after a refused form, with its errors. */
  const partnershipView = async (
    ctx: PageContext,
    id: string,
    extra: {
      form?: { values: PartnershipValues; errors: Errors };
      project?: ProjectForms;
      notice?: string | undefined;
    } = {},
    status = 200,
  ): Promise<PageOutcome> => {
    const card = await cardOf(id);
    if (!card) return notFound(am.partnershipNotFound().text);
    const form = extra.form ?? { values: currentValues(card), errors: {} };
    // A contact already chosen stays offered, even when they left the French side's organisations.
    const choices = await choicesFor(form.values);
    for (const c of card.contacts)
      if (!choices.contacts.some((x) => x.id === c.id))
        choices.contacts.push({
          id: c.id,
          label: `${c.firstName} ${c.lastName}${c.organisation ? ` (${c.organisation})` : ''}`,
        });
    return view(
      <PartnershipPage
        ctx={ctx}
        card={card}
        choices={choices}
        form={form}
        project={extra.project}
        notice={extra.notice}
      />,
      status,
    );
  };

  /** Every partnership of the list's search, one row each, for the staff's spreadsheet. */
  const exportOf = (format: SheetFormat) =>
    definePage({
      method: 'GET',
      url: `${base}/partenariats.${format}`,
      access: policy.manage,
      query: listFilters,
      handler: async ({ query, reply }) => {
        const { cards } = await search(query, true);
        return sendSheet(reply, {
          name: 'partenariats',
          format,
          title: 'Partenariats',
          columns: [
            { header: 'Identifiant', value: (c: Card) => c.id },
            { header: 'Collectivités françaises', value: (c) => c.french.map((s) => s.name).join(' ; ') },
            { header: 'Partenaire', value: (c) => c.partner.name },
            { header: 'Pays', value: (c) => countryName(c.partner.country) },
            { header: 'Région du partenaire', value: (c) => c.partner.region },
            { header: 'Nature', value: (c) => partnershipKindLabels[c.kind] },
            { header: 'État', value: (c) => partnershipStatusLabels[c.status] },
            { header: 'Depuis', type: 'number', value: (c) => c.since },
            { header: 'Référence de la convention', value: (c) => c.agreementReference },
            { header: 'Date de la convention', type: 'date', value: (c) => c.agreementOn },
            { header: 'Thèmes', value: (c) => c.themes.map(themeLabel).join(' ; ') },
            { header: 'Projets', type: 'number', value: (c) => c.projects.length },
            {
              header: 'Budget des projets en euros',
              type: 'number',
              value: (c) => {
                const euros = c.projects.filter((p) => p.currency === 'EUR' && p.budgetCents !== null);
                return euros.length ? euros.reduce((sum, p) => sum + p.budgetCents!, 0) / 100 : null;
              },
            },
            {
              header: 'Contacts',
              value: (c) => c.contacts.map((p) => `${p.firstName} ${p.lastName} <${p.email}>`).join(' ; '),
            },
            { header: 'Archivé le', type: 'datetime', value: (c) => c.archivedAt },
            { header: 'Modifié le', type: 'datetime', value: (c) => c.updatedAt },
          ],
          rows: cards,
        });
      },
    });

  /** A project's form: refused, the partnership's page shows it open with its errors. */
  const projectForm = (
    suffix: string,
    which: (projectId: string | undefined) => string,
    notice: string,
    run: (
      tx: Executor,
      partnershipId: string,
      projectId: string | undefined,
      input: Record<string, unknown>,
      actorId: string,
    ) => Promise<Result<unknown>>,
    params: z.ZodType<{ id: string; projectId?: string }>,
  ) =>
    definePage({
      method: 'POST',
      url: `${base}/partenariats/:id/projets${suffix}`,
      access: policy.manage,
      params,
      handler: async ({ actor, params: p, request, ctx }) => {
        const values = projectValues(body(request));
        const input = projectInputOf(values);
        const result = input.ok
          ? await inTransaction(db, (tx) => run(tx, p.id, p.projectId, input.value, actor.personId))
          : input;
        if (result.ok) return redirect(`${base}/partenariats/${p.id}#projets`, notice);
        if (result.error.status === 404 && !(await cardOf(p.id)))
          return notFound(am.partnershipNotFound().text);
        return partnershipView(
          ctx,
          p.id,
          {
            project: {
              which: which(p.projectId),
              state: { values, errors: result.error.fields ?? { _: result.error.message } },
            },
          },
          result.error.status,
        );
      },
    });

  const archiveOne = (action: 'archiver' | 'restaurer') =>
    definePage({
      method: 'POST',
      url: `${base}/partenariats/:id/${action}`,
      access: policy.manage,
      params: idParams,
      handler: async ({ actor, params }) => {
        const archive = action === 'archiver';
        const result = await inTransaction(db, (tx) => setArchived(tx, params.id, archive, actor.personId));
        if (!result.ok) return notFound(result.error.message);
        return redirect(
          `${base}/partenariats/${params.id}`,
          archive ? notices.staff_partnership_archived : notices.staff_partnership_restored,
        );
      },
    });

  const emptyPublication: PublicationValues = {
    kind: 'guide',
    title: '',
    description: '',
    editedOn: '',
    url: '',
  };
  const publicationFields = (form: Record<string, string | undefined>): PublicationValues => ({
    kind: form.kind ?? '',
    title: form.title ?? '',
    description: form.description ?? '',
    editedOn: form.editedOn ?? '',
    url: form.url ?? '',
  });

  const publicationsView = async (
    ctx: PageContext,
    form: { values: PublicationValues; errors: Errors } = { values: emptyPublication, errors: {} },
    notice?: string,
    status = 200,
  ) =>
    view(
      <PublicationsPage ctx={ctx} rows={await listPublications(db)} form={form} notice={notice} />,
      status,
    );

  const publicationView = async (
    ctx: PageContext,
    id: string,
    form?: { values: PublicationValues; errors: Errors },
    notice?: string,
    status = 200,
  ): Promise<PageOutcome> => {
    const publication = await getPublication(db, id);
    if (!publication) return notFound(am.publicationNotFound().text);
    return view(
      <PublicationPage
        ctx={ctx}
        publication={publication}
        form={form ?? { values: publicationValuesOf(publication), errors: {} }}
        notice={notice}
      />,
      status,
    );
  };

  const archivePublication = (action: 'archiver' | 'restaurer') =>
    definePage({
      method: 'POST',
      url: `${base}/publications/:id/${action}`,
      access: policy.manage,
      params: idParams,
      handler: async ({ actor, params }) => {
        const archive = action === 'archiver';
        const result = await inTransaction(db, (tx) =>
          setPublicationArchived(tx, params.id, archive, actor.personId),
        );
        if (!result.ok) return notFound(result.error.message);
        return redirect(
          `${base}/publications/${params.id}`,
          archive ? notices.staff_publication_archived : notices.staff_publication_restored,
        );
      },
    });

  const directoryView = async (
    ctx: PageContext,
    country: string,
    form?: { values: { introduction: string }; errors: Errors },
    status = 200,
  ): Promise<PageOutcome> => {
    if (!isCountryCode(country) || country === 'FR')
      return notFound(am.countryNotFound({ code: country }).text);
    const intro = await directoryIntroduction(db, country);
    return view(
      <DirectoryEditPage
        ctx={ctx}
        country={{ code: country, name: countryName(country) }}
        form={form ?? { values: { introduction: intro?.introduction ?? '' }, errors: {} }}
        updated={intro ? { at: intro.updatedAt } : undefined}
      />,
      status,
    );
  };

  return [
    ...sheetFormats.map(exportOf),
    definePage({
      method: 'GET',
      url: base,
      access: policy.manage,
      query: listFilters,
      handler: async ({ query, ctx, notice }) => listView(ctx, query, { notice }),
    }),
    definePage({
      method: 'POST',
      url: `${base}/archivage`,
      access: policy.manage,
      query: listFilters,
      handler: async ({ actor, query, form, ctx }) => {
        const ids = selectedIds(form);
        const action = form.action ?? '';
        const refused = (error: Failure) =>
          listView(
            ctx,
            query,
            { bulk: { error: error.message, selected: new Set(ids), action } },
            error.status,
          );
        if (action !== 'archiver' && action !== 'restaurer')
          return refused({ status: 400, code: 'invalid', message: m.staffChooseAction().text });
        const plan = await planArchive(db, ids, action === 'archiver');
        if (!plan.ok) return refused(plan.error);
        if (form.etape !== 'confirmer')
          return view(
            <ArchivePreviewPage ctx={ctx} plan={plan.value} back={`${base}${listQuery(filtersOf(query))}`} />,
          );
        const done = await inTransaction(db, (tx) => applyArchivePlan(tx, plan.value, actor.personId));
        if (!done.ok) return refused(done.error);
        return redirect(base, plan.value.archive ? notices.staff_bulk_archived : notices.staff_bulk_restored);
      },
    }),
    definePage({
      method: 'GET',
      url: `${base}/partenariats/nouveau`,
      access: policy.manage,
      handler: async ({ ctx }) => {
        const values = partnershipValues({ status: 'active', kind: 'twinning' });
        return view(
          <NewPartnershipPage ctx={ctx} choices={await choicesFor(values)} form={{ values, errors: {} }} />,
        );
      },
    }),
    definePage({
      method: 'POST',
      url: `${base}/partenariats/nouveau`,
      access: policy.manage,
      handler: async ({ actor, request, ctx }) => {
        const values = partnershipValues(body(request));
        const result = await inTransaction(db, async (tx) => {
          const partner = await partnerOf(tx, values, actor.personId);
          if (!partner.ok) return partner;
          return createPartnership(tx, partnershipInputOf(values, partner.value), actor.personId);
        });
        if (result.ok)
          return redirect(`${base}/partenariats/${result.value.id}`, notices.staff_partnership_created);
        return view(
          <NewPartnershipPage
            ctx={ctx}
            choices={await choicesFor(values)}
            form={{ values, errors: partnershipErrors(result.error) }}
          />,
          result.error.status,
        );
      },
    }),
    definePage({
      method: 'GET',
      url: `${base}/partenariats/:id`,
      access: policy.manage,
      params: idParams,
      handler: async ({ params, ctx, notice }) => partnershipView(ctx, params.id, { notice }),
    }),
    definePage({
      method: 'POST',
      url: `${base}/partenariats/:id`,
      access: policy.manage,
      params: idParams,
      handler: async ({ actor, params, request, ctx }) => {
        const values = partnershipValues(body(request));
        const result = await inTransaction(db, async (tx) => {
          const partner = await partnerOf(tx, values, actor.personId);
          if (!partner.ok) return partner;
          return updatePartnership(tx, params.id, partnershipInputOf(values, partner.value), actor.personId);
        });
        if (result.ok) return redirect(`${base}/partenariats/${params.id}`, notices.staff_partnership_saved);
        return partnershipView(
          ctx,
          params.id,
          { form: { values, errors: partnershipErrors(result.error) } },
          result.error.status,
        );
      },
    }),
    archiveOne('archiver'),
    archiveOne('restaurer'),
    projectForm(
      '',
      () => 'nouveau',
      notices.staff_project_added,
      (tx, id, _, input, actorId) => addProject(tx, id, input, actorId),
      idParams,
    ),
    projectForm(
      '/:projectId',
      (projectId) => projectId!,
      notices.staff_project_saved,
      (tx, id, projectId, input, actorId) => updateProject(tx, id, projectId!, input, actorId),
      projectParams,
    ),
    definePage({
      method: 'POST',
      url: `${base}/partenariats/:id/projets/:projectId/supprimer`,
      access: policy.manage,
      params: projectParams,
      handler: async ({ actor, params }) => {
        const result = await inTransaction(db, (tx) =>
          deleteProject(tx, params.id, params.projectId, actor.personId),
        );
        if (!result.ok) return notFound(result.error.message);
        return redirect(`${base}/partenariats/${params.id}#projets`, notices.staff_project_deleted);
      },
    }),
    definePage({
      method: 'GET',
      url: `${base}/repertoires`,
      access: policy.manage,
      handler: async ({ ctx, notice }) =>
        view(<DirectoriesPage ctx={ctx} rows={await directoryCountries(db)} notice={notice} />),
    }),
    definePage({
      method: 'GET',
      url: `${base}/repertoires/:country`,
      access: policy.manage,
      params: countryParams,
      handler: async ({ params, ctx }) => directoryView(ctx, params.country),
    }),
    definePage({
      method: 'POST',
      url: `${base}/repertoires/:country`,
      access: policy.manage,
      params: countryParams,
      handler: async ({ actor, params, form, ctx }) => {
        const introduction = form.introduction ?? '';
        const result = await inTransaction(db, (tx) =>
          saveIntroduction(tx, params.country, introduction, actor.personId),
        );
        if (result.ok) return redirect(`${base}/repertoires`, notices.staff_introduction_saved);
        if (result.error.status === 404) return notFound(result.error.message);
        return directoryView(
          ctx,
          params.country,
          { values: { introduction }, errors: result.error.fields ?? { introduction: result.error.message } },
          result.error.status,
        );
      },
    }),
    definePage({
      method: 'GET',
      url: `${base}/publications`,
      access: policy.manage,
      handler: async ({ ctx, notice }) => publicationsView(ctx, undefined, notice),
    }),
    definePage({
      method: 'POST',
      url: `${base}/publications`,
      access: policy.manage,
      handler: async ({ actor, form, ctx }) => {
        const values = publicationFields(form);
        const result = await inTransaction(db, (tx) => createPublication(tx, values, actor.personId));
        if (result.ok)
          return redirect(`${base}/publications/${result.value.id}`, notices.staff_publication_created);
        return publicationsView(
          ctx,
          { values, errors: result.error.fields ?? { _: result.error.message } },
          undefined,
          result.error.status,
        );
      },
    }),
    definePage({
      method: 'GET',
      url: `${base}/publications/:id`,
      access: policy.manage,
      params: idParams,
      handler: async ({ params, ctx, notice }) => publicationView(ctx, params.id, undefined, notice),
    }),
    definePage({
      method: 'POST',
      url: `${base}/publications/:id`,
      access: policy.manage,
      params: idParams,
      handler: async ({ actor, params, form, ctx }) => {
        const values = publicationFields(form);
        const result = await inTransaction(db, (tx) =>
          updatePublication(tx, params.id, values, actor.personId),
        );
        if (result.ok) return redirect(`${base}/publications/${params.id}`, notices.staff_publication_saved);
        if (result.error.status === 404) return notFound(result.error.message);
        return publicationView(
          ctx,
          params.id,
          { values, errors: result.error.fields ?? { _: result.error.message } },
          undefined,
          result.error.status,
        );
      },
    }),
    archivePublication('archiver'),
    archivePublication('restaurer'),
  ];
}
