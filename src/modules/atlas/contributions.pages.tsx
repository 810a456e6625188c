// The contributions' pages: « Mon espace » → « Nos partenariats » for a referent (propose a new partnership or
// a change), the staff's moderation queue, a partnership's history and the « appel à contribution ».
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Executor } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { definePage, notFound, redirect, refusal, view } from '../../platform/http/pages.tsx';
import type { Services } from '../../platform/services.ts';
import { optional, uuid } from '../../platform/validation.ts';
import type { PageContext } from '../../platform/views/layout.tsx';
import { groupTitle, listGroups } from '../groups/groups.ts';
import {
  getOrganisation,
  organisationConditions,
  pageOfOrganisations,
} from '../organisations/organisations.ts';
import { atlasMessages as am } from './atlas.messages.ts';
import { atlasPolicy as policy } from './atlas.policy.ts';
import { cardsOf } from './atlas.queries.ts';
import { contributionsMessages as m, contributionsNotices as notices } from './contributions.messages.ts';
import {
  acceptContribution,
  type CampaignTarget,
  contributionQueue,
  contributionsOf,
  historyOf,
  partnershipIdsOf,
  partnershipLabel,
  planCampaign,
  proposeContribution,
  rejectContribution,
  sendCampaign,
} from './contributions.ts';
import { getPartnership, type Snapshot, snapshotOf } from './partnerships.ts';
import { isCountryCode } from './places.ts';
import { projectInputOf } from './staff-atlas.ts';
import {
  CampaignPage,
  ContributionQueuePage,
  type Errors,
  type FormState,
  HistoryPage,
  MyPartnershipsPage,
  ProposeChangePage,
  type Values,
} from './views/contributions.tsx';

const idParams = z.object({ id: uuid });
const countryCode = z.string().trim().toUpperCase().refine(isCountryCode);
const partnersQuery = z.object({ pays: optional(countryCode) });
const campaignQuery = z.object({ groupe: optional(uuid), pays: optional(countryCode) });

/** A referent, for their own organisation's partnerships. */
const referent = (actor: Actor) => policy.contributeFor(actor, actor.organisationId);

/** The values of a repeated field (ticked boxes); `formFields` keeps only the last. */
function listField(request: FastifyRequest, name: string): string[] {
  const raw = (request.body as Record<string, unknown> | undefined)?.[name];
  return [raw].flat().filter((v): v is string => typeof v === 'string' && v !== '');
}

/**
 * The proposal a form makes, from the partnership as it is (`base`; none for a new one): its fields, its
 * projects as edited (or removed), a new project when its title is filled in. A project is read as the staff's
 * form reads one (amounts typed in euros); a referent does not set its currency nor its themes: kept as they are.
 */
function proposalFromForm(
  form: Values,
  themes: string[],
  base: Snapshot | null,
  organisationId: string,
  contactId: string,
): { proposal: Snapshot; errors: Errors } {
  const errors: Errors = {};
  const projects: Snapshot['projects'] = [];
  const project = (prefix: string, id: string | undefined, old: Snapshot['projects'][number] | undefined) => {
    const f = (name: string) => form[`${prefix}${name}`]?.trim() ?? '';
    // Typed texts go to the shared zod input as they are: it turns them into numbers and says what is wrong.
    const input = projectInputOf({
      title: f('title'),
      startYear: f('startYear'),
      endYear: f('endYear'),
      budget: f('budget'),
      currency: old?.currency ?? 'EUR',
      coFunders: f('coFunders'),
      themes: old?.themes ?? [],
      description: f('description'),
      place: f('place'),
    });
    if (input.ok) projects.push({ ...(id ? { id } : {}), ...input.value } as Snapshot['projects'][number]);
    else
      for (const [name, message] of Object.entries(input.error.fields ?? {})) errors[prefix + name] = message;
  };
  for (const p of base?.projects ?? [])
    if (form[`project-${p.id}-remove`] !== 'on') project(`project-${p.id}-`, p.id, p);
  if (form['new-title']?.trim()) project('new-', undefined, undefined);
  const proposal = {
    frenchOrganisationIds: base?.frenchOrganisationIds ?? [organisationId],
    partnerOrganisationId: base?.partnerOrganisationId ?? form.partnerOrganisationId ?? '',
    kind: form.kind,
    since: form.since,
    status: form.status,
    themes,
    description: form.description,
    agreementReference: form.agreementReference,
    agreementOn: form.agreementOn,
    contactIds: base?.contactIds ?? [contactId],
    projects,
  } as unknown as Snapshot;
  return { proposal, errors };
}

