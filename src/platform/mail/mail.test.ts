import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
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
