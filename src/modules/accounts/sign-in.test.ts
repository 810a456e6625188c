import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { buildPerson, buildStaff } from '../../../tests/factories.ts';
import { Browser, type TestApp, testApp } from '../../../tests/helpers.ts';
import { queryRows } from '../../platform/db/client.ts';
import { hashSecret } from '../../platform/secrets.ts';
import type { Person } from '../organisations/people.ts';

interface Received {
  rcptTo: string[];
  mail: ParsedMail;
}

/** A real SMTP server on loopback; every message it accepts is parsed and kept. */
async function startSmtp(t: { after: (fn: () => Promise<void>) => void }) {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push({ rcptTo: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), mail });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return {
    url: `smtp://127.0.0.1:${port}`,
    to: (email: string) => received.filter((r) => r.rcptTo.includes(email.toLowerCase())).map((r) => r.mail),
  };
}

let clients = 0;
/** A browser with its own client address, so the per-client rate limit of one test does not leak into another. */
function browser(app: TestApp['app'], ip = `10.0.${Math.floor(++clients / 250)}.${clients % 250}`) {
  const proxy = { inject: (options: object) => app.inject({ remoteAddress: ip, ...options }) };
  return new Browser(proxy as unknown as TestApp['app']);
}

/** The page without its CSRF token (which differs at every request). */
const withoutCsrf = (body: string) => body.replace(/name="_csrf" value="[^"]+"/g, 'name="_csrf" value=""');

