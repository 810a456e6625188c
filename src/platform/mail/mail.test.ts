import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import { SMTPServer } from 'smtp-server';
import { buildPerson, buildStaff, sessionCookie } from '../../../tests/factories.ts';
import { testApp } from '../../../tests/helpers.ts';
import { calendarPartOf, startSmtp } from '../../../tests/smtp.ts';
import { queryRows } from '../db/client.ts';
import { composeMail, createMailSender, queueMail } from './mail.tsx';

const sentAtOf = async (db: Parameters<typeof queryRows>[0], id: string) =>
  (await queryRows<{ sent_at: unknown }>(db, sql`select sent_at from mails where id = ${id}`))[0]?.sent_at;

describe('composing a mail', () => {
  const mail = composeMail({
    to: 'ines@example.org',
    subject: 'Réunion <du> réseau & partenaires',
    greeting: 'Bonjour <script>alert("x")</script>,',
    paragraphs: ['Tom & Jerry <b>en gras</b>', 'Deuxième paragraphe.'],
    action: { label: 'Voir <la> réunion', url: 'https://coopdec.example.org/r?a=1&b="2"' },
    footnote: 'Note <i>en bas</i>.',
  });

  it('escapes in the HTML part the text it is given', () => {
    // `<`, `&` and `"` are escaped; a bare `>` is harmless in text and left as is.
    for (const tag of ['<script', '</script', '<b>', '<i>', '<la>', '<du>'])
      assert.ok(!mail.html.includes(tag), tag);
    assert.ok(mail.html.includes('<p>Bonjour &lt;script>alert(&quot;x&quot;)&lt;/script>,</p>'));
    assert.ok(mail.html.includes('<p>Tom &amp; Jerry &lt;b>en gras&lt;/b></p>'));
    assert.ok(mail.html.includes('<title>Réunion &lt;du> réseau &amp; partenaires</title>'));
    assert.ok(mail.html.includes('href="https://coopdec.example.org/r?a=1&amp;b=&quot;2&quot;"'));
    assert.ok(mail.html.includes('Note &lt;i>en bas&lt;/i>.'));
    assert.ok(mail.html.startsWith('<!doctype html><html lang="fr">'));
  });

  it('has a plain text part with the same words, the link written out', () => {
    assert.match(mail.text, /^Bonjour <script>alert\("x"\)<\/script>,\n\nTom & Jerry <b>en gras<\/b>\n/);
    assert.ok(mail.text.includes('Deuxième paragraphe.'));
    assert.ok(mail.text.includes('Voir <la> réunion : https://coopdec.example.org/r?a=1&b="2"'));
    assert.ok(mail.text.includes('Note <i>en bas</i>.'));
    assert.equal(mail.to, 'ines@example.org');
  });
});

