// What staff undoes or changes of a group after the fact: a meeting taken out of the group (the event stays),
// a roadmap item changed or deleted, a follower removed, and the groups ticked in the event's own forms.
// Every refusal is in French and changes nothing.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import {
  bearer,
  buildEvent,
  buildLocalGovernment,
  buildPerson,
  buildStaff,
  signedInBrowser,
} from '../../../tests/factories.ts';
import { testApp } from '../../../tests/helpers.ts';
import { pdfBytes } from '../../../tests/proof/world.ts';
import { queryRows } from '../../platform/db/client.ts';
import { parisDateTimeLocal } from '../../platform/time.ts';
import { addGroupDocument } from './documents.ts';

describe('groups: lifecycle', async () => {
  const { app, db } = await testApp({ after });
  const staff = await buildStaff(db);
  const staffAuth = await bearer(db, staff);
  const call = (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: object,
    headers = staffAuth,
  ) => app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const browser = await signedInBrowser({ app, db }, staff);
  const newGroup = async (name: string) => {
    const created = await call('POST', '/api/v1/groups', { kind: 'country', name, countries: ['JP'] });
    assert.equal(created.statusCode, 201, created.body);
    return created.json() as { id: string; slug: string };
  };
  /** The groups an event is a meeting of, by their ids, sorted. */
  const groupsOf = async (eventId: string) =>
    (
      await queryRows<{ group_id: string }>(
        db,
        sql`select group_id from group_events where event_id = ${eventId} order by group_id`,
      )
    ).map((r) => r.group_id);
  const auditCount = async (action: string, groupId: string) =>
    (
      await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from audit_log where action = ${action} and entity_id = ${groupId}`,
      )
    )[0]!.n;
  const roadmapRow = async (itemId: string) =>
    (
      await queryRows<Record<string, unknown>>(
        db,
        sql`select title, due_on::text as due_on, status, event_id, owner_organisation_id
            from group_roadmap_items where id = ${itemId}`,
      )
    )[0];

  it('takes a meeting out of a group, by the API and the staff page: the event stays, a second time is a French 404', async () => {
    const group = await newGroup(`Japon ${Date.now()}`);
    const event = await buildEvent(db);
    const page = `/gestion/groupes/${group.id}`;
    await browser.get(page);
    assert.equal((await browser.post(`${page}/reunions`, { eventId: event.id })).statusCode, 303);
    assert.deepEqual(await groupsOf(event.id), [group.id]);
    assert.match((await browser.get(page)).body, /Retirer du groupe/);

    // Nothing chosen, or a crafted id: refused in French, the meeting stays.
    const crafted = await browser.post(`${page}/reunions/retirer`, { eventId: 'pas-un-identifiant' });
    assert.equal(crafted.statusCode, 400);
    assert.match(crafted.body, /Choisissez un événement\./);
    const other = await buildEvent(db);
    const notLinked = await browser.post(`${page}/reunions/retirer`, { eventId: other.id });
    assert.equal(notLinked.statusCode, 404);
    assert.match(notLinked.body, /Cet événement n’est pas une réunion du groupe\./);
    assert.deepEqual(await groupsOf(event.id), [group.id]);

    const removed = await browser.post(`${page}/reunions/retirer`, { eventId: event.id });
    assert.equal(removed.statusCode, 303);
    assert.match(removed.headers.location as string, /info=groups\.meeting_unlinked/);
    assert.deepEqual(await groupsOf(event.id), []);
    assert.equal((await call('GET', `/api/v1/events/${event.id}`)).statusCode, 200, 'the event stays');
    assert.equal(await auditCount('unlink_meeting', group.id), 1);

    // The API: 204, then 404 in French; another staff's group keeps its own link.
    const twin = await newGroup(`Corée ${Date.now()}`);
    await browser.post(`${page}/reunions`, { eventId: event.id });
    await browser.post(`/gestion/groupes/${twin.id}/reunions`, { eventId: event.id });
    const deleted = await call('DELETE', `/api/v1/groups/${group.id}/meetings/${event.id}`);
    assert.equal(deleted.statusCode, 204, deleted.body);
    assert.deepEqual(await groupsOf(event.id), [twin.id]);
    const again = await call('DELETE', `/api/v1/groups/${group.id}/meetings/${event.id}`);
    assert.equal(again.statusCode, 404);
    assert.equal(again.json().error.message, 'Cet événement n’est pas une réunion du groupe.');
    assert.equal((await call('DELETE', `/api/v1/groups/${group.id}/meetings/abc`)).statusCode, 400);
    const outsider = await bearer(db, await buildPerson(db));
    const forbidden = await call(
      'DELETE',
      `/api/v1/groups/${twin.id}/meetings/${event.id}`,
      undefined,
      outsider,
    );
    assert.equal(forbidden.statusCode, 403);
    assert.deepEqual(await groupsOf(event.id), [twin.id]);
  });

  it('changes and deletes a roadmap item by the API: null clears, bad input is refused in French and changes nothing', async () => {
    const group = await newGroup(`Maroc ${Date.now()}`);
    const other = await newGroup(`Tunisie ${Date.now()}`);
    const event = await buildEvent(db);
    const town = await buildLocalGovernment(db, { member: true });
    const created = await call('POST', `/api/v1/groups/${group.id}/roadmap`, {
      title: 'Préparer les Assises',
      dueOn: '2026-12-01',
    });
    assert.equal(created.statusCode, 201, created.body);
    const item = created.json() as { id: string };
    const url = `/api/v1/groups/${group.id}/roadmap/${item.id}`;

    const changed = await call('PATCH', url, {
      title: 'Préparer les Assises franco-marocaines',
      status: 'in_progress',
      eventId: event.id,
      ownerOrganisationId: town.id,
    });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.deepEqual(changed.json(), {
      id: item.id,
      title: 'Préparer les Assises franco-marocaines',
      dueOn: '2026-12-01',
      status: 'in_progress',
      eventId: event.id,
      ownerOrganisationId: town.id,
    });
    const kept = await roadmapRow(item.id);
    for (const [body, status, message] of [
      [{ status: 'fini' }, 400, /Choisissez : prévu, en cours, fait ou abandonné\./],
      [{ title: '  ' }, 400, /Ce champ est obligatoire\./],
      [{ dueOn: '2026-02-31' }, 400, /AAAA-MM-JJ/],
      [{ eventId: '00000000-0000-4000-8000-000000000000' }, 422, /Cet événement n’existe pas\./],
      [
        { ownerOrganisationId: '00000000-0000-4000-8000-000000000000' },
        422,
        /Cette organisation n’existe pas\./,
      ],
    ] as const) {
      const refused = await call('PATCH', url, body);
      assert.equal(refused.statusCode, status, `${JSON.stringify(body)}: ${refused.body}`);
      assert.match(refused.body, message);
    }
    const ofOther = await call('PATCH', `/api/v1/groups/${other.id}/roadmap/${item.id}`, { status: 'done' });
    assert.equal(ofOther.statusCode, 404);
    assert.equal(ofOther.json().error.message, 'Cette étape n’est pas dans la feuille de route du groupe.');
    assert.deepEqual(await roadmapRow(item.id), kept, 'refusals change nothing');

    const cleared = await call('PATCH', url, { dueOn: null, eventId: null, ownerOrganisationId: null });
    assert.equal(cleared.statusCode, 200, cleared.body);
    assert.deepEqual(await roadmapRow(item.id), {
      title: 'Préparer les Assises franco-marocaines',
      due_on: null,
      status: 'in_progress',
      event_id: null,
      owner_organisation_id: null,
    });
    assert.equal(await auditCount('update_roadmap_item', group.id), 2);

    assert.equal((await call('DELETE', `/api/v1/groups/${other.id}/roadmap/${item.id}`)).statusCode, 404);
    assert.ok(await roadmapRow(item.id), 'another group’s address deletes nothing');
    assert.equal((await call('DELETE', url)).statusCode, 204);
    assert.equal(await roadmapRow(item.id), undefined);
    const again = await call('DELETE', url);
    assert.equal(again.statusCode, 404);
    assert.match(again.body, /Cette étape n’est pas dans la feuille de route du groupe\./);
    assert.equal(await auditCount('delete_roadmap_item', group.id), 1);
  });

  it('changes and deletes a roadmap item from the staff page, its refusal shown in its own form', async () => {
    const group = await newGroup(`Sénégal ${Date.now()}`);
    const town = await buildLocalGovernment(db, { member: true });
    const page = `/gestion/groupes/${group.id}`;
    await browser.get(page);
    assert.equal((await browser.post(`${page}/membres`, { organisationId: town.id })).statusCode, 303);
    const added = await browser.post(`${page}/feuille-de-route`, {
      title: 'Feuille de route 2026',
      dueOn: '2026-06-30',
      status: 'planned',
      ownerOrganisationId: town.id,
    });
    assert.equal(added.statusCode, 303);
    const [{ id }] = (await queryRows<{ id: string }>(
      db,
      sql`select id from group_roadmap_items where group_id = ${group.id}`,
    )) as [{ id: string }];
    const shown = (await browser.get(page)).body;
    assert.match(shown, new RegExp(`porté par ${town.name}`));
    assert.match(shown, /Modifier ou supprimer « Feuille de route 2026 »/);

    const before = await roadmapRow(id);
    const refused = await browser.post(`${page}/feuille-de-route/${id}`, {
      title: '',
      dueOn: '2026-09-30',
      status: 'done',
      eventId: '',
      ownerOrganisationId: town.id,
    });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /Ce champ est obligatoire\./);
    assert.match(refused.body, /<details open="">|<details open>/, 'the refused item’s form is open');
    assert.deepEqual(await roadmapRow(id), before);

    const saved = await browser.post(`${page}/feuille-de-route/${id}`, {
      title: 'Feuille de route 2026-2027',
      dueOn: '',
      status: 'done',
      eventId: '',
      ownerOrganisationId: town.id,
    });
    assert.equal(saved.statusCode, 303);
    assert.deepEqual(await roadmapRow(id), {
      title: 'Feuille de route 2026-2027',
      due_on: null,
      status: 'done',
      event_id: null,
      owner_organisation_id: town.id,
    });
    const deleted = await browser.post(`${page}/feuille-de-route/${id}/supprimer`, {});
    assert.equal(deleted.statusCode, 303);
    assert.match(deleted.headers.location as string, /info=groups\.roadmap_deleted/);
    assert.equal(await roadmapRow(id), undefined);
    const gone = await browser.post(`${page}/feuille-de-route/${id}/supprimer`, {});
    assert.equal(gone.statusCode, 404);
    assert.match(gone.body, /Cette étape n’est pas dans la feuille de route du groupe\./);
  });

  it('removes a follower and a member organisation from the staff page; a crafted id is refused in French', async () => {
    const group = await newGroup(`Haïti ${Date.now()}`);
    const town = await buildLocalGovernment(db, { member: true });
    const follower = await buildPerson(db, { firstName: 'Aminata', lastName: 'Diallo' });
    assert.equal(
      (await call('POST', `/api/v1/groups/${group.id}/followers`, { personId: follower.id })).statusCode,
      201,
    );
    const page = `/gestion/groupes/${group.id}`;
    assert.match(
      (await browser.get(page)).body,
      /Retirer<span class="visually-hidden"> Aminata Diallo des abonnés<\/span>/,
    );
    await browser.post(`${page}/membres`, { organisationId: town.id });
    const followers = async () =>
      (
        await queryRows<{ n: number }>(
          db,
          sql`select count(*)::int as n from group_followers where group_id = ${group.id}`,
        )
      )[0]!.n;

    const crafted = await browser.post(`${page}/abonnes/retirer`, { personId: '1 or 1=1' });
    assert.equal(crafted.statusCode, 400);
    assert.match(crafted.body, /Cette personne n’existe pas\./);
    assert.equal(await followers(), 1);
    const removed = await browser.post(`${page}/abonnes/retirer`, { personId: follower.id });
    assert.equal(removed.statusCode, 303);
    assert.match(removed.headers.location as string, /info=groups\.follower_removed/);
    assert.equal(await followers(), 0);
    assert.equal(await auditCount('unfollow', group.id), 1);

    const left = await browser.post(`${page}/membres/retirer`, { organisationId: town.id });
    assert.equal(left.statusCode, 303);
    const notMember = await browser.post(`${page}/membres/retirer`, { organisationId: town.id });
    assert.equal(notMember.statusCode, 404);
    assert.match(notMember.body, /Cette organisation n’est pas membre du groupe\./);
  });

  it('removes a document from the staff page: no longer readable, audited; another group’s id is refused in French', async () => {
    const group = await newGroup(`Madagascar ${Date.now()}`);
    const other = await newGroup(`Niger ${Date.now()}`);
    const document = await addGroupDocument(
      db,
      group.id,
      { kind: 'minutes', visibility: 'public', title: 'Compte rendu de la réunion' },
      { fileName: 'compte-rendu.pdf', content: pdfBytes },
      staff.id,
    );
    assert.ok(document.ok);
    const page = `/gestion/groupes/${group.id}`;
    const publicUrl = `/groupes/${group.slug}/documents/${document.value.id}`;
    assert.equal((await app.inject({ method: 'GET', url: publicUrl })).statusCode, 200);
    assert.match(
      (await browser.get(page)).body,
      /Retirer<span class="visually-hidden"> le document « Compte rendu de la réunion »<\/span>/,
    );
    const documents = async () =>
      (
        await queryRows<{ n: number }>(
          db,
          sql`select count(*)::int as n from group_documents where group_id = ${group.id}`,
        )
      )[0]!.n;

    for (const documentId of ['1 or 1=1', '']) {
      const crafted = await browser.post(`${page}/documents/retirer`, { documentId });
      assert.equal(crafted.statusCode, 400, documentId);
    }
    const elsewhere = await browser.post(`/gestion/groupes/${other.id}/documents/retirer`, {
      documentId: document.value.id,
    });
    assert.equal(elsewhere.statusCode, 404);
    assert.match(elsewhere.body, /Ce document n’existe pas ou ne vous est pas ouvert\./);
    assert.equal(await documents(), 1);

    const removed = await browser.post(`${page}/documents/retirer`, { documentId: document.value.id });
    assert.equal(removed.statusCode, 303);
    assert.match(removed.headers.location as string, /info=groups\.document_removed/);
    assert.equal(await documents(), 0);
    assert.equal(await auditCount('remove_document', group.id), 1);
    assert.equal((await app.inject({ method: 'GET', url: publicUrl })).statusCode, 404);
  });

  it('lets staff tick a meeting’s groups in the event’s creation and edit forms', async () => {
    const first = await newGroup(`Arménie ${Date.now()}`);
    const second = await newGroup(`Liban ${Date.now()}`);
    const newForm = await browser.get('/gestion/evenements/nouveau');
    assert.match(newForm.body, /<legend>Réunion des groupes<\/legend>/);
    assert.ok(newForm.body.includes(`value="${second.id}"`));
    const startsAt = new Date(Date.now() + 40 * 86_400_000);
    const fields = {
      title: `Réunion du groupe-pays ${Date.now()}`,
      kind: 'meeting',
      format: 'online',
      audience: 'group',
      startsAt: parisDateTimeLocal(startsAt),
      endsAt: parisDateTimeLocal(new Date(startsAt.getTime() + 2 * 3_600_000)),
    };
    const events = async () =>
      (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from events`))[0]!.n;

    // An unknown group, or a crafted value: no event is written.
    const count = await events();
    const unknown = await browser.post('/gestion/evenements', {
      ...fields,
      groupIds: [first.id, '00000000-0000-4000-8000-000000000000'],
    });
    assert.equal(unknown.statusCode, 422);
    assert.match(unknown.body, /Ce groupe n’existe pas\./);
    assert.ok(unknown.body.includes(`value="${first.id}" checked`), 'the ticked boxes stay ticked');
    const crafted = await browser.post('/gestion/evenements', { ...fields, groupIds: 'abc' });
    assert.equal(crafted.statusCode, 400);
    assert.match(crafted.body, /Identifiant invalide\./);
    assert.equal(await events(), count);

    const created = await browser.post('/gestion/evenements', { ...fields, groupIds: [first.id, second.id] });
    assert.equal(created.statusCode, 303, created.body);
    const eventId = (created.headers.location as string).split('?')[0]!.split('/').pop()!;
    assert.deepEqual(await groupsOf(eventId), [first.id, second.id].sort());

    const edit = `/gestion/evenements/${eventId}/modification`;
    const editForm = (await browser.get(edit)).body;
    assert.ok(editForm.includes(`value="${first.id}" checked`));
    assert.ok(editForm.includes(`value="${second.id}" checked`));

    const refused = await browser.post(edit, { ...fields, groupIds: ['abc'] });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /Identifiant invalide\./);
    assert.deepEqual(await groupsOf(eventId), [first.id, second.id].sort());

    // Only the groups change: the event is saved, its groups are the ones ticked.
    const relinked = await browser.post(edit, { ...fields, groupIds: [second.id] });
    assert.equal(relinked.statusCode, 303, relinked.body);
    assert.match(relinked.headers.location as string, /info=events\.event_changed/);
    assert.deepEqual(await groupsOf(eventId), [second.id]);
    assert.equal(await auditCount('unlink_meeting', first.id), 1);
    const unchanged = await browser.post(edit, { ...fields, groupIds: [second.id] });
    assert.match(unchanged.headers.location as string, /info=events\.event_unchanged/);
    const none = await browser.post(edit, fields);
    assert.equal(none.statusCode, 303);
    assert.deepEqual(await groupsOf(eventId), [], 'no box ticked: no group');

    // A change of the event and of its groups: both saved.
    const both = await browser.post(edit, { ...fields, title: `${fields.title} (2)`, groupIds: [first.id] });
    assert.match(both.headers.location as string, /info=events\.event_changed/);
    assert.deepEqual(await groupsOf(eventId), [first.id]);
    assert.match((await call('GET', `/api/v1/events/${eventId}`)).body, /\(2\)/);

    // The copy for the next session starts from the same groups.
    const copy = (await browser.get(`/gestion/evenements/${eventId}/copie`)).body;
    assert.ok(copy.includes(`value="${first.id}" checked`));
    assert.ok(!copy.includes(`value="${second.id}" checked`));
  });
});
