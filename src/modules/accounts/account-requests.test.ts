import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { buildInstitution, buildPerson, buildStaff, sessionCookie } from '../../../tests/factories.ts';
import { Browser, testApp } from '../../../tests/helpers.ts';
import { queryRows } from '../../platform/db/client.ts';
import { site } from '../index.ts';
import { findPersonByEmail } from '../organisations/people.ts';
import { erasePerson, exportPersonalData } from '../organisations/personal-data.ts';
import { purgeAccountRequests, submitAccountRequest } from './account-requests.ts';

describe('« Demander un compte »: the public form, the staff’s queue, the answers by mail', async () => {
  const { app, db, jobs } = await testApp({ after });
  const staff = await buildStaff(db);
  const options = { baseUrl: 'http://localhost:3000', validMinutes: 10 };
  let clients = 0;

  /** A visitor's browser on the form, each from its own address (the form is limited per address). */
  async function visitor(ip = `192.0.2.${++clients}`) {
    const browser = new Browser(app);
    const page = await browser.get('/demander-un-compte');
    assert.equal(page.statusCode, 200);
    const post = async (form: Record<string, string>) => {
      const response = await app.inject({
        method: 'POST',
        url: '/demander-un-compte',
        remoteAddress: ip,
        headers: { cookie: browser.jar.header, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: browser.csrf, ...form }).toString(),
      });
      return response;
    };
    return { browser, post };
  }
  async function staffBrowser() {
    const browser = new Browser(app);
    browser.jar.store({
      cookies: [{ name: 'coopdec_session', value: (await sessionCookie(db, staff)).split('=')[1]! }],
    });
    return browser;
  }
  const requestsOf = (email: string) =>
    queryRows<{ id: string; status: string; organisation_name: string }>(
      db,
      sql`select id, status, organisation_name from account_requests where lower(email) = lower(${email})`,
    );
  const mailsTo = (email: string) =>
    queryRows<{ subject: string; text: string }>(
      db,
      sql`select subject, text from mails where "to" = ${email} order by created_at`,
    );
  const form = (email: string, extra: Record<string, string> = {}) => ({
    firstName: 'Mathilde',
    lastName: 'Girard',
    email,
    kind: 'elected',
    role: 'adjointe au maire déléguée aux relations internationales',
    organisation: 'ref:commune:54395',
    ...extra,
  });

  it('is linked from the sign-in page, and finds one’s organisation in the reference and among the known ones', async () => {
    const signIn = await app.inject({ url: '/connexion' });
    assert.match(signIn.body, /Pas encore de compte/);
    assert.match(signIn.body, /href="\/demander-un-compte"/);
    const institution = await buildInstitution(db, 'Institut Nancéien des coopérations');
    const found = await new Browser(app).get('/demander-un-compte?q=nanceien');
    assert.match(found.body, new RegExp(`value="id:${institution.id}"`));
    const nancy = await new Browser(app).get('/demander-un-compte?q=Nancy');
    assert.match(nancy.body, /value="ref:commune:54395"/);
    assert.match(nancy.body, /Nancy — commune \(54\)/);
  });

  it('answers the same whether or not the address is known; a known one gets a sign-in link, nothing queued', async () => {
    const { post } = await visitor();
    const unknown = await post(form('mathilde.girard@nancy.example.org'));
    assert.equal(unknown.statusCode, 200);
    const known = await buildPerson(db, { email: 'deja.inscrite@nancy.example.org' });
    const again = await (await visitor()).post(form(known.email));
    assert.equal(again.statusCode, 200);
    const sentence = (body: string) => /<p role="status">([^<]+)<\/p>/.exec(body)?.[1];
    assert.equal(sentence(again.body), sentence(unknown.body));
    assert.deepEqual(await requestsOf(known.email), []);
    const [toKnown] = await mailsTo(known.email);
    assert.match(toKnown!.subject, /Vous avez déjà un compte/);
    assert.match(toKnown!.text, /\/connexion\/lien\?jeton=/);
    assert.match(
      toKnown!.text,
      /Vous recevez ce message car une demande de compte a été faite avec cette adresse/,
    );
    const [request] = await requestsOf('mathilde.girard@nancy.example.org');
    assert.equal(request!.status, 'pending');
    assert.equal(request!.organisation_name, 'Nancy');
    const [received] = await mailsTo('mathilde.girard@nancy.example.org');
    assert.match(received!.text, /Votre demande de compte est bien arrivée/);
    assert.match(received!.text, /rien n’est créé sans l’accord de l’équipe du réseau/);
    // A second request from the same address while the first waits adds nothing, and says the same.
    const twice = await (await visitor()).post(form('MATHILDE.GIRARD@nancy.example.org'));
    assert.equal(sentence(twice.body), sentence(unknown.body));
    assert.equal((await mailsTo('mathilde.girard@nancy.example.org')).length, 1);
  });

  it('re-shows what was typed, in French, when the form is refused, and writes nothing', async () => {
    const { post } = await visitor();
    const refused = await post({
      firstName: 'Inès',
      lastName: '',
      email: 'pas-une-adresse',
      kind: 'elected',
      q: 'Nancy',
    });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /Ce champ est obligatoire/);
    assert.match(refused.body, /Adresse électronique invalide/);
    assert.match(refused.body, /Choisissez votre organisation dans la liste, ou écrivez son nom/);
    assert.match(refused.body, /value="Inès"/);
    assert.match(refused.body, /value="ref:commune:54395"/, 'the organisations found are offered again');
    assert.deepEqual(await requestsOf('pas-une-adresse'), []);
  });

  it('limits the form per client address: the sixth request in an hour is refused with 429, in French', async () => {
    const { post } = await visitor('198.51.100.7');
    for (let i = 1; i <= 5; i++) {
      assert.equal((await post(form(`limite.${i}@example.org`))).statusCode, 200);
    }
    const refused = await post(form('limite.6@example.org'));
    assert.equal(refused.statusCode, 429);
    assert.match(refused.body, /Trop de tentatives/);
    assert.deepEqual(await requestsOf('limite.6@example.org'), []);
  });

  it('approves a request: the commune comes from the reference, the person is created and mailed a link that signs in', async () => {
    const [request] = await requestsOf('mathilde.girard@nancy.example.org');
    const browser = await staffBrowser();
    const queue = await browser.get('/gestion/demandes');
    assert.match(queue.body, new RegExp(`href="/gestion/demandes/${request!.id}"`));
    const page = await browser.get(`/gestion/demandes/${request!.id}`);
    assert.match(page.body, /référentiel officiel : créée à l’acceptation/);
    const approved = await browser.post(`/gestion/demandes/${request!.id}/accepter`, {});
    assert.equal(approved.statusCode, 303);
    const person = await findPersonByEmail(db, 'mathilde.girard@nancy.example.org');
    assert.ok(person);
    assert.equal(person.kind, 'elected');
    const [organisation] = await queryRows<{ name: string; siren: string }>(
      db,
      sql`select name, siren from organisations where id = ${person.organisationId}`,
    );
    assert.deepEqual(organisation, { name: 'Nancy', siren: '215403957' });
    const again = await browser.post(`/gestion/demandes/${request!.id}/accepter`, {});
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /Cette demande a déjà été traitée/);
    const mails = await mailsTo(person.email);
    assert.equal(mails.length, 2, 'the acknowledgement, then the approval: once');
    assert.match(mails[1]!.subject, /Votre compte sur la plateforme de Cités Unies France est ouvert/);
    assert.match(mails[1]!.text, /Vous recevez ce message car vous avez demandé un compte/);
    const token = decodeURIComponent(/jeton=([^\s&]+)/.exec(mails[1]!.text)![1]!);
    const visitorBrowser = new Browser(app);
    await visitorBrowser.get(`/connexion/lien?jeton=${encodeURIComponent(token)}`);
    const signedIn = await visitorBrowser.post('/connexion/lien', { jeton: token });
    assert.equal(signedIn.statusCode, 303);
    assert.equal(signedIn.headers.location, '/mon-espace');
  });

  it('puts a person’s requests in the copy of their data, and deletes them with the person', async () => {
    const person = (await findPersonByEmail(db, 'mathilde.girard@nancy.example.org'))!;
    const copy = await exportPersonalData(db, person.id);
    const account = copy!.sections.find((s) => s.title === 'Compte')!.data as {
      'demandes de compte': { organisation: string; statut: string }[];
    };
    assert.equal(account['demandes de compte'].length, 1);
    assert.equal(account['demandes de compte'][0]!.organisation, 'Nancy');
    assert.equal(account['demandes de compte'][0]!.statut, 'approved');
    assert.ok((await db.transaction((tx) => erasePerson(tx, person.id, staff.id))).ok);
    assert.deepEqual(await requestsOf('mathilde.girard@nancy.example.org'), []);
  });

  it('declines a request with its reason, mailed politely; a missing reason is asked for', async () => {
    await submitAccountRequest(
      db,
      form('refus@example.org', { organisation: '', organisationName: 'Club de pétanque' }),
      options,
    );
    const [request] = await requestsOf('refus@example.org');
    const browser = await staffBrowser();
    await browser.get(`/gestion/demandes/${request!.id}`);
    const empty = await browser.post(`/gestion/demandes/${request!.id}/refuser`, { reason: '  ' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Dites en une phrase pourquoi/);
    const declined = await browser.post(`/gestion/demandes/${request!.id}/refuser`, {
      reason: 'Le réseau réunit des collectivités territoriales.',
    });
    assert.equal(declined.statusCode, 303);
    assert.equal((await requestsOf('refus@example.org'))[0]!.status, 'declined');
    const mails = await mailsTo('refus@example.org');
    assert.match(mails.at(-1)!.text, /Nous ne pouvons pas donner suite à votre demande de compte/);
    assert.match(mails.at(-1)!.text, /Le réseau réunit des collectivités territoriales\./);
    assert.match(mails.at(-1)!.text, /coop-dec@cites-unies-france\.org/);
    assert.equal(await findPersonByEmail(db, 'refus@example.org'), undefined);
  });

  it('counts the requests waiting on the staff’s home; an expired one is refused (410) and purged', async () => {
    await submitAccountRequest(db, form('attente@example.org'), options);
    const waiting = async () =>
      (await site.attention(db, new Date())).find((i) => i.href === '/gestion/demandes')?.count ?? 0;
    const before = await waiting();
    assert.ok(before >= 1);
    const old = new Date(Date.now() - 31 * 86_400_000);
    await submitAccountRequest(db, form('expiree@example.org'), options, old);
    assert.equal(await waiting(), before, 'an expired request waits for nothing');
    const [expired] = await requestsOf('expiree@example.org');
    const browser = await staffBrowser();
    await browser.get('/gestion/demandes');
    const refused = await browser.post(`/gestion/demandes/${expired!.id}/accepter`, {});
    assert.equal(refused.statusCode, 410);
    assert.equal(await findPersonByEmail(db, 'expiree@example.org'), undefined);
    // The daily job purges it, and the requests decided more than 90 days ago; not the others.
    await db.execute(
      sql`update account_requests set decided_at = now() - interval '91 days' where email = 'refus@example.org'`,
    );
    await jobs.ensureSchedules();
    await jobs.drain();
    const [next] = await queryRows<{ days: number }>(
      db,
      sql`select round(extract(epoch from run_at - now()) / 86400)::int as days from jobs
        where scheduled = 'accounts.purge_account_requests' and done_at is null`,
    );
    assert.equal(next!.days, 1, 'and comes back the next day');
    assert.deepEqual(await requestsOf('expiree@example.org'), []);
    assert.deepEqual(await requestsOf('refus@example.org'), []);
    assert.equal((await requestsOf('attente@example.org')).length, 1);
    assert.equal(await purgeAccountRequests(db), 0, 'nothing left to purge');
  });
});
