// HTTP caching of the public pages (decision 016): validators that follow the data (a write changes the
// ETag, a read does not), 304 on revalidation, no cookie for an anonymous visitor, private pages never
// shared, compressed answers that an independent decoder (zlib, fetch) reads back, hashed static files.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import pino from 'pino';
import { createProgram } from '../src/modules/program/programs.ts';
import { pageValidators, timeSlotMs } from '../src/platform/http/caching.ts';
import { buildEvent, buildLocalGovernment, buildPerson, buildStaff, signedInBrowser } from './factories.ts';
import { testApp } from './helpers.ts';

/** Runs `check` again when a time slot began meanwhile: the tags change with it (decision 016). */
async function inOneSlot(check: () => Promise<void>) {
  const slot = () => Math.floor(Date.now() / timeSlotMs);
  const first = slot();
  try {
    await check();
  } catch (error) {
    if (slot() === first) throw error;
    await check();
  }
}

describe('HTTP caching of the public pages', async () => {
  const t = await testApp({ after });
  const { app, db } = t;
  const event = await buildEvent(db, { title: 'Rencontre du cache', capacity: 10 });
  const get = (url: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url, headers });

  it('gives an anonymous visitor the agenda with strong validators, shareable, and no cookie', async () => {
    await inOneSlot(async () => {
      const page = await get('/agenda');
      assert.equal(page.statusCode, 200);
      assert.equal(page.headers['set-cookie'], undefined);
      const etag = String(page.headers.etag);
      assert.match(etag, /^"[\w-]+"$/, 'a strong ETag (no W/)');
      assert.equal(page.headers['cache-control'], 'public, max-age=60, stale-while-revalidate=300');
      assert.match(String(page.headers.vary), /Cookie/);
      // The same page, the same validators.
      assert.equal((await get('/agenda')).headers.etag, etag);
    });
  });

  it('answers 304 with the same ETag to a copy still good, and 200 to another', async () => {
    await inOneSlot(async () => {
      const { headers } = await get('/agenda');
      const again = await get('/agenda', { 'if-none-match': String(headers.etag) });
      assert.equal(again.statusCode, 304);
      assert.equal(again.body, '');
      assert.equal(again.headers.etag, headers.etag);
      assert.equal(again.headers['cache-control'], 'public, max-age=60, stale-while-revalidate=300');
      assert.equal(again.headers['set-cookie'], undefined);
      const other = await get('/agenda', { 'if-none-match': '"une-autre-version"' });
      assert.equal(other.statusCode, 200);
      // Another address is another page.
      const month = await get('/agenda?vue=mois');
      assert.notEqual(month.headers.etag, headers.etag);
      assert.equal(
        (await get('/agenda?vue=mois', { 'if-none-match': String(headers.etag) })).statusCode,
        200,
      );
    });
  });

  it('changes the ETag on a write (an event, a registration), not on a read', async () => {
    await inOneSlot(async () => {
      const agenda = async () => String((await get('/agenda')).headers.etag);
      const eventPage = async () => String((await get(`/agenda/${event.id}`)).headers.etag);
      const [before, eventBefore] = [await agenda(), await eventPage()];
      // Reads: pages, feeds, a page of another module.
      await get('/agenda.ics');
      await get(`/agenda/${event.id}.ics`);
      await get('/parcours');
      assert.equal(await agenda(), before);
      assert.equal(await eventPage(), eventBefore);
      // A write of another scope (the programme) leaves the agenda as it was…
      const staff = await buildStaff(db);
      assert.ok((await createProgram(db, { title: 'Promotion du cache', minSessions: 1 }, staff.id)).ok);
      assert.equal(await agenda(), before);
      // …a registration through the page changes the seats left, so the agenda and the event's page.
      const member = await buildLocalGovernment(db, { member: true });
      const person = await buildPerson(db, { organisationId: member.id });
      const browser = await signedInBrowser(t, person);
      await browser.get(`/agenda/${event.id}`);
      const registered = await browser.post(`/agenda/${event.id}/inscription`, {});
      assert.equal(registered.statusCode, 303);
      const after = await agenda();
      assert.notEqual(after, before);
      assert.notEqual(await eventPage(), eventBefore);
      assert.equal((await get('/agenda', { 'if-none-match': before })).statusCode, 200);
      // A new event too.
      await buildEvent(db, { title: 'Rencontre suivante' });
      assert.notEqual(await agenda(), after);
      // The public feed, written once per version of the agenda, is written again.
      assert.match((await get('/agenda.ics')).body, /SUMMARY:Rencontre suivante/);
    });
  });

  it('counts a change when its transaction commits, not when it is rolled back', async () => {
    await inOneSlot(async () => {
      const tag = async () => (await pageValidators(db, ['agenda', 'program'], '/agenda')).etag;
      const before = await tag();
      await assert.rejects(
        db.transaction(async (tx) => {
          await buildEvent(tx, { title: 'Rencontre abandonnée' });
          throw new Error('abandon');
        }),
      );
      assert.equal(await tag(), before);
      // One transaction writing to two scopes (the programme, then the agenda) counts in both.
      const scopeTag = async (scope: string) => (await pageValidators(db, [scope], '/')).etag;
      const [agendaBefore, programBefore] = [await scopeTag('agenda'), await scopeTag('program')];
      const staff = await buildStaff(db);
      await db.transaction(async (tx) => {
        assert.ok((await createProgram(tx, { title: 'Promotion commune', minSessions: 1 }, staff.id)).ok);
        await buildEvent(tx, { title: 'Rencontre commune' });
      });
      assert.notEqual(await scopeTag('agenda'), agendaBefore);
      assert.notEqual(await scopeTag('program'), programBefore);
    });
  });

  it('keeps a signed-in page private, and a page with a form out of shared caches', async () => {
    const person = await buildPerson(db);
    const browser = await signedInBrowser(t, person);
    const page = await browser.get('/agenda');
    assert.equal(page.statusCode, 200);
    assert.equal(page.headers['cache-control'], 'private, no-store');
    assert.equal(page.headers.etag, undefined);
    // An anonymous visitor's validators do not answer for a signed-in visitor's page.
    const anonymous = String((await get('/agenda')).headers.etag);
    const revalidated = await app.inject({
      method: 'GET',
      url: '/agenda',
      headers: { cookie: browser.jar.header, 'if-none-match': anonymous },
    });
    assert.equal(revalidated.statusCode, 200);
    // The programme's page has the interest form for anyone: its CSRF cookie, so private.
    const staff = await buildStaff(db);
    const program = await createProgram(db, { title: 'Promotion au formulaire', minSessions: 1 }, staff.id);
    assert.ok(program.ok);
    const form = await get(`/parcours/${program.value.id}`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /name="_csrf"/);
    assert.ok(form.headers['set-cookie'], 'the CSRF cookie of the form');
    assert.equal(form.headers['cache-control'], 'private, no-store');
    assert.equal(form.headers.etag, undefined);
    // Even with the CSRF cookie already there (no new Set-Cookie), the page holds a token: private.
    const cookie = String(form.headers['set-cookie']).split(';')[0]!;
    const again = await get(`/parcours/${program.value.id}`, { cookie });
    assert.equal(again.headers['set-cookie'], undefined);
    assert.equal(again.headers['cache-control'], 'private, no-store');
    assert.equal(again.headers.etag, undefined);
  });

  it('sets no cookie for an anonymous visitor on the public pages without a form', async () => {
    for (const url of [
      '/',
      '/agenda',
      '/agenda?vue=mois',
      `/agenda/${event.id}`,
      '/agenda.ics',
      '/parcours',
    ]) {
      const page = await get(url);
      assert.equal(page.statusCode, 200, url);
      assert.equal(page.headers['set-cookie'], undefined, url);
      assert.ok(page.headers.etag, url);
    }
  });

  it('answers If-Modified-Since once the last change is old enough to be dated', async () => {
    await inOneSlot(async () => {
      // An instant 5 s ahead, at least 2 s into its slot: the last change and the slot's start are old enough.
      let later = Date.now() + 5000;
      if (later % timeSlotMs < 2000) later += 2000;
      const validators = await pageValidators(db, ['agenda'], '/agenda', new Date(later));
      assert.ok(validators.lastModified);
      await buildEvent(db, { title: 'Rencontre toute récente' });
      const recent = await pageValidators(db, ['agenda'], '/agenda');
      assert.equal(recent.lastModified, undefined, 'a change of less than 2 s is not dated');
      await new Promise((resolve) => setTimeout(resolve, 2100));
      const page = await get('/agenda');
      const lastModified = String(page.headers['last-modified']);
      assert.ok(Date.parse(lastModified) <= Date.now());
      assert.equal((await get('/agenda', { 'if-modified-since': lastModified })).statusCode, 304);
      const earlier = new Date(Date.parse(lastModified) - 1000).toUTCString();
      assert.equal((await get('/agenda', { 'if-modified-since': earlier })).statusCode, 200);
      // If-None-Match decides alone when both are sent.
      const both = await get('/agenda', { 'if-modified-since': lastModified, 'if-none-match': '"autre"' });
      assert.equal(both.statusCode, 200);
    });
  });

  it('compresses pages, feeds and CSS; zlib and fetch read them back; each encoding its own ETag', async () => {
    await inOneSlot(async () => {
      const plain = await get('/agenda');
      assert.equal(plain.headers['content-encoding'], undefined);
      const br = await get('/agenda', { 'accept-encoding': 'br' });
      assert.equal(br.headers['content-encoding'], 'br');
      assert.equal(brotliDecompressSync(br.rawPayload).toString(), plain.body);
      assert.equal(br.headers.etag, String(plain.headers.etag).replace(/"$/, '-br"'));
      assert.equal(
        (await get('/agenda', { 'accept-encoding': 'br', 'if-none-match': String(br.headers.etag) }))
          .statusCode,
        304,
      );
      // Answers under 1 KiB stay as they are: the feed gets a long description.
      await buildEvent(db, {
        title: 'Rencontre décrite',
        description: 'Ordre du jour détaillé. '.repeat(60),
      });
      const feed = await get('/agenda.ics', { 'accept-encoding': 'gzip' });
      assert.equal(feed.headers['content-encoding'], 'gzip');
      assert.match(gunzipSync(feed.rawPayload).toString(), /^BEGIN:VCALENDAR/);
      const css = String(/href="(\/static\/app\.[0-9a-f]{12}\.css)"/.exec(plain.body)?.[1]);
      const styles = await get(css, { 'accept-encoding': 'gzip' });
      assert.equal(styles.headers['content-encoding'], 'gzip');
      assert.match(gunzipSync(styles.rawPayload).toString(), /\{/);
      // An HTTP client of its own (undici's fetch) asks for br and gzip and decodes what comes.
      const address = await app.listen({ port: 0, host: '127.0.0.1' });
      const fetched = await fetch(`${address}/agenda`);
      assert.match(String(fetched.headers.get('content-encoding')), /^(br|gzip)$/);
      assert.equal(await fetched.text(), (await get('/agenda')).body);
    });
  });

  it('links the stylesheet and logo by hashed names, kept for a year', async () => {
    const page = await get('/agenda');
    const css = /href="(\/static\/app\.([0-9a-f]{12})\.css)"/.exec(page.body);
    assert.ok(css, 'the layout links the hashed stylesheet');
    const logo = /src="(\/static\/logo\.[0-9a-f]{12}\.svg)"/.exec(page.body);
    assert.ok(logo, 'and the hashed logo');
    for (const url of [css[1]!, logo[1]!]) {
      const file = await get(url);
      assert.equal(file.statusCode, 200, url);
      assert.equal(file.headers['cache-control'], 'public, max-age=31536000, immutable');
    }
    // The name says the content: the hash is the file's (SHA-256, first 12 hex digits).
    const { createHash } = await import('node:crypto');
    const body = (await get('/static/app.css')).rawPayload;
    assert.equal(createHash('sha256').update(body).digest('hex').slice(0, 12), css[2]);
  });

  it('answers the calendar files without an error in the log (a handler that sends its own answer)', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logged = await testApp({ after }, {}, { logger: pino({ level: 'error' }, sink) });
    const feedEvent = await buildEvent(logged.db, { title: 'Rencontre au calendrier' });
    for (const url of ['/agenda.ics', `/agenda/${feedEvent.id}.ics`]) {
      const feed = await logged.app.inject({ method: 'GET', url });
      assert.equal(feed.statusCode, 200, url);
      assert.match(feed.body, /^BEGIN:VCALENDAR/, url);
    }
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(lines, []);
  });
});
