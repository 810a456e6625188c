// Issue 11, finding 12: expressions of interest with a double opt-in. The public form stores a pending
// expression and mails a link to confirm it; only confirmed ones are listed, exported and invited; the
// others are purged after 7 days (a scheduled job); every mail about it carries a link to withdraw, as
// easy as the form, and the withdrawal is recorded.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { and, desc, eq } from 'drizzle-orm';
import { buildStaff, sessionCookie } from '../../../tests/factories.ts';
import { Browser, testApp } from '../../../tests/helpers.ts';
import { auditLog, mails } from '../../platform/db/platform.schema.ts';
import { secretsKey } from '../../platform/secrets.ts';
import program from './index.ts';
import {
  expressInterest,
  interestLink,
  listInterests,
  purgeInterestsJob,
  purgeUnconfirmedInterests,
} from './interest.ts';
import { expressionsOfInterest } from './program.schema.ts';
import { createProgram } from './programs.ts';

const day = 86_400_000;

function expectOk<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('expressions of interest, confirmed by their address (double opt-in)', async () => {
  const services = await testApp({ after });
  const { app, db, config } = services;
  const signing = { baseUrl: config.baseUrl, secretsKey: secretsKey(config) };
  const staff = await buildStaff(db);
  const edition = expectOk(
    await createProgram(db, { title: 'Promotion 2027-2028', minSessions: 3 }, staff.id),
  );
  const form = (email: string) => ({
    firstName: 'Sandrine',
    lastName: 'Roux',
    email,
    organisationName: 'Ville de Quimper',
    mandate: 'adjointe au maire',
  });

  const staffBrowser = async () => {
    const browser = new Browser(app);
    browser.jar.store({
      cookies: [{ name: 'coopdec_session', value: (await sessionCookie(db, staff)).split('=')[1]! }],
    });
    return browser;
  };
  const mailsTo = (email: string) =>
    db.select().from(mails).where(eq(mails.to, email)).orderBy(desc(mails.createdAt));
  const rowOf = async (email: string) =>
    (
      await db
        .select()
        .from(expressionsOfInterest)
        .where(and(eq(expressionsOfInterest.programId, edition.id), eq(expressionsOfInterest.email, email)))
    )[0];
  /** The links of a mail's text part. */
  const linksIn = (text: string) => ({
    confirm: /http:\/\/localhost:3000(\/parcours\/interet\/[^/]+\/confirmer\?jeton=\S+)/.exec(text)?.[1],
    withdraw: /http:\/\/localhost:3000(\/parcours\/interet\/[^/]+\/retirer\?jeton=\S+)/.exec(text)?.[1],
  });
  const tokenOf = (link: string) => new URL(link, 'http://x').searchParams.get('jeton')!;

  it('stores a pending expression, mails a link to confirm it, and lists nothing until it is followed', async () => {
    const visitor = new Browser(app);
    await visitor.get(`/parcours/${edition.id}`);
    const sent = await visitor.post(`/parcours/${edition.id}/interet`, form('sandrine.roux@quimper.fr'));
    assert.equal(sent.statusCode, 303);
    const row = (await rowOf('sandrine.roux@quimper.fr'))!;
    assert.equal(row.confirmedAt, null);
    assert.deepEqual(await listInterests(db, edition.id), []);

    const [mail] = await mailsTo('sandrine.roux@quimper.fr');
    assert.equal(mail!.subject, 'Confirmez votre intérêt : Promotion 2027-2028');
    assert.match(mail!.text, /Sans confirmation dans les 7 jours, votre demande est effacée/);
    // Why she receives it, and how to withdraw: in the mail itself.
    assert.match(mail!.text, /Vous recevez ce courriel parce que votre adresse a été donnée/);
    const links = linksIn(mail!.text);
    assert.ok(links.confirm && links.withdraw, mail!.text);

    const staffPage = await (await staffBrowser()).get(`/gestion/parcours/${edition.id}`);
    assert.match(staffPage.body, /Manifestations d’intérêt \(0\)/);
    assert.match(staffPage.body, /1 autre attend sa confirmation/);
    assert.ok(!staffPage.body.includes('sandrine.roux@quimper.fr'));
    const csv = await (await staffBrowser()).get(`/gestion/parcours/${edition.id}/interets.csv`);
    assert.ok(!csv.body.includes('sandrine.roux@quimper.fr'), 'not exported before confirmation');

    // Opening the link changes nothing (mail scanners open links): the button does.
    const page = await visitor.get(links.confirm!);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Confirmer mon adresse/);
    assert.equal((await rowOf('sandrine.roux@quimper.fr'))!.confirmedAt, null);
    const confirmed = await visitor.post(links.confirm!.split('?')[0]!, { jeton: tokenOf(links.confirm!) });
    assert.equal(confirmed.statusCode, 303);
    assert.equal(
      confirmed.headers.location,
      `/parcours/${edition.id}?info=program.interest_confirmed#participer`,
    );
    assert.ok((await rowOf('sandrine.roux@quimper.fr'))!.confirmedAt);
    assert.deepEqual(
      (await listInterests(db, edition.id)).map((i) => i.email),
      ['sandrine.roux@quimper.fr'],
    );
    const recorded = await db.select().from(auditLog).where(eq(auditLog.action, 'confirm_interest'));
    assert.deepEqual(recorded.at(-1)!.data, { id: row.id });
  });

  it('answers the same whatever the address, and tells no one who else is interested', async () => {
    const visitor = new Browser(app);
    await visitor.get(`/parcours/${edition.id}`);
    const known = await visitor.post(`/parcours/${edition.id}/interet`, form('sandrine.roux@quimper.fr'));
    const fresh = await visitor.post(`/parcours/${edition.id}/interet`, form('autre.personne@quimper.fr'));
    assert.equal(known.statusCode, 303);
    assert.equal(known.headers.location, fresh.headers.location);
    // The confirmed address is not mailed again; the new one is, once a day at most.
    assert.equal((await mailsTo('sandrine.roux@quimper.fr')).length, 1);
    await visitor.post(`/parcours/${edition.id}/interet`, {
      ...form('autre.personne@quimper.fr'),
      firstName: 'Sandra',
    });
    assert.equal((await mailsTo('autre.personne@quimper.fr')).length, 1);
    assert.equal((await rowOf('autre.personne@quimper.fr'))!.firstName, 'Sandra', 'details updated');
    const rows = await db
      .select()
      .from(expressionsOfInterest)
      .where(eq(expressionsOfInterest.email, 'autre.personne@quimper.fr'));
    assert.equal(rows.length, 1);
  });

  it('refuses a link whose token was not signed for it, in French, changing nothing', async () => {
    const row = (await rowOf('autre.personne@quimper.fr'))!;
    const withdraw = interestLink(signing, row.id, 'withdraw');
    const stolen = withdraw.replace('/retirer?', '/confirmer?');
    const visitor = new Browser(app);
    for (const url of [
      stolen.replace(config.baseUrl, ''),
      `/parcours/interet/${row.id}/confirmer?jeton=faux`,
      `/parcours/interet/${row.id}/confirmer`,
    ]) {
      const page = await visitor.get(url);
      assert.equal(page.statusCode, 404, url);
      assert.match(page.body, /Ce lien n’est plus valable/);
    }
    await visitor.get(`/parcours/${edition.id}`);
    const forged = await visitor.post(`/parcours/interet/${row.id}/confirmer`, { jeton: tokenOf(withdraw) });
    assert.equal(forged.statusCode, 404);
    assert.equal((await rowOf('autre.personne@quimper.fr'))!.confirmedAt, null);
  });

  it('invites only the confirmed, and their invitation carries the link to withdraw', async () => {
    await db
      .update(expressionsOfInterest)
      .set({ confirmedAt: null })
      .where(eq(expressionsOfInterest.email, 'autre.personne@quimper.fr'));
    const reviewer = await staffBrowser();
    await reviewer.get(`/gestion/parcours/${edition.id}`);
    const invited = await reviewer.post(`/gestion/parcours/${edition.id}/invitations`, {});
    assert.match(invited.body, /Une personne invitée/);
    const [invitation] = await mailsTo('sandrine.roux@quimper.fr');
    assert.equal(invitation!.subject, 'Les candidatures sont ouvertes : Promotion 2027-2028');
    assert.ok(linksIn(invitation!.text).withdraw, invitation!.text);
    assert.equal(
      (await mailsTo('autre.personne@quimper.fr')).filter((m) => m.subject.startsWith('Les candidatures'))
        .length,
      0,
      'the unconfirmed address is not invited',
    );
  });

  it('withdraws in one click from any of its mails, deletes it, and records the withdrawal without the person', async () => {
    const row = (await rowOf('sandrine.roux@quimper.fr'))!;
    const [invitation] = await mailsTo('sandrine.roux@quimper.fr');
    const link = linksIn(invitation!.text).withdraw!;
    const visitor = new Browser(app);
    const page = await visitor.get(link);
    assert.match(page.body, /Retirer mon intérêt/);
    const done = await visitor.post(link.split('?')[0]!, { jeton: tokenOf(link) });
    assert.equal(done.statusCode, 303);
    assert.match(
      (await visitor.get(done.headers.location as string)).body,
      /Votre intérêt est retiré et votre demande effacée/,
    );
    assert.equal(await rowOf('sandrine.roux@quimper.fr'), undefined);
    const [withdrawn] = await db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'withdraw_interest'))
      .orderBy(desc(auditLog.id));
    const data = withdrawn!.data as Record<string, unknown>;
    assert.equal(data.id, row.id);
    assert.equal(data.confirmedAt, row.confirmedAt!.toISOString());
    assert.equal(data.givenAt, row.createdAt.toISOString());
    assert.ok(!JSON.stringify(data).includes('quimper'), 'no address nor name in the record');
    assert.equal((await visitor.get(link)).statusCode, 404, 'the link is spent');
  });

  it('purges the expressions left unconfirmed for 7 days, through a job that comes back every hour', async () => {
    const now = Date.now();
    const make = (email: string, daysAgo: number) =>
      expressInterest(db, edition.id, form(email), signing, new Date(now - daysAgo * day));
    const old = expectOk(await make('ancienne@example.org', 8));
    const recent = expectOk(await make('recente@example.org', 6));
    const kept = expectOk(await make('confirmee@example.org', 30));
    await db
      .update(expressionsOfInterest)
      .set({ confirmedAt: new Date(now - 29 * day) })
      .where(eq(expressionsOfInterest.id, kept.id));
    assert.equal(await purgeUnconfirmedInterests(db, new Date(now)), 1);
    const left = new Set((await db.select().from(expressionsOfInterest)).map((r) => r.id));
    assert.equal(left.has(old.id), false);
    assert.equal(left.has(recent.id), true);
    assert.equal(left.has(kept.id), true);
    // A day later the 6-day-old one goes too.
    assert.equal(await purgeUnconfirmedInterests(db, new Date(now + 1.5 * day)), 1);
    assert.equal(
      (await db.select().from(expressionsOfInterest).where(eq(expressionsOfInterest.id, recent.id))).length,
      0,
    );

    // The manifest schedules the job, and its handler is the purge.
    assert.deepEqual(
      program.schedules?.find((s) => s.kind === purgeInterestsJob),
      { kind: purgeInterestsJob, everyMinutes: 60 },
    );
    expectOk(
      await expressInterest(db, edition.id, form('oubliee@example.org'), signing, new Date(now - 9 * day)),
    );
    const handlers = program.jobs!({ db, config, logger: services.logger });
    await handlers[purgeInterestsJob]!({}, { id: 0, attempts: 1 });
    assert.equal(await rowOf('oubliee@example.org'), undefined);
  });
});
