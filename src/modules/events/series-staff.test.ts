import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import {
  buildEvent,
  buildLocalGovernment,
  buildOfficer,
  buildStaff,
  signedInBrowser,
} from '../../../tests/factories.ts';
import { testApp } from '../../../tests/helpers.ts';
import { queryRows } from '../../platform/db/client.ts';
import type { Person } from '../organisations/people.ts';
import { cancelEvent } from './cancel-event.ts';
import { eventSeries } from './events.schema.ts';

let counter = 0;
const uniqueTitle = (base: string) => `${base} ${Date.now()}-${++counter}`;

describe('staff edit the series of the agenda', async () => {
  const t = await testApp({ after });
  const { app, db } = t;
  const staff = await buildStaff(db);
  const org = await buildLocalGovernment(db);

  const signedIn = (person: Person) => signedInBrowser({ app, db }, person);

  /** A series with a session to come (and one past, when asked): the series' row. */
  async function seriesWithSessions(title: string, past = false) {
    const next = await buildEvent(db, { series: title, title: `Session ${title}` }, 20);
    if (past) await buildEvent(db, { series: title, title: `Session passée ${title}` }, -40);
    const [row] = await db.select().from(eventSeries).where(eq(eventSeries.id, next.seriesId!));
    return { series: row!, next };
  }

  const seriesRow = async (id: string) =>
    (await db.select().from(eventSeries).where(eq(eventSeries.id, id)))[0]!;

  const auditOf = async (id: string) =>
    queryRows<{ action: string; actor_id: string; data: { changes: Record<string, unknown> } }>(
      db,
      sql`select action, actor_id, data from audit_log where entity = 'event_series' and entity_id = ${id} order by id`,
    );

  it('lists the series with their sessions to come and past, linked to their edit and public pages', async () => {
    const title = uniqueTitle('Chroniques géopolitiques');
    const { series } = await seriesWithSessions(title, true);
    // A cancelled session is not counted.
    const cancelled = await buildEvent(db, { series: title, title: `Annulée ${title}` }, 25);
    const done = await cancelEvent(db, cancelled.id, { reason: 'Salle indisponible.' }, staff.id);
    assert.ok(done.ok, done.ok ? '' : done.error.message);
    const browser = await signedIn(staff);
    const events = await browser.get('/gestion/evenements');
    assert.match(events.body, /href="\/gestion\/series"/);
    const page = await browser.get('/gestion/series');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1>Séries<\/h1>/);
    const row = page.body.split('<tr').find((r) => r.includes(`href="/gestion/series/${series.id}"`));
    assert.ok(row, 'the series links to its edit page');
    assert.match(row, /data-label="Sessions à venir ou en cours">1</);
    assert.match(row, /data-label="Sessions passées">1</);
    assert.match(row, new RegExp(`href="/agenda/series/${series.id}"`));
  });

  it('changes the title, the description and the guest label, audited, and the public page shows them', async () => {
    const { series } = await seriesWithSessions(uniqueTitle('Décryptages'));
    const browser = await signedIn(staff);
    const form = await browser.get(`/gestion/series/${series.id}`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, new RegExp(`value="${series.title}"`));
    const newTitle = uniqueTitle('Décryptages thématiques');
    const saved = await browser.post(`/gestion/series/${series.id}`, {
      title: `  ${newTitle} `,
      description: 'Une heure pour comprendre.\nUn invité, des questions.',
      guestLabel: 'Grand témoin',
    });
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, '/gestion/series?info=events.series_changed');
    const row = await seriesRow(series.id);
    assert.equal(row.title, newTitle);
    assert.equal(row.description, 'Une heure pour comprendre.\nUn invité, des questions.');
    assert.equal(row.guestLabel, 'Grand témoin');
    const audits = await auditOf(series.id);
    assert.equal(audits.length, 1);
    assert.equal(audits[0]!.action, 'change');
    assert.equal(audits[0]!.actor_id, staff.id);
    assert.deepEqual(audits[0]!.data.changes, {
      title: { before: series.title, after: newTitle },
      description: { before: null, after: 'Une heure pour comprendre.\nUn invité, des questions.' },
      guestLabel: { before: null, after: 'Grand témoin' },
    });
    const list = await browser.get('/gestion/series?info=events.series_changed');
    assert.match(list.body, /Série modifiée\./);
    const publicPage = await app.inject({ method: 'GET', url: `/agenda/series/${series.id}` });
    assert.match(publicPage.body, /Une heure pour comprendre\./);
    assert.match(publicPage.body, new RegExp(`<h1>${newTitle}</h1>`));

    // Emptied, the description and the guest label are cleared; sent back unchanged, nothing is written.
    await browser.get(`/gestion/series/${series.id}`);
    await browser.post(`/gestion/series/${series.id}`, { title: newTitle, description: '', guestLabel: ' ' });
    const cleared = await seriesRow(series.id);
    assert.equal(cleared.description, null);
    assert.equal(cleared.guestLabel, null);
    const again = await browser.post(`/gestion/series/${series.id}`, {
      title: newTitle,
      description: '',
      guestLabel: '',
    });
    assert.equal(again.headers.location, '/gestion/series?info=events.series_unchanged');
    assert.equal((await auditOf(series.id)).length, 2);
  });

  it('refuses a title another series has, whatever its case, re-shows what was typed and changes nothing', async () => {
    const { series: taken } = await seriesWithSessions(uniqueTitle('Rencontres'));
    const { series } = await seriesWithSessions(uniqueTitle('Ateliers'));
    const browser = await signedIn(staff);
    await browser.get(`/gestion/series/${series.id}`);
    const refused = await browser.post(`/gestion/series/${series.id}`, {
      title: taken.title.toUpperCase(),
      description: 'Ce que j’ai écrit',
      guestLabel: 'Invité·e d’honneur',
    });
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /Une autre série porte déjà ce titre/);
    assert.match(refused.body, new RegExp(`value="${taken.title.toUpperCase()}"`));
    assert.match(refused.body, /Ce que j’ai écrit/);
    assert.match(refused.body, /value="Invité·e d’honneur"/);
    assert.deepEqual(await seriesRow(series.id), series);
    assert.equal((await auditOf(series.id)).length, 0);
  });

  it('refuses an empty or too long title with a French message, re-showing the form, and changes nothing', async () => {
    const { series } = await seriesWithSessions(uniqueTitle('Webinaires'));
    const browser = await signedIn(staff);
    await browser.get(`/gestion/series/${series.id}`);
    const empty = await browser.post(`/gestion/series/${series.id}`, {
      title: '   ',
      description: 'Gardé à l’écran',
      guestLabel: 'Grand témoin',
    });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Ce champ est obligatoire\./);
    assert.match(empty.body, /Gardé à l’écran/);
    assert.match(empty.body, /value="Grand témoin"/);
    const long = await browser.post(`/gestion/series/${series.id}`, {
      title: 'x'.repeat(201),
      guestLabel: 'y'.repeat(101),
    });
    assert.equal(long.statusCode, 400);
    assert.match(long.body, /200 caractères au plus\./);
    assert.match(long.body, /100 caractères au plus\./);
    assert.deepEqual(await seriesRow(series.id), series);
    assert.equal((await auditOf(series.id)).length, 0);
  });

  it('answers 404 for a series that does not exist', async () => {
    const browser = await signedIn(staff);
    const missing = '00000000-0000-4000-8000-000000000000';
    assert.equal((await browser.get(`/gestion/series/${missing}`)).statusCode, 404);
    await browser.get('/gestion/series');
    const posted = await browser.post(`/gestion/series/${missing}`, { title: uniqueTitle('Fantôme') });
    assert.equal(posted.statusCode, 404);
    assert.equal((await browser.get('/gestion/series/pas-un-identifiant')).statusCode, 404);
  });

  it('is closed to people who are not staff, who change nothing', async () => {
    const { series } = await seriesWithSessions(uniqueTitle('Réservée'));
    const member = await signedIn(await buildOfficer(db, org.id));
    const list = await member.get('/gestion/series');
    assert.equal(list.statusCode, 403);
    assert.equal((await member.get(`/gestion/series/${series.id}`)).statusCode, 403);
    await member.get('/mes-inscriptions');
    const posted = await member.post(`/gestion/series/${series.id}`, { title: uniqueTitle('Piratée') });
    assert.equal(posted.statusCode, 403);
    const anonymous = await app.inject({ method: 'GET', url: '/gestion/series' });
    assert.notEqual(anonymous.statusCode, 200);
    assert.deepEqual(await seriesRow(series.id), series);
    assert.equal((await auditOf(series.id)).length, 0);
  });
});