export function contributionPages({ db, config }: Services) {
  const settings = { baseUrl: config.baseUrl };

  /** The foreign local governments a partner is chosen among (a few hundred: one read, narrowed here). */
  const foreignPartners = async () =>
    (await pageOfOrganisations(db, organisationConditions({ kind: 'foreign_local_government' }), 1, 5000))
      .items;

  const myPage = async (
    ctx: PageContext,
    actor: Actor,
    country: string | undefined,
    form?: FormState,
    notice?: string,
    status = 200,
  ) => {
    const organisationId = actor.organisationId!;
    const [organisation, ids, contributions, partners] = await Promise.all([
      getOrganisation(db, organisationId),
      partnershipIdsOf(db, organisationId),
      contributionsOf(db, organisationId),
      foreignPartners(),
    ]);
    return view(
      <MyPartnershipsPage
        ctx={ctx}
        organisation={organisation?.name ?? ''}
        cards={await cardsOf(db, ids)}
        contributions={contributions}
        countries={[...new Set(partners.map((p) => p.country))]}
        country={country}
        partners={partners.filter((p) => !country || p.country === country)}
        form={form}
        notice={notice}
      />,
      status,
    );
  };

  /** The change form of one of the organisation's partnerships (404 for another's: not theirs to see here). */
  const changePage = async (ctx: PageContext, actor: Actor, id: string, form?: FormState, status = 200) => {
    const partnership = await getPartnership(db, id);
    if (!partnership || partnership.archivedAt) return notFound(am.partnershipNotFound().text);
    const snapshot = await snapshotOf(db, id);
    if (!snapshot.frenchOrganisationIds.includes(actor.organisationId!))
      return refusal(
        { status: 403, code: 'forbidden', message: am.notYourOrganisation().text },
        'Accès réservé',
      );
    const [card] = await cardsOf(db, [id]);
    const pending = (await contributionsOf(db, actor.organisationId!)).filter(
      (c) => c.contribution.partnershipId === id && c.contribution.status === 'pending',
    ).length;
    return view(
      <ProposeChangePage ctx={ctx} card={card!} snapshot={snapshot} form={form} pending={pending} />,
      status,
    );
  };

  const queuePage = async (
    ctx: PageContext,
    notice?: string,
    refused?: { id: string; errors: Errors; values: Values },
    status = 200,
  ) => {
    const queue = await contributionQueue(db);
    return view(<ContributionQueuePage ctx={ctx} {...queue} refused={refused} notice={notice} />, status);
  };

  const countryGroups = async (executor: Executor) =>
    (await listGroups(executor, 'country')).map((g) => ({ id: g.id, title: groupTitle(g) }));

  const campaignPage = async (
    ctx: PageContext,
    target: { group?: string | undefined; country?: string | undefined },
    extra: { error?: string; notice?: string | undefined } = {},
    status = 200,
  ) => {
    const chosen: CampaignTarget | undefined = target.group
      ? { group: target.group }
      : target.country
        ? { country: target.country }
        : undefined;
    const plan = chosen ? await planCampaign(db, chosen, settings) : undefined;
    const partners = await foreignPartners();
    return view(
      <CampaignPage
        ctx={ctx}
        groups={await countryGroups(db)}
        countries={[...new Set(partners.map((p) => p.country))]}
        target={target}
        plan={plan?.ok ? plan.value : undefined}
        error={extra.error ?? (plan && !plan.ok ? plan.error.message : undefined)}
        notice={extra.notice}
      />,
      plan && !plan.ok ? plan.error.status : status,
    );
  };

  return [
    // ——— « Mon espace » ———
    definePage({
      method: 'GET',
      url: '/mon-espace/partenariats',
      access: referent,
      refusal: m.contribReferentsOnly().text,
      query: partnersQuery,
      handler: async ({ actor, ctx, query, notice }) => myPage(ctx, actor, query.pays, undefined, notice),
    }),
    definePage({
      method: 'POST',
      url: '/mon-espace/partenariats',
      access: referent,
      refusal: m.contribReferentsOnly().text,
      handler: async ({ actor, ctx, form, request }) => {
        const themes = listField(request, 'themes');
        const { proposal, errors } = proposalFromForm(
          form,
          themes,
          null,
          actor.organisationId!,
          actor.personId,
        );
        const values = { ...form, themes: themes.join(',') };
        if (Object.keys(errors).length)
          return myPage(ctx, actor, undefined, { errors, values }, undefined, 400);
        const result = await db.transaction((tx) =>
          proposeContribution(tx, actor, null, proposal, form.note),
        );
        if (result.ok) return redirect('/mon-espace/partenariats', notices.contribProposed);
        if (result.error.status === 403) return refusal(result.error, 'Accès réservé');
        return myPage(
          ctx,
          actor,
          undefined,
          { errors: result.error.fields ?? { _: result.error.message }, values },
          undefined,
          result.error.status,
        );
      },
    }),
    definePage({
      method: 'GET',
      url: '/mon-espace/partenariats/:id',
      access: referent,
      refusal: m.contribReferentsOnly().text,
      params: idParams,
      handler: async ({ actor, ctx, params }) => changePage(ctx, actor, params.id),
    }),
    definePage({
      method: 'POST',
      url: '/mon-espace/partenariats/:id',
      access: referent,
      refusal: m.contribReferentsOnly().text,
      params: idParams,
      handler: async ({ actor, ctx, form, params, request }) => {
        const partnership = await getPartnership(db, params.id);
        if (!partnership) return notFound(am.partnershipNotFound().text);
        const base = await snapshotOf(db, params.id);
        const themes = listField(request, 'themes');
        const { proposal, errors } = proposalFromForm(
          form,
          themes,
          base,
          actor.organisationId!,
          actor.personId,
        );
        const values = { ...form, themes: themes.join(',') };
        if (!base.frenchOrganisationIds.includes(actor.organisationId!))
          return refusal(
            { status: 403, code: 'forbidden', message: am.notYourOrganisation().text },
            'Accès réservé',
          );
        if (Object.keys(errors).length) return changePage(ctx, actor, params.id, { errors, values }, 400);
        const result = await db.transaction((tx) =>
          proposeContribution(tx, actor, params.id, proposal, form.note),
        );
        if (result.ok) return redirect('/mon-espace/partenariats', notices.contribProposed);
        if (result.error.status === 403) return refusal(result.error, 'Accès réservé');
        if (result.error.status === 404) return notFound(result.error.message);
        return changePage(
          ctx,
          actor,
          params.id,
          { errors: result.error.fields ?? { _: result.error.message }, values },
          result.error.status,
        );
      },
    }),

    // ——— Staff: moderation ———
    definePage({
      method: 'GET',
      url: '/gestion/atlas/contributions',
      access: policy.manage,
      handler: async ({ ctx, notice }) => queuePage(ctx, notice),
    }),
    definePage({
      method: 'POST',
      url: '/gestion/atlas/contributions/:id/accepter',
      access: policy.manage,
      params: idParams,
      handler: async ({ actor, params }) => {
        const result = await acceptContribution(db, params.id, actor, settings);
        if (result.ok) return redirect('/gestion/atlas/contributions', notices.contribAccepted);
        return refusal(result.error, 'Contribution non acceptée');
      },
    }),
    definePage({
      method: 'POST',
      url: '/gestion/atlas/contributions/:id/refuser',
      access: policy.manage,
      params: idParams,
      handler: async ({ actor, ctx, params, form }) => {
        const result = await rejectContribution(db, params.id, actor, form.reason, settings);
        if (result.ok) return redirect('/gestion/atlas/contributions', notices.contribRejected);
        if (result.error.fields)
          return queuePage(
            ctx,
            undefined,
            { id: params.id, errors: result.error.fields, values: form },
            result.error.status,
          );
        return refusal(result.error, 'Contribution non refusée');
      },
    }),
    definePage({
      method: 'GET',
      url: '/gestion/atlas/partenariats/:id/historique',
      access: policy.manage,
      params: idParams,
      handler: async ({ ctx, params }) => {
        if (!(await getPartnership(db, params.id))) return notFound(am.partnershipNotFound().text);
        const [label, versions] = await Promise.all([
          partnershipLabel(db, await snapshotOf(db, params.id)),
          historyOf(db, params.id),
        ]);
        return view(<HistoryPage ctx={ctx} label={label} versions={versions} />);
      },
    }),

    // ——— Staff: the « appel à contribution » ———
    definePage({
      method: 'GET',
      url: '/gestion/atlas/appel',
      access: policy.manage,
      query: campaignQuery,
      handler: async ({ ctx, query, notice }) =>
        campaignPage(ctx, { group: query.groupe, country: query.pays }, { notice }),
    }),
    definePage({
      method: 'POST',
      url: '/gestion/atlas/appel',
      access: policy.manage,
      handler: async ({ actor, ctx, form }) => {
        const group = uuid.safeParse(form.groupe);
        const country = countryCode.safeParse(form.pays ?? '');
        const target: CampaignTarget | undefined = group.success
          ? { group: group.data }
          : country.success
            ? { country: country.data }
            : undefined;
        if (!target) return campaignPage(ctx, {}, { error: m.contribCampaignTarget().text }, 400);
        const result = await db.transaction((tx) => sendCampaign(tx, target, actor.personId, settings));
        const shown = 'group' in target ? { group: target.group } : { country: target.country };
        if (result.ok) {
          const to = 'group' in target ? `groupe=${target.group}` : `pays=${target.country}`;
          return redirect(`/gestion/atlas/appel?${to}`, notices.contribCampaignSent);
        }
        return campaignPage(ctx, shown, { error: result.error.message }, result.error.status);
      },
    }),
  ];
}
