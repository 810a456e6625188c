// The staff's pages of the groups: list and creation, a group's page and its forms (edit, archive, chairs,
// members, meetings, roadmap, documents), the invitation of a meeting (preview, then send), the export.
import { z } from 'zod';
import type { Executor } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { definePage, notFound, type PageOutcome, redirect, view } from '../../platform/http/pages.tsx';
import { type SheetFormat, sendSheet, sheetFormats } from '../../platform/http/send-sheet.ts';
import type { Message } from '../../platform/messages.ts';
import { type Failure, fail, type Result } from '../../platform/result.ts';
import type { Services } from '../../platform/services.ts';
import { uuid } from '../../platform/validation.ts';
import type { PageContext } from '../../platform/views/layout.tsx';
import { notificationSettings } from '../events/notifications.ts';
import { peopleOfMembers, personCards, pickableOrganisations } from '../organisations/directory.ts';
import { getOrganisationsByIds } from '../organisations/organisations.ts';
import { appointChair } from './chairs.ts';
import { addGroupDocument, removeGroupDocument } from './documents.ts';
import { groupFromForm, roadmapFromForm } from './groups.forms.ts';
import { groupsMessages as m, groupsNotices as notices } from './groups.messages.ts';
import { groupsPolicy as policy } from './groups.policy.ts';
import { groupsOverview, manageGroupPage } from './groups.queries.ts';
import { archiveGroup, createGroup, type Group, getGroup, updateGroup } from './groups.ts';
import { planGroupInvitations, sendGroupInvitations } from './invitations.ts';
import { isMeetingOf, linkMeeting, unlinkMeeting } from './meetings.ts';
import { addMember, followerIds, membersOf, removeMember, unfollow } from './members.ts';
import { addRoadmapItem, deleteRoadmapItem, updateRoadmapItem } from './roadmap.ts';
import {
  type FormState,
  GroupInvitationPreviewPage,
  type ManageForms,
  ManageGroupPage,
  StaffGroupsPage,
} from './views/staff-groups.tsx';

const idParams = z.object({ id: uuid });
const itemParams = z.object({ id: uuid, itemId: uuid });
const invitationParams = z.object({ id: uuid, eventId: uuid });

/** A record chosen in a form's list: the use case on its id, or a French refusal when none was chosen. */
const chosen = <T,>(value: string | undefined, missing: Message, run: (id: string) => Promise<Result<T>>) => {
  const id = uuid.safeParse(value);
  return id.success ? run(id.data) : Promise.resolve(fail(400, 'invalid', missing));
};

/** A refusal as a form's errors: its fields, or its message under the field it is about. */
const errorsOf = (error: Failure, field: string) => error.fields ?? { [field]: error.message };

