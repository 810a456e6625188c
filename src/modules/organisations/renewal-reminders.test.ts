import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import {
  buildElected,
  buildLocalGovernment,
  buildOfficer,
  buildStaff,
  sessionCookie,
} from '../../../tests/factories.ts';
import { Browser, testApp } from '../../../tests/helpers.ts';
import { queryRows } from '../../platform/db/client.ts';
import { parisYear } from '../../platform/time.ts';
import { site } from '../index.ts';
import { recordMembership } from './memberships.ts';
import { setDisabled } from './people.ts';
import { queueRenewalReminders } from './renewal-reminders.ts';

describe('reminding late members to renew, once per campaign', async () => {
  const { app, db, jobs } = await testApp({ after });
  const staff = await buildStaff(db);
  const year = parisYear();
  const browser = new Browser(app);
  browser.jar.store({
    cookies: [{ name: 'coopdec_session', value: (await sessionCookie(db, staff)).split('=')[1]! }],
  });

  async function late() {
    const organisation = await buildLocalGovernment(db, { member: false });
    await recordMembership(
      db,
      organisation.id,
      { year: year - 1, status: 'active', feeCents: 150_000 },
      null,
    );
    return organisation;
  }
  // A: a referent and an élu (the referent is written to); B: two élus, one disabled (the other is written
  // to); C: nobody to write to; D: renewed (not late).
  const a = await late();
  const referent = await buildOfficer(db, a.id, true);
  const electedOfA = await buildElected(db, a.id);
  const b = await late();
  const electedOfB = await buildElected(db, b.id);
  const disabledOfB = await buildElected(db, b.id);
  await setDisabled(db, disabledOfB.id, true, null);
  const c = await late();
  const d = await buildLocalGovernment(db, { member: true });
  await recordMembership(db, d.id, { year: year - 1, status: 'active' }, null);

  const mailsTo = async (email: string) =>
    queryRows<{ subject: string; text: string }>(
      db,
      sql`select subject, text from mails where "to" = ${email}`,
    );

  it('previews who will receive what: referents, else the élus; nobody for an organisation without either', async () => {
    const page = await browser.get('/gestion/adhesions/relance');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`Relance n° 1 de ${year}`));
    assert.match(page.body, new RegExp(`${referent.email}> — référent·e`));
    assert.match(page.body, new RegExp(`${electedOfB.email}> — élu·e \\(pas de référent·e\\)`));
    assert.doesNotMatch(
      page.body,
      new RegExp(electedOfA.email),
      'the élu of an organisation with a referent',
    );
    assert.doesNotMatch(page.body, new RegExp(disabledOfB.email), 'a disabled account');
    assert.match(page.body, /Personne à relancer : ajoutez un ou une référente/);
    assert.doesNotMatch(page.body, new RegExp(d.name));
    assert.match(page.body, /Objet :<\/strong> Adhésion/);
    assert.match(page.body, /<p class="muted">Vous recevez ce message car vous êtes (référent·e|élu·e) de/);
    assert.match(page.body, /Envoyer la relance à 2 destinataires/);
    // A preview writes nothing.
    const [count] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from renewal_reminders`);
    assert.equal(count!.n, 0);
  });

  it('mails each organisation once per campaign, even when staff clicks twice, through the job queue', async () => {
    const form = { year: String(year), round: '1' };
    const first = await browser.post('/gestion/adhesions/relance', form);
    assert.equal(first.statusCode, 303);
    const second = await browser.post('/gestion/adhesions/relance', form);
    assert.equal(second.statusCode, 303);
    assert.deepEqual(await mailsTo(referent.email), [], 'nothing written before the queue runs');
    await jobs.drain();
    const toReferent = await mailsTo(referent.email);
    assert.equal(toReferent.length, 1);
    assert.equal(toReferent[0]!.subject, `Adhésion ${year} de ${a.name} à Cités Unies France`);
    assert.match(
      toReferent[0]!.text,
      new RegExp(`${a.name} était adhérente de Cités Unies France en ${year - 1}`),
    );
    assert.match(toReferent[0]!.text, /Vous recevez ce message car vous êtes référent·e/);
    assert.equal((await mailsTo(electedOfB.email)).length, 1);
    assert.match((await mailsTo(electedOfB.email))[0]!.text, /n’y a pas encore de référent·e/);
    assert.equal((await mailsTo(electedOfA.email)).length, 0);
    assert.equal((await mailsTo(disabledOfB.email)).length, 0);
    const rows = await queryRows<{ organisation_id: string; recipients: number; sent: boolean }>(
      db,
      sql`select organisation_id, recipients, sent_at is not null as sent from renewal_reminders where round = 1`,
    );
    assert.deepEqual(
      rows.map((r) => [r.organisation_id, r.recipients, r.sent]).sort(),
      [
        [a.id, 1, true],
        [b.id, 1, true],
        [c.id, 0, true],
      ].sort(),
    );
    const renewals = await browser.get('/gestion/adhesions/renouvellement');
    assert.match(renewals.body, /Relance n° 1, le/);
  });

  it('lets two reminders of the same campaign race: each organisation is reminded once', async () => {
    const e = await late();
    const referentOfE = await buildOfficer(db, e.id, true);
    const input = { year, round: 1, organisationId: e.id };
    const results = await Promise.all([
      db.transaction((tx) => queueRenewalReminders(tx, input, staff.id)),
      db.transaction((tx) => queueRenewalReminders(tx, input, staff.id)),
    ]);
    assert.deepEqual(results.map((r) => (r.ok ? r.value.queued : -1)).sort(), [0, 1]);
    await jobs.drain();
    assert.equal((await mailsTo(referentOfE.email)).length, 1);
  });

  it('starts a new campaign when asked, which reminds again; refuses a campaign that skips a number', async () => {
    const preview = await browser.get('/gestion/adhesions/relance');
    assert.match(
      preview.body,
      /Relance n° 2 de/,
      'every late member was reminded in the first: the next one',
    );
    assert.equal(
      (await browser.post('/gestion/adhesions/relance', { year: String(year), round: '2' })).statusCode,
      303,
    );
    await jobs.drain();
    assert.equal((await mailsTo(referent.email)).length, 2);
    const skipped = await browser.post('/gestion/adhesions/relance', { year: String(year), round: '4' });
    assert.equal(skipped.statusCode, 422);
    assert.match(skipped.body, /la prochaine est la relance n° 3/);
    const lastYear = await browser.post('/gestion/adhesions/relance', { year: String(year - 1), round: '3' });
    assert.equal(lastYear.statusCode, 409);
  });

  it('reminds one organisation alone, refuses one that is not late, and mails nobody once it renewed', async () => {
    const notLate = await browser.post('/gestion/adhesions/relance', {
      year: String(year),
      round: '3',
      organisationId: d.id,
    });
    assert.equal(notLate.statusCode, 422);
    assert.match(notLate.body, /n’a pas d’adhésion à renouveler/);
    const f = await late();
    const referentOfF = await buildOfficer(db, f.id, true);
    const one = await browser.post('/gestion/adhesions/relance', {
      year: String(year),
      round: '3',
      organisationId: f.id,
    });
    assert.equal(one.statusCode, 303);
    // It renews before the queue runs: the reminder is dropped.
    await recordMembership(db, f.id, { year, status: 'active' }, null);
    await jobs.drain();
    assert.equal((await mailsTo(referentOfF.email)).length, 0);
    assert.equal((await mailsTo(referent.email)).length, 2, 'the others of the campaign were not reminded');
  });

  it('counts the renewals due on the staff’s home', async () => {
    const items = await site.attention(db, new Date());
    const renewals = items.find((i) => i.href === '/gestion/adhesions/renouvellement');
    assert.equal(renewals?.count, 4, 'A, B, C and E are still late');
    assert.equal(renewals?.label, `adhésions ${year} à renouveler`);
  });
});
