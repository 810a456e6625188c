// Readers and sending of « La Lettre », against a real SMTP server on loopback: double opt-in (nothing before
// the confirmation), the consent record, the same answer for a known address; an issue sent to a segment,
// each reader once even when the send is started twice or two processes deliver it; the mail's
// List-Unsubscribe headers read by mailparser and the one-click POST (RFC 8058) made as a mail provider makes
// it, without session, CSRF token or our Origin, refused with a forged token; a refused address paused.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import {
  bearer,
  buildElected,
  buildLocalGovernment,
  buildStaff,
  signedInBrowser,
} from '../../../tests/factories.ts';
import { appOn, Browser, testApp } from '../../../tests/helpers.ts';
import { expectOk, signing } from '../../../tests/proof/world.ts';
import { createMailTransport, mailOptionsOf } from '../../platform/mail/mail.tsx';
import { createGroup, listGroups } from '../groups/groups.ts';
import { createIssue, getIssue, setPublished } from './issues.ts';
import { issueJson } from './newsletter.matrix.ts';
import { readReservePeriods, reserveWarning } from './reserve.ts';
import { deliverHandler, startSend } from './sending.ts';
import { consentsOf, listSubscribers } from './subscriptions.ts';

/**
 * A loopback SMTP server that refuses the addresses starting with « refus » (550), as a real one does, and takes
 * `delayMs` to accept each message.
 */
async function smtpServer(delayMs = 0) {
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('refus')) {
        const error = Object.assign(new Error('Adresse inconnue'), { responseCode: 550 });
        return callback(error);
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          setTimeout(() => {
            received.push(mail);
            callback();
          }, delayMs);
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.server.address() as AddressInfo;
  const to = (email: string) => received.filter((m) => m.to && !Array.isArray(m.to) && m.to.text === email);
  return { url: `smtp://127.0.0.1:${port}`, received, to };
}