describe('sending mail over SMTP', async () => {
  const smtp = await startSmtp({ after });
  const { db, jobs } = await testApp(
    { after },
    { SMTP_URL: smtp.url, MAIL_FROM: 'Coopdec <ne-pas-repondre@coopdec.test>' },
  );

  it('delivers a queued mail exactly once, with a fixed Message-ID on the platform’s domain, even when its job runs twice', async () => {
    const id = await queueMail(
      db,
      composeMail({
        to: 'Hélène.Exemple@example.org',
        subject: 'Bienvenue dans le réseau',
        greeting: 'Bonjour Hélène,',
        paragraphs: ['Votre compte est prêt.'],
      }),
    );
    assert.ok(id);
    assert.equal(await sentAtOf(db, id), null, 'nothing leaves before the job runs');
    assert.equal(await jobs.drain(), 1);
    assert.notEqual(await sentAtOf(db, id), null);
    // The job runs again (a worker crashed after sending, say): nothing leaves twice.
    await db.execute(sql`update jobs set done_at = null, run_at = now() where payload->>'mailId' = ${id}`);
    assert.equal(await jobs.drain(), 1);
    const again = createMailSender(db, {
      smtpUrl: smtp.url,
      from: 'Coopdec <ne-pas-repondre@coopdec.test>',
      domain: 'coopdec.test',
      baseUrl: 'http://coopdec.test',
    });
    try {
      await again.handler({ mailId: id }, { id: 0, attempts: 1 });
      await again.handler({ mailId: id }, { id: 0, attempts: 2 });
    } finally {
      again.close();
    }
    // The Message-ID is on the platform's domain: BASE_URL is localhost here, so MAIL_FROM's.
    const delivered = smtp.received.filter((m) => m.messageId === `<${id}@coopdec.test>`);
    assert.equal(delivered.length, 1);
    const mail = delivered[0]!;
    assert.equal(mail.subject, 'Bienvenue dans le réseau');
    assert.equal(mail.from?.text, '"Coopdec" <ne-pas-repondre@coopdec.test>');
    assert.match(mail.text ?? '', /Votre compte est prêt\./);
    assert.match(String(mail.html), /<p>Votre compte est prêt\.<\/p>/);
  });

  it('sends a stored calendar part as a text/calendar alternative, the same one again after a crash', async () => {
    const calendar = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Coopdec//agenda//FR',
      'METHOD:CANCEL',
      'BEGIN:VEVENT',
      'UID:0b0e6f4c-2f7e-4d55-9a43-6b1a8c1e0d2a@coopdec.test',
      'SEQUENCE:3',
      'DTSTAMP:20261201T090000Z',
      'DTSTART:20261215T140000Z',
      'SUMMARY:Réunion annulée',
      'STATUS:CANCELLED',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    const id = await queueMail(db, {
      ...composeMail({
        to: 'ines@example.org',
        subject: 'Annulé',
        greeting: 'Bonjour,',
        paragraphs: ['Non.'],
      }),
      calendar: { method: 'CANCEL', content: calendar },
    });
    assert.ok(id);
    const [stored] = await queryRows<{ calendar_method: string; calendar: string }>(
      db,
      sql`select calendar_method, calendar from mails where id = ${id}`,
    );
    assert.deepEqual(stored, { calendar_method: 'CANCEL', calendar });
    await jobs.drain();
    // The process died after the SMTP server took the mail and before `sent_at` was written: it goes again.
    await db.execute(sql`update mails set sent_at = null where id = ${id}`);
    await db.execute(sql`update jobs set done_at = null, run_at = now() where payload->>'mailId' = ${id}`);
    await jobs.drain();
    const delivered = smtp.received.filter((m) => m.messageId === `<${id}@coopdec.test>`);
    assert.equal(delivered.length, 2, 'the same Message-ID twice, so that the receiver can tell');
    for (const mail of delivered) {
      assert.deepEqual(calendarPartOf(mail), { method: 'CANCEL', content: calendar });
      const file = mail.attachments.find((a) => a.filename === 'invitation.ics');
      assert.equal(file?.content.toString('utf8'), calendar);
    }
  });

  it('sends nothing for a mail that was never written (rolled back with its transaction)', async () => {
    const before = smtp.received.length;
    await assert.rejects(
      db.transaction(async (tx) => {
        await queueMail(
          tx,
          composeMail({ to: 'x@example.org', subject: 'Annulé', greeting: 'Bonjour,', paragraphs: [] }),
        );
        throw new Error('annulé');
      }),
    );
    assert.equal(await jobs.drain(), 0);
    assert.equal(smtp.received.length, before);
  });
});

describe('mail without SMTP (development)', async () => {
  const { app, db, jobs } = await testApp({ after });
  const staff = await buildStaff(db);
  const member = await buildPerson(db);
  const subject = `Compte rendu ${Date.now()}`;
  const id = (await queueMail(
    db,
    composeMail({ to: member.email, subject, greeting: 'Bonjour,', paragraphs: ['Texte <gardé> ici.'] }),
  ))!;
  const page = async (cookie?: string) =>
    app.inject({ method: 'GET', url: '/dev/courriels', headers: cookie ? { cookie } : {} });

  it('keeps the mail unsent (sent_at null) and finishes its job', async () => {
    assert.equal(await jobs.drain(), 1);
    assert.equal(await sentAtOf(db, id), null);
    const [job] = await queryRows<{ done: boolean }>(
      db,
      sql`select done_at is not null as done from jobs where payload->>'mailId' = ${id}`,
    );
    assert.equal(job?.done, true);
  });

  it('lists the kept mails on /dev/courriels for staff', async () => {
    const response = await page(await sessionCookie(db, staff));
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /Aucun serveur SMTP n’est configuré/);
    assert.ok(response.body.includes(subject));
    assert.ok(response.body.includes(`À ${member.email}`));
    assert.ok(response.body.includes('Texte &lt;gardé> ici.'));
  });

  it('keeps /dev/courriels from anyone else: 403 for a member, the sign-in page for a visitor', async () => {
    const forbidden = await page(await sessionCookie(db, member));
    assert.equal(forbidden.statusCode, 403);
    assert.match(forbidden.body, /Cette page est réservée à l’équipe du réseau/);
    assert.ok(!forbidden.body.includes(subject));
    const visitor = await page();
    assert.equal(visitor.statusCode, 303);
    assert.equal(visitor.headers.location, '/connexion');
  });
});