const linkIn = (mail: ParsedMail) => {
  const match = /http:\/\/localhost:3000(\/connexion\/lien\?jeton=[^\s"]+)/.exec(mail.text ?? '');
  assert.ok(match, 'the mail carries a sign-in link');
  return {
    path: match[1]!,
    token: decodeURIComponent(new URL(match[1]!, 'http://x').searchParams.get('jeton')!),
  };
};

describe('sign-in by emailed link and sessions', async () => {
  const smtp = await startSmtp({ after });
  const services = await testApp({ after }, { SMTP_URL: smtp.url });
  const { app, db, jobs } = services;

  /** Asks for a link as `client`, lets the job queue send it, and returns the link of the newest mail. */
  async function requestLink(client: Browser, person: Person) {
    await client.get('/connexion');
    const response = await client.post('/connexion', { email: person.email });
    assert.equal(response.statusCode, 200);
    await jobs.drain();
    const mails = smtp.to(person.email);
    assert.ok(mails.length > 0, 'a mail reached the SMTP server');
    return linkIn(mails.at(-1)!);
  }

  /** The whole sign-in: request, open the link, confirm it. Returns the new session id. */
  async function signIn(client: Browser, person: Person) {
    const link = await requestLink(client, person);
    await client.get(link.path);
    const response = await client.post('/connexion/lien', { jeton: link.token });
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/mon-espace');
    const session = client.jar.get('coopdec_session');
    assert.ok(session);
    return session;
  }

  const mySpace = (cookie: string) =>
    app.inject({ method: 'GET', url: '/mon-espace', headers: { cookie: `coopdec_session=${cookie}` } });

  const sessionsOf = async (person: Person) =>
    (
      await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from sessions where person_id = ${person.id}`,
      )
    )[0]!.n;

  it('answers the same page whether the address has an account, has none, or is disabled', async () => {
    const known = await buildPerson(db);
    const disabled = await buildPerson(db);
    await db.execute(sql`update people set disabled_at = now() where id = ${disabled.id}`);
    const answers = [];
    for (const email of [known.email, 'personne.inconnue@example.org', disabled.email]) {
      const client = browser(app);
      await client.get('/connexion');
      const response = await client.post('/connexion', { email });
      answers.push({ status: response.statusCode, body: withoutCsrf(response.body) });
    }
    assert.equal(answers[0]!.status, 200);
    assert.match(answers[0]!.body, /Si un compte existe pour cette adresse/);
    assert.deepEqual(answers[1], answers[0]);
    assert.deepEqual(answers[2], answers[0]);
    await jobs.drain();
    assert.equal(smtp.to(known.email).length, 1);
    assert.equal(smtp.to('personne.inconnue@example.org').length, 0);
    assert.equal(smtp.to(disabled.email).length, 0);
  });

  it('mails a link over SMTP that signs the person in', async () => {
    const person = await buildPerson(db, { firstName: 'Maëlle' });
    const client = browser(app);
    const link = await requestLink(client, person);
    const mail = smtp.to(person.email).at(-1)!;
    assert.equal(mail.subject, 'Votre lien de connexion — Cités Unies France');
    assert.match(mail.text ?? '', /Bonjour Maëlle,/);
    // Who we are, and why this person receives it, at the end of every mail.
    assert.match(mail.text ?? '', /— Cités Unies France\n9 rue Christiani, 75018 Paris · 01 53 41 81 81/);
    assert.match(mail.text ?? '', /parce que quelqu’un a demandé un lien de connexion pour/);
    assert.equal(mail.from?.value[0]?.name, 'Cités Unies France');
    assert.ok(typeof mail.html === 'string' && mail.html.includes(link.path.replaceAll('&', '&amp;')));
    await client.get(link.path);
    const confirmed = await client.post('/connexion/lien', { jeton: link.token });
    assert.equal(confirmed.statusCode, 303);
    const space = await client.get('/mon-espace');
    assert.equal(space.statusCode, 200);
    assert.ok(space.body.includes(person.lastName));
  });

  it('keeps the link unspent when it is only opened (mail scanners follow links)', async () => {
    const person = await buildPerson(db);
    const client = browser(app);
    const link = await requestLink(client, person);
    for (let i = 0; i < 2; i++) {
      const page = await client.get(link.path);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Confirmer la connexion/);
      assert.ok(page.body.includes('name="jeton"'));
    }
    const [row] = await queryRows<{ used_at: Date | null }>(
      db,
      sql`select used_at from sign_in_tokens where token_hash = ${hashSecret(link.token)}`,
    );
    assert.equal(row?.used_at, null);
    assert.equal((await client.post('/connexion/lien', { jeton: link.token })).statusCode, 303);
  });

  it('accepts a link only once, then answers 410 in French', async () => {
    const person = await buildPerson(db);
    const client = browser(app);
    const link = await requestLink(client, person);
    await client.get(link.path);
    assert.equal((await client.post('/connexion/lien', { jeton: link.token })).statusCode, 303);
    const other = browser(app);
    await other.get(link.path);
    const again = await other.post('/connexion/lien', { jeton: link.token });
    assert.equal(again.statusCode, 410);
    assert.match(again.body, /Ce lien de connexion n’est plus valable : il a déjà servi ou a expiré/);
    assert.equal(other.jar.get('coopdec_session'), undefined);
  });

  it('refuses an expired link with 410', async () => {
    const person = await buildPerson(db);
    const client = browser(app);
    const link = await requestLink(client, person);
    await db.execute(
      sql`update sign_in_tokens set expires_at = now() - interval '1 second' where token_hash = ${hashSecret(link.token)}`,
    );
    await client.get(link.path);
    const response = await client.post('/connexion/lien', { jeton: link.token });
    assert.equal(response.statusCode, 410);
    assert.match(response.body, /n’est plus valable/);
    const [row] = await queryRows<{ used_at: Date | null }>(
      db,
      sql`select used_at from sign_in_tokens where token_hash = ${hashSecret(link.token)}`,
    );
    assert.equal(row?.used_at, null);
  });

  it('refuses a link whose account was disabled after it was sent', async () => {
    const person = await buildPerson(db);
    const client = browser(app);
    const link = await requestLink(client, person);
    await db.execute(sql`update people set disabled_at = now() where id = ${person.id}`);
    await client.get(link.path);
    assert.equal((await client.post('/connexion/lien', { jeton: link.token })).statusCode, 410);
  });

  it('sends no more than 3 mails per address in a quarter of an hour, with the same answer each time', async () => {
    const person = await buildPerson(db);
    const client = browser(app);
    await client.get('/connexion');
    const bodies = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const response = await client.post('/connexion', { email: person.email });
      assert.equal(response.statusCode, 200);
      bodies.add(withoutCsrf(response.body));
      await client.get('/connexion');
    }
    assert.equal(bodies.size, 1);
    await jobs.drain();
    assert.equal(smtp.to(person.email).length, 3);
    const [tokens] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from sign_in_tokens where person_id = ${person.id}`,
    );
    assert.equal(tokens?.n, 3);
    // A quarter of an hour later, a new link can be sent.
    await db.execute(
      sql`update sign_in_tokens set created_at = now() - interval '16 minutes' where person_id = ${person.id}`,
    );
    await client.post('/connexion', { email: person.email });
    await jobs.drain();
    assert.equal(smtp.to(person.email).length, 4);
  });

  it('answers 429 in French after 10 attempts from one client, and still serves other clients', async () => {
    const client = browser(app, '192.0.2.77');
    await client.get('/connexion');
    for (let i = 0; i < 10; i++) {
      const response = await client.post('/connexion', { email: `inconnu.${i}@example.org` });
      assert.equal(response.statusCode, 200, `attempt ${i + 1}`);
    }
    const refused = await client.post('/connexion', { email: 'inconnu.11@example.org' });
    assert.equal(refused.statusCode, 429);
    assert.match(refused.headers['content-type'] as string, /text\/html/);
    assert.match(refused.body, /Trop de tentatives : patientez quelques minutes avant de réessayer/);
    assert.ok(refused.headers['retry-after']);
    const elsewhere = browser(app, '192.0.2.78');
    await elsewhere.get('/connexion');
    assert.equal((await elsewhere.post('/connexion', { email: 'inconnu.12@example.org' })).statusCode, 200);
  });

  it('opens a new session id at each sign-in and closes the one it replaces', async () => {
    const person = await buildPerson(db);
    const client = browser(app);
    const first = await signIn(client, person);
    const second = await signIn(client, person);
    assert.notEqual(first, second);
    assert.equal((await mySpace(second)).statusCode, 200);
    const old = await mySpace(first);
    assert.equal(old.statusCode, 303);
    assert.equal(old.headers.location, '/connexion');
    const elsewhere = await signIn(browser(app), person);
    assert.ok(![first, second].includes(elsewhere));
    assert.equal(await sessionsOf(person), 2);
    // Only hashes are stored: the id in the cookie is not in the table.
    const [row] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from sessions where id_hash = ${hashSecret(second)}`,
    );
    assert.equal(row?.n, 1);
    const [raw] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from sessions where id_hash = ${second}`,
    );
    assert.equal(raw?.n, 0);
  });

  it('ends the session at sign-out: the old cookie no longer opens « Mon espace »', async () => {
    const person = await buildPerson(db);
    const client = browser(app);
    const id = await signIn(client, person);
    await client.get('/mon-espace');
    const out = await client.post('/deconnexion', {});
    assert.equal(out.statusCode, 303);
    assert.equal(out.headers.location, '/connexion?info=accounts.signed_out');
    assert.equal(client.jar.get('coopdec_session'), undefined);
    const replay = await mySpace(id);
    assert.equal(replay.statusCode, 303);
    assert.equal(replay.headers.location, '/connexion');
    assert.equal(await sessionsOf(person), 0);
    const notice = await client.get('/connexion?info=accounts.signed_out');
    assert.match(notice.body, /Vous êtes déconnecté·e/);
  });

  it('ends every session of an account the staff disables', async () => {
    const person = await buildPerson(db);
    const staff = await buildStaff(db);
    const laptop = await signIn(browser(app), person);
    const phone = await signIn(browser(app), person);
    assert.equal(await sessionsOf(person), 2);
    const admin = browser(app);
    await signIn(admin, staff);
    await admin.get(`/gestion/personnes/${person.id}`);
    const response = await admin.post(`/gestion/personnes/${person.id}/compte`, { disabled: 'true' });
    assert.equal(response.statusCode, 303);
    assert.equal(
      response.headers.location,
      `/gestion/personnes/${person.id}?info=organisations.account_updated`,
    );
    assert.equal(await sessionsOf(person), 0);
    for (const id of [laptop, phone]) assert.equal((await mySpace(id)).statusCode, 303);
    // And no new sign-in either, with the same neutral answer.
    const client = browser(app);
    await client.get('/connexion');
    assert.equal((await client.post('/connexion', { email: person.email })).statusCode, 200);
    const before = smtp.to(person.email).length;
    await jobs.drain();
    assert.equal(smtp.to(person.email).length, before);
  });

  it('ends a session left idle longer than SESSION_IDLE_MINUTES, and keeps a recently used one alive', async () => {
    const person = await buildPerson(db);
    const id = await signIn(browser(app), person);
    await db.execute(
      sql`update sessions set last_seen_at = now() - interval '119 minutes' where id_hash = ${hashSecret(id)}`,
    );
    assert.equal((await mySpace(id)).statusCode, 200);
    const [seen] = await queryRows<{ idle: number }>(
      db,
      sql`select extract(epoch from now() - last_seen_at)::float8 as idle from sessions where id_hash = ${hashSecret(id)}`,
    );
    assert.ok(seen!.idle < 60, 'the visit refreshed the idle clock');
    await db.execute(
      sql`update sessions set last_seen_at = now() - interval '121 minutes' where id_hash = ${hashSecret(id)}`,
    );
    const response = await mySpace(id);
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/connexion');
  });

  it('ends a session past its absolute lifetime, however active', async () => {
    const person = await buildPerson(db);
    const id = await signIn(browser(app), person);
    const [row] = await queryRows<{ hours: number }>(
      db,
      sql`select extract(epoch from expires_at - created_at)::float8 / 3600 as hours from sessions where id_hash = ${hashSecret(id)}`,
    );
    assert.ok(Math.abs(row!.hours - 12) < 0.01, 'SESSION_ABSOLUTE_HOURS defaults to 12');
    await db.execute(
      sql`update sessions set expires_at = now() - interval '1 second', last_seen_at = now() where id_hash = ${hashSecret(id)}`,
    );
    const response = await mySpace(id);
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/connexion');
  });

  it('asks again for an address that is not one, in French', async () => {
    const client = browser(app);
    await client.get('/connexion');
    const response = await client.post('/connexion', { email: 'pas-une-adresse' });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /Saisissez une adresse électronique valide/);
  });

  it('answers a cut or mangled link in French: 400 when opened, 410 when confirmed, and opens nothing', async () => {
    const client = browser(app);
    for (const path of [
      '/connexion/lien',
      '/connexion/lien?jeton=a&jeton=b',
      `/connexion/lien?jeton=${'x'.repeat(201)}`,
    ]) {
      const page = await client.get(path);
      assert.equal(page.statusCode, 400, path);
      assert.match(page.body, /Ce lien de connexion est incomplet\. Demandez-en un nouveau\./);
      assert.doesNotMatch(page.body, /name="jeton"/);
    }
    await client.get('/connexion');
    const forms: Record<string, string>[] = [{}, { jeton: 'y'.repeat(201) }];
    for (const form of forms) {
      const response = await client.post('/connexion/lien', form);
      assert.equal(response.statusCode, 410);
      assert.match(response.body, /Ce lien de connexion est incomplet/);
    }
    assert.equal(client.jar.get('coopdec_session'), undefined);
  });
});