describe('La Lettre: readers and sending', async () => {
  const smtp = await smtpServer();
  const t = await testApp({ after }, { SMTP_URL: smtp.url, MAIL_RATE_PER_SECOND: '0' });
  const { app, db } = t;
  const staff = await buildStaff(db);
  const auth = await bearer(db, staff);
  const api = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
    app.inject({ method, url, headers: auth, ...(payload ? { payload: payload as object } : {}) });
  const subscribeByApi = (email: string, segments?: string[]) =>
    app.inject({ method: 'POST', url: '/api/v1/newsletter/subscriptions', payload: { email, segments } });
  const subscriberOf = async (email: string) => (await listSubscribers(db, { q: email }))[0];
  const publishedIssue = async () => {
    const { issue } = expectOk(await createIssue(db, issueJson(), staff.id));
    return issue;
  };

  it('keeps a new address pending and mails it a confirmation only; the form confirms it with the consent recorded', async () => {
    const visitor = new Browser(app);
    await visitor.get('/lettre/abonnement');
    const posted = await visitor.post('/lettre/abonnement', {
      email: ' Lectrice@Exemple.fr ',
      'topic-lettre': 'oui',
    });
    assert.equal(posted.statusCode, 200);
    assert.match(posted.body, /Vérifiez votre messagerie/);
    await t.jobs.drain();
    const mails = smtp.to('lectrice@exemple.fr');
    assert.equal(mails.length, 1);
    assert.match(mails[0]!.subject ?? '', /Confirmez votre abonnement/);
    const subscriber = await subscriberOf('lectrice@exemple.fr');
    assert.equal(subscriber?.status, 'pending');

    // Nothing is sent before the confirmation.
    const issue = await publishedIssue();
    await setPublished(db, issue.id, true, staff.id);
    const none = await api('POST', `/api/v1/newsletter/issues/${issue.id}/send`, { segment: 'tous' });
    assert.equal(none.statusCode, 202);
    assert.deepEqual(none.json(), { recipients: 0 });

    // The link's GET shows one button and changes nothing (mail scanners follow links); the POST confirms.
    const link = new URL(/https?:\/\/\S+confirmer\?jeton=[\w-]+/.exec(mails[0]!.text ?? '')![0]);
    const page = await visitor.get(link.pathname + link.search);
    assert.equal(page.statusCode, 200);
    assert.equal((await subscriberOf('lectrice@exemple.fr'))?.status, 'pending');
    const confirmed = await visitor.post(link.pathname + link.search, {});
    assert.equal(confirmed.statusCode, 200);
    assert.equal((await subscriberOf('lectrice@exemple.fr'))?.status, 'confirmed');
    const consents = await consentsOf(db, subscriber!.id);
    assert.deepEqual(
      consents.map((c) => [c.action, c.method]),
      [
        ['subscribe', 'form'],
        ['confirm', 'link'],
      ],
    );
    assert.match(consents[0]!.consentText ?? '', /J’accepte de recevoir par courriel La Lettre/);
    assert.equal(consents[0]!.source, '/lettre/abonnement');
  });

  it('answers the API the same for a known and an unknown address, and mails a confirmation once a day', async () => {
    const first = await subscribeByApi('api.lecteur@exemple.fr');
    const again = await subscribeByApi('api.lecteur@exemple.fr');
    assert.equal(first.statusCode, 202);
    assert.equal(again.statusCode, 202);
    assert.deepEqual(first.json(), again.json());
    await t.jobs.drain();
    assert.equal(smtp.to('api.lecteur@exemple.fr').length, 1);
    const bad = await subscribeByApi('pas une adresse');
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().error.fields.email, /Adresse électronique invalide/);
    const unknownTopic = await subscribeByApi('autre@exemple.fr', ['groupe:inconnu']);
    assert.equal(unknownTopic.statusCode, 400);
    assert.match(
      unknownTopic.json().error.fields['segments.0'] ?? unknownTopic.json().error.fields.segments,
      /Choix inconnu/,
    );
    assert.equal(await subscriberOf('autre@exemple.fr'), undefined);
  });

  it('subscribes a signed-in person’s verified address at once', async () => {
    const org = await buildLocalGovernment(db);
    const elue = await buildElected(db, org.id);
    const browser = await signedInBrowser(t, elue);
    await browser.get('/lettre/abonnement');
    const done = await browser.post('/lettre/abonnement', {
      'topic-lettre': 'oui',
      email: 'autre@pirate.example',
    });
    assert.equal(done.statusCode, 200);
    const subscriber = await subscriberOf(elue.email!);
    assert.equal(subscriber?.status, 'confirmed');
    assert.equal(subscriber?.personId, elue.id);
    assert.equal(await subscriberOf('autre@pirate.example'), undefined);
    assert.deepEqual(
      (await consentsOf(db, subscriber!.id)).map((c) => c.method),
      ['my_space'],
    );
  });

  it('sends an issue to each confirmed reader once, with the one-click unsubscribe headers, even started twice', async () => {
    for (const email of ['un@lecteurs.fr', 'deux@lecteurs.fr', 'refus@lecteurs.fr']) {
      await subscribeByApi(email);
      const subscriber = await subscriberOf(email);
      const confirm = await new Browser(app).get(`/lettre/abonnement/${subscriber!.id}/confirmer`);
      assert.equal(confirm.statusCode, 404, 'a link without its token is refused');
    }
    await db.execute(
      // Confirmed as their links would (the form's confirmation is proved above).
      sql`update newsletter_subscribers set status = 'confirmed', confirmed_at = now()
        where email like '%@lecteurs.fr'`,
    );
    const issue = await publishedIssue();
    const unpublished = await api('POST', `/api/v1/newsletter/issues/${issue.id}/send`, { segment: 'tous' });
    assert.equal(unpublished.statusCode, 409);
    await setPublished(db, issue.id, true, staff.id);
    const badSegment = await api('POST', `/api/v1/newsletter/issues/${issue.id}/send`, {
      segment: 'martiens',
    });
    assert.equal(badSegment.statusCode, 400);

    const [sent, twice] = await Promise.all([
      api('POST', `/api/v1/newsletter/issues/${issue.id}/send`, { segment: 'tous' }),
      api('POST', `/api/v1/newsletter/issues/${issue.id}/send`, { segment: 'tous' }),
    ]);
    const counts = [sent.json().recipients, twice.json().recipients].sort();
    const readers = (await listSubscribers(db, { status: 'confirmed' })).filter((s) =>
      s.topics.includes('lettre'),
    );
    assert.deepEqual(counts, [0, readers.length]);
    // A second process delivers beside the first: the claims never overlap.
    const second = await appOn({ after }, t.database, { SMTP_URL: smtp.url, MAIL_RATE_PER_SECOND: '0' });
    await Promise.all([t.jobs.drain(), second.jobs.drain()]);

    const ofIssue = smtp.received.filter((m) => (m.subject ?? '').startsWith('Novembre & Décembre 2025'));
    const addresses = ofIssue.map((m) => (m.to && !Array.isArray(m.to) ? m.to.text : ''));
    assert.equal(new Set(addresses).size, addresses.length, 'nobody twice');
    assert.deepEqual(
      new Set(addresses),
      new Set(readers.map((r) => r.email).filter((e) => !e.startsWith('refus'))),
    );
    const progress = await api('GET', `/api/v1/newsletter/issues/${issue.id}/progress`);
    assert.deepEqual(progress.json(), { sent: readers.length - 1, remaining: 0, failed: 1 });
    assert.equal((await subscriberOf('refus@lecteurs.fr'))?.status, 'paused');

    const mail = ofIssue.find((m) => m.to && !Array.isArray(m.to) && m.to.text === 'un@lecteurs.fr')!;
    // The raw header lines, as a mail provider reads them (mailparser also parses them, into `list`).
    const header = (key: string) =>
      mail.headerLines
        .find((h) => h.key === key)
        ?.line.replace(/^[^:]+:\s*/, '')
        .replace(/\r?\n\s+/g, ' ');
    const unsubscribeHeader = header('list-unsubscribe') ?? '';
    assert.ok((mail.headers.get('list') as { unsubscribe?: { url?: string } }).unsubscribe?.url);
    assert.match(
      unsubscribeHeader,
      /<http:\/\/[^>]+\/lettre\/abonnement\/[0-9a-f-]+\/desabonner\?jeton=[\w-]+>/,
    );
    assert.match(unsubscribeHeader, /<mailto:[^>]+>/);
    assert.equal(header('list-unsubscribe-post'), 'List-Unsubscribe=One-Click');
    assert.match(mail.messageId ?? '', /^<[0-9a-f-]+@[\w.-]+>$/);
    assert.match(mail.text ?? '', /AGENDA/);
    // No resource but the platform's: no script or style sheet, images only from the platform.
    assert.doesNotMatch(String(mail.html), /<(script|link)\b/i);
    for (const [, src] of String(mail.html).matchAll(/<img[^>]*\ssrc="([^"]*)"/g))
      assert.ok(src!.startsWith(`${t.config.baseUrl}/lettre/images/`), src);

    // RFC 8058: the provider posts from its servers; a forged token is refused and changes nothing.
    const url = new URL(/<(http[^>]+)>/.exec(unsubscribeHeader)![1]!);
    const oneClick = (search: string) =>
      app.inject({
        method: 'POST',
        url: url.pathname + search,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: 'https://mail.fournisseur.example',
          'sec-fetch-site': 'cross-site',
        },
        payload: 'List-Unsubscribe=One-Click',
      });
    const forged = await oneClick('?jeton=contrefait');
    assert.equal(forged.statusCode, 404);
    assert.equal((await subscriberOf('un@lecteurs.fr'))?.status, 'confirmed');
    const done = await oneClick(url.search);
    assert.equal(done.statusCode, 200);
    const gone = await subscriberOf('un@lecteurs.fr');
    assert.equal(gone?.status, 'unsubscribed');
    assert.equal((await consentsOf(db, gone!.id)).at(-1)?.method, 'one_click');
    // Other forms of the site still refuse another site.
    const forms = await app.inject({
      method: 'POST',
      url: '/lettre/abonnement',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://mail.fournisseur.example',
      },
      payload: 'email=x%40y.fr',
    });
    assert.equal(forms.statusCode, 403);
  });

  it('never sends one reader twice when two deliverers work on one sending at once', async () => {
    // 120 readers of their own topic (a group's news), so that the other tests' readers stay out of it.
    const group =
      (await listGroups(db))[0] ??
      expectOk(await createGroup(db, { name: 'Japon', kind: 'country' }, staff.id));
    const topic = `groupe:${group.id}`;
    await db.execute(sql`insert into newsletter_subscribers (email, status, topics, confirmed_at)
      select 'lecteur' || n || '@deux-processus.fr', 'confirmed', array[${topic}], now()
      from generate_series(1, 120) n`);
    const issue = await publishedIssue();
    await setPublished(db, issue.id, true, staff.id);
    const { sendId } = expectOk(await startSend(db, issue.id, topic, staff.id, t.config.baseUrl));
    // Two workers (two processes after a lease expired, say) run the sending's job together.
    const deliverer = () =>
      deliverHandler(db, {
        transport: () => createMailTransport(db, { ...mailOptionsOf(t.config), connections: 2 }),
        domain: 'coopdec.test',
        signing,
        ratePerSecond: 0,
        concurrency: 2,
        logger: t.logger,
      })({ sendId });
    await Promise.all([deliverer(), deliverer()]);
    await t.jobs.drain();
    const addresses = smtp.received
      .map((m) => (m.to && !Array.isArray(m.to) ? m.to.text : ''))
      .filter((a) => a.endsWith('@deux-processus.fr'));
    assert.equal(addresses.length, 120, 'each reader once, none lost');
    assert.equal(new Set(addresses).size, 120);
  });

  it('keeps the deliveries in hand while a slow server takes them: a second worker does not send them again', async () => {
    // A server that takes 1.2 s a message; the claims last 1 s and are renewed every third of a second.
    const slow = await smtpServer(1200);
    const group = expectOk(await createGroup(db, { name: 'Lenteur', kind: 'thematic' }, staff.id));
    const topic = `groupe:${group.id}`;
    await db.execute(sql`insert into newsletter_subscribers (email, status, topics, confirmed_at)
      select 'lent' || n || '@lent.fr', 'confirmed', array[${topic}], now() from generate_series(1, 5) n`);
    const issue = await publishedIssue();
    await setPublished(db, issue.id, true, staff.id);
    await t.jobs.stop();
    try {
      const { sendId } = expectOk(await startSend(db, issue.id, topic, staff.id, t.config.baseUrl));
      const deliverer = () =>
        deliverHandler(db, {
          transport: () => createMailTransport(db, { ...mailOptionsOf(t.config), smtpUrl: slow.url }),
          domain: 'coopdec.test',
          signing,
          ratePerSecond: 0,
          concurrency: 1,
          leaseSeconds: 1,
          logger: t.logger,
        })({ sendId });
      const first = deliverer();
      // The first worker holds all five; 2.5 s later its claims would have expired without their renewal.
      await new Promise((resolve) => setTimeout(resolve, 2500));
      await Promise.all([first, deliverer()]);
      const addresses = slow.received.map((m) => (m.to && !Array.isArray(m.to) ? m.to.text : ''));
      assert.equal(addresses.length, 5, `each once: ${addresses.join(', ')}`);
      assert.equal(new Set(addresses).size, 5);
    } finally {
      t.jobs.start();
    }
  });

  it('warns, in a pre-electoral reserve period, of an issue that names an élu of the platform', async () => {
    const elu = await buildElected(db, (await buildLocalGovernment(db)).id);
    const input = issueJson();
    input.sections[0]!.items[0]!.body =
      `Entretien avec ${elu.firstName.toUpperCase()} ${elu.lastName}, maire.`;
    const { issue } = expectOk(await createIssue(db, input, staff.id));
    const document = (await getIssue(db, issue.id))!;
    const periods = readReservePeriods(
      `2025-09-01/2026-03-22 municipales; 2026-10-01/2027-04-30 présidentielle`,
    );
    assert.deepEqual(periods[1], { start: '2026-10-01', end: '2027-04-30', election: 'présidentielle' });
    const inside = await reserveWarning(db, document, periods, new Date('2026-12-01T10:00:00Z'));
    assert.equal(inside?.election, 'présidentielle');
    assert.deepEqual(inside?.names, [`${elu.firstName} ${elu.lastName}`]);
    assert.equal(await reserveWarning(db, document, periods, new Date('2026-06-01T10:00:00Z')), undefined);
    const plain = expectOk(await createIssue(db, issueJson(), staff.id));
    assert.equal(
      await reserveWarning(
        db,
        (await getIssue(db, plain.issue.id))!,
        periods,
        new Date('2026-12-01T10:00:00Z'),
      ),
      undefined,
    );
  });

  it('shows staff whom a sending reaches before it leaves, and the readers with their consent record', async () => {
    const browser = await signedInBrowser(t, staff);
    const issue = await publishedIssue();
    await setPublished(db, issue.id, true, staff.id);
    const preview = await browser.get(`/gestion/lettre/${issue.id}/envoi?segment=tous`);
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /deux@lecteurs\.fr/);
    assert.doesNotMatch(preview.body, /refus@lecteurs\.fr/, 'a paused address is not sent to');
    const list = await browser.get('/gestion/lettre/abonnes?q=lecteurs&statut=');
    assert.match(list.body, /un@lecteurs\.fr/);
    const unknownSegment = await browser.get(`/gestion/lettre/${issue.id}/envoi?segment=martiens`);
    assert.equal(unknownSegment.statusCode, 400);
  });
});
