// The groups' pages for everyone: « Groupes », a group's page (following it, a referent's organisation
// joining it, a colleague following it), its documents, « Mes groupes ».
import { z } from 'zod';
import type { Actor } from '../../platform/http/actor.ts';
import {
  definePage,
  message,
  notFound,
  type PageOutcome,
  redirect,
  view,
} from '../../platform/http/pages.tsx';
import type { Services } from '../../platform/services.ts';
import { uuid } from '../../platform/validation.ts';
import type { PageContext } from '../../platform/views/layout.tsx';
import { getPerson, listPeopleOfOrganisation } from '../organisations/people.ts';
import { getGroupDocument } from './documents.ts';
import { groupsMessages as m, groupsNotices as notices } from './groups.messages.ts';
import { groupsPolicy as policy } from './groups.policy.ts';
import { groupPage, groupsOverview, myGroups } from './groups.queries.ts';
import { type Group, getGroupBySlug } from './groups.ts';
import { addMember, follow, unfollow } from './members.ts';
import { GroupPage, GroupsPage, MyGroupsPage } from './views/groups.tsx';

const slugParams = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,90}$/) });
const documentParams = slugParams.extend({ documentId: uuid });

export function groupsPages({ db }: Services) {
  /** A group by its address, archived ones aside (their page is gone from the site). */
  const groupOf = async (slug: string) => {
    const group = await getGroupBySlug(db, slug);
    return group && !group.archivedAt ? group : undefined;
  };

  /** A group's page, after an action or a refusal (its French reason). */
  const pageView = async (
    ctx: PageContext,
    actor: Actor | null,
    group: Group,
    extra: { notice?: string | undefined; error?: string | undefined } = {},
    status = 200,
  ): Promise<PageOutcome> => {
    const data = await groupPage(db, actor, group);
    const colleagues =
      actor?.referent && actor.organisationId
        ? (await listPeopleOfOrganisation(db, actor.organisationId)).filter(
            (p) => p.id !== actor.personId && !p.disabledAt,
          )
        : undefined;
    return view(<GroupPage ctx={ctx} data={data} colleagues={colleagues} {...extra} />, status);
  };

  return [
    definePage({
      method: 'GET',
      url: '/groupes',
      access: 'public',
      handler: async ({ actor, ctx, notice }) =>
        view(<GroupsPage ctx={ctx} rows={await groupsOverview(db, actor)} notice={notice} />),
    }),
    definePage({
      method: 'GET',
      url: '/groupes/:slug',
      access: 'public',
      params: slugParams,
      handler: async ({ actor, params, ctx, notice }) => {
        const group = await groupOf(params.slug);
        if (!group) return notFound(m.groupNotFound().text);
        return pageView(ctx, actor, group, { notice });
      },
    }),
    definePage({
      method: 'POST',
      url: '/groupes/:slug/suivre',
      access: 'signedIn',
      params: slugParams,
      handler: async ({ actor, params }) => {
        const group = await groupOf(params.slug);
        if (!group) return notFound(m.groupNotFound().text);
        await db.transaction((tx) => follow(tx, group.id, actor.personId, actor.personId));
        return redirect(`/groupes/${group.slug}`, notices.followed);
      },
    }),
    definePage({
      method: 'POST',
      url: '/groupes/:slug/ne-plus-suivre',
      access: 'signedIn',
      params: slugParams,
      handler: async ({ actor, params, form }) => {
        const group = await groupOf(params.slug);
        if (!group) return notFound(m.groupNotFound().text);
        await db.transaction((tx) => unfollow(tx, group.id, actor.personId, actor.personId));
        return redirect(
          form.retour === '/mes-groupes' ? '/mes-groupes' : `/groupes/${group.slug}`,
          notices.unfollowed,
        );
      },
    }),
    definePage({
      method: 'POST',
      url: '/groupes/:slug/adhesion',
      access: (actor) => actor.referent,
      refusal: 'Seul le ou la référent·e d’une organisation l’inscrit à un groupe.',
      params: slugParams,
      handler: async ({ actor, params, ctx }) => {
        const group = await groupOf(params.slug);
        if (!group) return notFound(m.groupNotFound().text);
        const organisationId = actor.organisationId;
        if (!organisationId) return pageView(ctx, actor, group, { error: m.noOrganisation().text }, 422);
        const result = await db.transaction((tx) => addMember(tx, group.id, organisationId, actor.personId));
        if (!result.ok)
          return pageView(ctx, actor, group, { error: result.error.message }, result.error.status);
        return redirect(`/groupes/${group.slug}`, notices.joined);
      },
    }),
    definePage({
      method: 'POST',
      url: '/groupes/:slug/collegues',
      access: (actor) => actor.referent,
      refusal: 'Seul le ou la référent·e d’une organisation y inscrit ses collègues.',
      params: slugParams,
      handler: async ({ actor, params, form, ctx }) => {
        const group = await groupOf(params.slug);
        if (!group) return notFound(m.groupNotFound().text);
        const id = uuid.safeParse(form.personId);
        const person = id.success ? await getPerson(db, id.data) : undefined;
        // Someone of another organisation is not said to exist.
        if (!person || !policy.followFor(actor, person))
          return pageView(ctx, actor, group, { error: m.personNotFound().text }, 404);
        await db.transaction((tx) => follow(tx, group.id, person.id, actor.personId));
        return redirect(`/groupes/${group.slug}`, notices.colleague_followed);
      },
    }),
    definePage({
      method: 'GET',
      url: '/groupes/:slug/documents/:documentId',
      access: 'public',
      params: documentParams,
      handler: async ({ actor, params, reply }) => {
        const group = await groupOf(params.slug);
        const document = group ? await getGroupDocument(db, group.id, params.documentId) : undefined;
        if (!group || !document) return notFound(m.documentNotFound().text);
        if (document.visibility === 'members' && !(await policy.seeMembersView(db, actor, group.id)))
          return message(actor ? 403 : 401, 'Document réservé', m.documentNotFound().text);
        return reply
          .type(document.mimeType)
          .header('content-disposition', `attachment; filename="${encodeURIComponent(document.fileName)}"`)
          .header('x-content-type-options', 'nosniff')
          .send(document.content);
      },
    }),
    definePage({
      method: 'GET',
      url: '/mes-groupes',
      access: 'signedIn',
      handler: async ({ actor, ctx, notice }) =>
        view(<MyGroupsPage ctx={ctx} rows={await myGroups(db, actor)} notice={notice} />),
    }),
  ];
}