export function staffGroupPages({ db, config, jobs }: Services) {
  const settings = notificationSettings(config);

  /** A group's staff page; after a refused form, with its errors. 404 when the group is gone. */
  const manageView = async (
    ctx: PageContext,
    actor: Actor,
    groupId: string,
    extra: { forms?: ManageForms; notice?: string | undefined } = {},
    status = 200,
  ): Promise<PageOutcome> => {
    const group = await getGroup(db, groupId);
    if (!group) return notFound(m.groupNotFound().text);
    const [data, electedPeople, organisations, followers] = await Promise.all([
      manageGroupPage(db, actor, group),
      peopleOfMembers(db, 'elected'),
      pickableOrganisations(db, '', 1000),
      followerIds(db, [group.id]).then((ids) => personCards(db, ids)),
    ]);
    // An item's organisation is chosen among the members, or kept when it is one no more.
    const memberIds = new Set(data.members.map((o) => o.id));
    const formerOwners = await getOrganisationsByIds(
      db,
      (data.roadmap ?? []).flatMap((i) =>
        i.ownerOrganisationId && !memberIds.has(i.ownerOrganisationId) ? [i.ownerOrganisationId] : [],
      ),
    );
    return view(
      <ManageGroupPage
        ctx={ctx}
        data={data}
        electedPeople={electedPeople}
        organisations={organisations.items}
        followers={[...followers.values()]}
        owners={[...data.members, ...formerOwners]}
        {...extra}
      />,
      status,
    );
  };

  const listView = async (ctx: PageContext, actor: Actor, form?: FormState, notice?: string, status = 200) =>
    view(
      <StaffGroupsPage ctx={ctx} rows={await groupsOverview(db, actor)} form={form} notice={notice} />,
      status,
    );

  /** Members and followers of a group, one row each, for the staff's spreadsheet. */
  const exportOf = (format: SheetFormat) =>
    definePage({
      method: 'GET',
      url: `/gestion/groupes/:id/suivi.${format}`,
      access: policy.manage,
      params: idParams,
      handler: async ({ params, reply }) => {
        const group = await getGroup(db, params.id);
        if (!group) return notFound(m.groupNotFound().text);
        const [members, followers] = await Promise.all([
          membersOf(db, group.id),
          followerIds(db, [group.id]).then((ids) => personCards(db, ids)),
        ]);
        const rows = [
          ...members.map((o) => ({
            role: 'Organisation membre',
            name: o.name,
            organisation: o.name,
            email: '',
          })),
          ...[...followers.values()].map((p) => ({
            role: 'Suit le groupe',
            name: `${p.firstName} ${p.lastName}`,
            organisation: p.organisationName ?? '',
            email: p.email,
          })),
        ];
        return sendSheet(reply, {
          name: `groupe-${group.slug}`,
          format,
          title: group.name.slice(0, 31),
          columns: [
            { header: 'Qualité', value: (r) => r.role },
            { header: 'Nom', value: (r) => r.name },
            { header: 'Organisation', value: (r) => r.organisation },
            { header: 'Adresse électronique', value: (r) => r.email },
          ],
          rows,
        });
      },
    });

  /** A form of a group's page: the use case's refusal re-shows the page with the form's errors. */
  const groupForm = (
    url: string,
    form: keyof ManageForms,
    field: string,
    notice: string,
    run: (
      group: Group,
      actor: Actor,
      values: Record<string, string | undefined>,
    ) => Promise<{ ok: true } | { ok: false; error: Failure }>,
    anchor = '',
  ) =>
    definePage({
      method: 'POST',
      url,
      access: policy.manage,
      params: idParams,
      handler: async ({ actor, params, form: values, ctx }) => {
        const group = await getGroup(db, params.id);
        if (!group) return notFound(m.groupNotFound().text);
        const result = await run(group, actor, values);
        if (result.ok) return redirect(`/gestion/groupes/${group.id}${anchor}`, notice);
        return manageView(
          ctx,
          actor,
          group.id,
          { forms: { [form]: { errors: errorsOf(result.error, field), values } } },
          result.error.status,
        );
      },
    });

  /** A form of a group's page that names one record by its id (an organisation, an event, a person). */
  const idForm = (
    url: string,
    form: keyof ManageForms,
    field: string,
    notice: string,
    missing: Message,
    run: (tx: Executor, groupId: string, id: string, actorId: string) => Promise<Result<unknown>>,
    anchor: string,
  ) =>
    groupForm(
      url,
      form,
      field,
      notice,
      (group, actor, values) =>
        chosen(values[field], missing, (id) => db.transaction((tx) => run(tx, group.id, id, actor.personId))),
      anchor,
    );

  /** A form of one roadmap item: refused, the page shows the item's form open with its errors. */
  const roadmapItemForm = (
    suffix: string,
    notice: string,
    run: (
      groupId: string,
      itemId: string,
      actor: Actor,
      values: Record<string, string | undefined>,
    ) => Promise<{ ok: true } | { ok: false; error: Failure }>,
  ) =>
    definePage({
      method: 'POST',
      url: `/gestion/groupes/:id/feuille-de-route/:itemId${suffix}`,
      access: policy.manage,
      params: itemParams,
      handler: async ({ actor, params, form: values, ctx }) => {
        const result = await run(params.id, params.itemId, actor, values);
        if (result.ok) return redirect(`/gestion/groupes/${params.id}#feuille-de-route`, notice);
        return manageView(
          ctx,
          actor,
          params.id,
          {
            // An item gone has no form left to show its refusal: the roadmap's own form says it.
            forms:
              result.error.status === 404
                ? { roadmap: { errors: { _: result.error.message } } }
                : { roadmapItem: { itemId: params.itemId, errors: errorsOf(result.error, 'title'), values } },
          },
          result.error.status,
        );
      },
    });

  return [
    ...sheetFormats.map(exportOf),
    definePage({
      method: 'GET',
      url: '/gestion/groupes',
      access: policy.manage,
      handler: async ({ actor, ctx, notice }) => listView(ctx, actor, undefined, notice),
    }),
    definePage({
      method: 'POST',
      url: '/gestion/groupes',
      access: policy.manage,
      handler: async ({ actor, form, ctx }) => {
        const result = await db.transaction((tx) => createGroup(tx, groupFromForm(form), actor.personId));
        if (result.ok) return redirect(`/gestion/groupes/${result.value.id}`, notices.group_created);
        return listView(
          ctx,
          actor,
          { errors: errorsOf(result.error, 'name'), values: form },
          undefined,
          result.error.status,
        );
      },
    }),
    definePage({
      method: 'GET',
      url: '/gestion/groupes/:id',
      access: policy.manage,
      params: idParams,
      handler: async ({ actor, params, ctx, notice }) => manageView(ctx, actor, params.id, { notice }),
    }),
    groupForm('/gestion/groupes/:id', 'edit', 'name', notices.group_saved, (group, actor, form) =>
      db.transaction((tx) => updateGroup(tx, group.id, groupFromForm(form), actor.personId)),
    ),
    groupForm('/gestion/groupes/:id/archiver', 'edit', '_', notices.group_archived, (group, actor) =>
      db.transaction((tx) => archiveGroup(tx, group.id, actor.personId)),
    ),
    groupForm(
      '/gestion/groupes/:id/presidences',
      'chair',
      'personId',
      notices.chair_appointed,
      (group, actor, form) =>
        db.transaction((tx) =>
          appointChair(tx, group.id, { personId: form.personId, startsOn: form.startsOn }, actor.personId),
        ),
      '#presidence',
    ),
    idForm(
      '/gestion/groupes/:id/membres',
      'member',
      'organisationId',
      notices.member_added,
      m.organisationNotFound(),
      addMember,
      '#membres',
    ),
    idForm(
      '/gestion/groupes/:id/membres/retirer',
      'member',
      'organisationId',
      notices.member_removed,
      m.organisationNotFound(),
      removeMember,
      '#membres',
    ),
    idForm(
      '/gestion/groupes/:id/reunions',
      'meeting',
      'eventId',
      notices.meeting_linked,
      m.chooseEvent(),
      linkMeeting,
      '#reunions',
    ),
    idForm(
      '/gestion/groupes/:id/reunions/retirer',
      'meeting',
      'eventId',
      notices.meeting_unlinked,
      m.chooseEvent(),
      unlinkMeeting,
      '#reunions',
    ),
    idForm(
      '/gestion/groupes/:id/abonnes/retirer',
      'member',
      'personId',
      notices.follower_removed,
      m.personNotFound(),
      unfollow,
      '#membres',
    ),
    idForm(
      '/gestion/groupes/:id/documents/retirer',
      'document',
      'documentId',
      notices.document_removed,
      m.documentNotFound(),
      removeGroupDocument,
      '#documents',
    ),
    groupForm(
      '/gestion/groupes/:id/feuille-de-route',
      'roadmap',
      'title',
      notices.roadmap_added,
      (group, actor, form) =>
        db.transaction((tx) => addRoadmapItem(tx, group.id, roadmapFromForm(form), actor.personId)),
      '#feuille-de-route',
    ),
    roadmapItemForm('', notices.roadmap_saved, (groupId, itemId, actor, form) =>
      db.transaction((tx) => updateRoadmapItem(tx, groupId, itemId, roadmapFromForm(form), actor.personId)),
    ),
    roadmapItemForm('/supprimer', notices.roadmap_deleted, (groupId, itemId, actor) =>
      db.transaction((tx) => deleteRoadmapItem(tx, groupId, itemId, actor.personId)),
    ),
    definePage({
      method: 'POST',
      url: '/gestion/groupes/:id/documents',
      access: policy.manage,
      params: idParams,
      handler: async ({ actor, params, request, ctx }) => {
        const fields = (request.body ?? {}) as Record<string, unknown>;
        const text = (v: unknown) => (typeof v === 'string' ? v : '');
        const values = {
          title: text(fields.title),
          kind: text(fields.kind),
          visibility: text(fields.visibility),
          eventId: text(fields.eventId),
        };
        const content = fields.file;
        const result =
          Buffer.isBuffer(content) && content.length > 0
            ? await db.transaction((tx) =>
                addGroupDocument(
                  tx,
                  params.id,
                  values,
                  { fileName: text(fields.fileName) || 'document', content },
                  actor.personId,
                ),
              )
            : fail(400, 'invalid_file', m.chooseFile());
        if (result.ok) return redirect(`/gestion/groupes/${params.id}#documents`, notices.document_added);
        return manageView(
          ctx,
          actor,
          params.id,
          { forms: { document: { errors: errorsOf(result.error, 'file'), values } } },
          result.error.status,
        );
      },
    }),
    definePage({
      method: 'GET',
      url: '/gestion/groupes/:id/invitations/:eventId',
      access: policy.manage,
      params: invitationParams,
      handler: async ({ actor, params, ctx }) => {
        const group = await getGroup(db, params.id);
        if (!group) return notFound(m.groupNotFound().text);
        const plan = await planGroupInvitations(db, params.eventId, settings);
        if (!plan.ok || !plan.value.groups.some((g) => g.id === group.id)) {
          const error = plan.ok ? fail(404, 'not_found', m.eventNotFound()).error : plan.error;
          return manageView(
            ctx,
            actor,
            group.id,
            { forms: { meeting: { errors: { eventId: error.message } } } },
            error.status,
          );
        }
        return view(<GroupInvitationPreviewPage ctx={ctx} group={group} plan={plan.value} />);
      },
    }),
    definePage({
      method: 'POST',
      url: '/gestion/groupes/:id/invitations/:eventId',
      access: policy.manage,
      params: invitationParams,
      handler: async ({ actor, params, ctx }) => {
        const group = await getGroup(db, params.id);
        if (!group) return notFound(m.groupNotFound().text);
        if (!(await isMeetingOf(db, group.id, params.eventId))) return notFound(m.eventNotFound().text);
        const result = await db.transaction((tx) =>
          sendGroupInvitations(tx, params.eventId, actor.personId, settings),
        );
        jobs.poke();
        if (!result.ok)
          return manageView(
            ctx,
            actor,
            group.id,
            { forms: { meeting: { errors: { eventId: result.error.message } } } },
            result.error.status,
          );
        return redirect(
          `/gestion/groupes/${group.id}#reunions`,
          result.value.queued ? notices.invitations_sent : notices.nobody_to_invite,
        );
      },
    }),
  ];
}
