import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { buildStaff, sessionCookie } from '../../../tests/factories.ts';
import { Browser, testApp } from '../../../tests/helpers.ts';
import { queryRows } from '../../platform/db/client.ts';
import { composeMail, queueMail } from '../../platform/mail/mail.tsx';
import { site } from '../index.ts';

describe('mails that could not leave, on the staff’s home', async () => {
  // An SMTP server that refuses every connection: the sending job fails for real.
  const { app, db, jobs } = await testApp({ after }, { SMTP_URL: 'smtp://127.0.0.1:9' });
  const staff = await buildStaff(db);

  it('counts a mail whose job gave up, lists it with its error, and sends it again when asked', async () => {
    const id = (await queueMail(
      db,
      composeMail({
        to: 'injoignable@example.org',
        subject: 'Relance',
        greeting: 'Bonjour,',
        paragraphs: ['Texte.'],
      }),
    ))!;
    const failed = async () =>
      (await site.attention(db, new Date())).find((i) => i.href === '/gestion/courriels/echecs')?.count ?? 0;
    // Its last attempt: the queue sets it aside when it fails once more.
    await db.execute(sql`update jobs set attempts = 7 where payload->>'mailId' = ${id}`);
    assert.equal(await failed(), 0);
    await jobs.drain();
    assert.equal(await failed(), 1);
    const browser = new Browser(app);
    browser.jar.store({
      cookies: [{ name: 'coopdec_session', value: (await sessionCookie(db, staff)).split('=')[1]! }],
    });
    const page = await browser.get('/gestion/courriels/echecs');
    assert.match(page.body, /injoignable@example\.org/);
    assert.match(page.body, /ECONNREFUSED|connect/i);
    const retried = await browser.post(`/gestion/courriels/${id}/renvoyer`, {});
    assert.equal(retried.statusCode, 303);
    assert.equal(await failed(), 0);
    const [job] = await queryRows<{ attempts: number; failed: boolean }>(
      db,
      sql`select attempts, failed_at is not null as failed from jobs where payload->>'mailId' = ${id}`,
    );
    assert.deepEqual(job, { attempts: 0, failed: false });
    const again = await browser.post(`/gestion/courriels/${id}/renvoyer`, {});
    assert.equal(again.statusCode, 409, 'a mail no longer failed is not retried twice');
  });
});