describe('signing and verifying the mails that leave', async () => {
  // A real SMTP server on loopback that keeps each message as it arrived, byte for byte (DKIM signs bytes).
  const raw: Buffer[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        raw.push(Buffer.concat(chunks));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const smtpUrl = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const t = await testApp(
    { after },
    {
      SMTP_URL: smtpUrl,
      MAIL_FROM: 'Coopdec <ne-pas-repondre@coopdec.test>',
      DKIM_PRIVATE_KEY: pem.replaceAll('\n', '\\n'),
      DKIM_SELECTOR: 'coopdec2026',
      DKIM_DOMAIN: 'coopdec.test',
    },
  );
  // The DNS record a receiving server would read: `coopdec2026._domainkey.coopdec.test`.
  const record = `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;
  const resolver = async (name: string, type: string) => {
    if (name === 'coopdec2026._domainkey.coopdec.test' && type === 'TXT') return [[record]];
    throw Object.assign(new Error(`pas d’enregistrement ${type} pour ${name}`), { code: 'ENOTFOUND' });
  };

  it('signs every mail with DKIM, verified by mailauth, and prints a code that our page and API recognise', async () => {
    await queueMail(
      t.db,
      composeMail({
        to: 'claire@ville-exemple.fr',
        subject: 'Votre inscription est confirmée',
        greeting: 'Bonjour Claire,',
        paragraphs: ['À bientôt.'],
      }),
    );
    await t.jobs.drain();
    assert.equal(raw.length, 1);
    const signed = raw[0]!;
    const verified = await dkimVerify(signed, { resolver });
    assert.deepEqual(
      verified.results.map((r: { status: { result: string } }) => r.status.result),
      ['pass'],
    );
    // Tampered with on the way, the signature fails.
    const tampered = Buffer.from(signed.toString('utf8').replaceAll('Bonjour Claire', 'Bonjour Pierre'));
    assert.notDeepEqual(tampered, signed);
    const broken = await dkimVerify(tampered, { resolver });
    assert.notEqual(broken.results[0]?.status.result, 'pass');

    const text = signed.toString('utf8');
    const code =
      /Code de v=C3=A9rification de ce courriel : ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})|Code de vérification de ce courriel : ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(
        text,
      );
    const printed = code?.[1] ?? code?.[2];
    assert.ok(printed, 'the text part prints the code');
    const answer = await t.app.inject({ method: 'GET', url: `/api/v1/mail-verification/${printed}` });
    assert.equal(answer.statusCode, 200);
    const body = answer.json();
    assert.equal(body.sentByUs, true);
    assert.equal(body.subject, 'Votre inscription est confirmée');
    assert.equal(body.to, 'c•••@ville-exemple.fr');
    // Typed by a person: lower case, without dashes, O for 0.
    const page = await t.app.inject({
      method: 'GET',
      url: `/courriels/verifier?code=${encodeURIComponent(printed.toLowerCase().replaceAll('-', ' ').replaceAll('0', 'o'))}`,
    });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Oui, ce courriel vient de nous/);
    assert.match(page.body, /c•••@ville-exemple\.fr/);
    // By its Message-ID too.
    const messageId = /^Message-ID: (<[^>]+>)/im.exec(text)![1]!;
    const byId = await t.app.inject({
      method: 'GET',
      url: `/api/v1/mail-verification/${encodeURIComponent(messageId)}`,
    });
    assert.equal(byId.statusCode, 200);

    const unknown = await t.app.inject({ method: 'GET', url: '/api/v1/mail-verification/K7QF-9XMD-2PAB' });
    assert.equal(unknown.statusCode, 404);
    const unknownPage = await t.app.inject({ method: 'GET', url: '/courriels/verifier?code=K7QF-9XMD-2PAB' });
    assert.match(unknownPage.body, /Nous n’avons envoyé aucun courriel avec ce code/);
    assert.match(unknownPage.body, /cybermalveillance\.gouv\.fr/);
    const nonsense = await t.app.inject({ method: 'GET', url: '/courriels/verifier?code=bonjour' });
    assert.equal(nonsense.statusCode, 400);
    assert.match(nonsense.body, /Saisissez le code de 12 lettres et chiffres/);
  });
});
