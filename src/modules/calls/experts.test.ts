// Experts' opinions: asked after a preview of the mail (its link masked in the outbox), a link that gives one
// opinion whatever the concurrency (with the control that shows the race), expires, is replaced by the
// reminder's, is withdrawn; a confidential opinion hidden from the other experts; no opinion on the town's page.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { eq } from 'drizzle-orm';
import { HtmlValidate } from 'html-validate';
import { buildElected, buildLocalGovernment, buildStaff, signedInBrowser } from '../../../tests/factories.ts';
import { Browser, engine, pageText, testApp } from '../../../tests/helpers.ts';
import { expectOk } from '../../../tests/proof/world.ts';
import { mails } from '../../platform/db/platform.schema.ts';
import { maskedSecret } from '../../platform/mail/mail.tsx';
import { parisDate } from '../../platform/time.ts';
import { getApplication } from '../applications/applications.ts';
import { callsPipeline } from './calls.pipeline.ts';
import { callExpertRequests } from './calls.schema.ts';
import { createCall } from './calls.ts';
import { createDossier, submitDossier } from './dossiers.ts';
import { giveExpertOpinion, openRequest, remindExperts, requestExpertOpinion } from './experts.ts';

const day = 86_400_000;
let nextNumber = 60;

const inDays = (n: number) => parisDate(new Date(Date.now() + n * day));

describe('experts’ opinions on a dossier', async () => {
  const t = await testApp({ after });
  const { db, app } = t;
  const staff = await buildStaff(db);
  const browser = await signedInBrowser(t, staff);
  const answers = {
    q1: 'Jumelée avec Kayes',
    q2: 'Stratégie internationale de la ville',
    q4: 'Une stratégie signée',
  };

  async function submitted() {
    const call = expectOk(
      await createCall(
        db,
        {
          number: nextNumber++,
          title: 'Appel DCOL',
          opensAt: new Date(Date.now() - day).toISOString(),
          closesAt: new Date(Date.now() + 30 * day).toISOString(),
          criteria: [{ label: 'Pertinence', weight: 1 }],
        },
        staff.id,
      ),
    );
    const town = await buildLocalGovernment(db, { member: true });
    const elu = await buildElected(db, town.id);
    const dossier = expectOk(await createDossier(db, elu, call.id, { organisationId: town.id, answers }));
    expectOk(await submitDossier(db, dossier.id, elu.id));
    return { call, town, elu, id: dossier.id };
  }
  const ask = (id: string, extra: Record<string, unknown> = {}) =>
    requestExpertOpinion(
      db,
      id,
      {
        name: 'Aminata Diallo',
        email: `expert.${Date.now()}.${Math.random()}@example.org`,
        deadline: inDays(10),
        ...extra,
      },
      staff.id,
      'http://localhost',
    );

  it('shows the mail before asking, then sends it once with the link masked in the outbox', async () => {
    const { call, id } = await submitted();
    const url = `/gestion/appels/${call.id}/dossiers/${id}`;
    await browser.get(url);
    const form = {
      name: 'Aminata Diallo',
      email: 'aminata.diallo@example.org',
      expertise: 'Sahel',
      deadline: inDays(10),
    };
    const late = await browser.post(`${url}/experts`, { ...form, deadline: inDays(-1), etape: 'apercu' });
    assert.equal(late.statusCode, 400);
    assert.match(pageText(late.body), /entre demain et dans 90 jours/);
    const preview = await browser.post(`${url}/experts`, { ...form, etape: 'apercu' });
    assert.equal(preview.statusCode, 200, preview.body);
    assert.match(
      pageText(preview.body),
      /Un courriel partira à Aminata Diallo \(aminata\.diallo@example\.org\), une seule fois/,
    );
    const toExpert = () => db.select().from(mails).where(eq(mails.to, 'aminata.diallo@example.org'));
    assert.equal((await toExpert()).length, 0, 'a preview sends nothing');
    const confirmed = await browser.post(`${url}/experts`, { ...form, etape: 'confirmer' });
    assert.equal(confirmed.statusCode, 303, confirmed.body);
    const [mail] = await toExpert();
    assert.ok(mail);
    assert.match(mail.subject, /Demande d’avis : dossier de .* au \d+ᵉ appel DCOL/);
    assert.ok(mail.text.includes(maskedSecret), 'the outbox keeps the link masked');
    assert.doesNotMatch(mail.text, /\/avis\/[A-Za-z0-9_-]{43}/);
    assert.equal(
      (await getApplication(db, callsPipeline, id))?.status,
      'in_review',
      'asking starts instruction',
    );
    assert.match(pageText((await browser.get(url)).body), /Aminata Diallo .* attendu avant le/);
  });

  it('gives one opinion per link: the expert reads the dossier, answers once, and the link is spent', async () => {
    const { id, elu } = await submitted();
    const { token } = expectOk(await ask(id));
    const expert = new Browser(app);
    const page = await expert.get(`/avis/${token}`);
    assert.equal(page.statusCode, 200);
    assert.match(String(page.headers['cache-control']), /no-store/);
    assert.equal(page.headers['referrer-policy'], 'no-referrer');
    assert.match(pageText(page.body), /Stratégie internationale de la ville/);
    const report = await new HtmlValidate({ extends: ['html-validate:standard'] }).validateString(page.body);
    assert.deepEqual(
      report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId} ${m.message}`)),
      [],
    );

    const empty = await expert.post(`/avis/${token}`, { body: 'Sans avis choisi' });
    assert.equal(empty.statusCode, 400);
    assert.match(pageText(empty.body), /Choisissez votre avis/);
    assert.match(empty.body, /Sans avis choisi/, 'what was typed is kept');
    const given = await expert.post(`/avis/${token}`, {
      opinion: 'reserved',
      body: 'Un partenariat ancien ; budget à préciser.',
    });
    assert.equal(given.statusCode, 200);
    assert.match(pageText(given.body), /Merci pour votre avis/);
    const again = await expert.get(`/avis/${token}`);
    assert.equal(again.statusCode, 410);
    assert.match(pageText(again.body), /ce lien ne sert qu’une fois/);
    assert.equal(
      (await expert.post(`/avis/${token}`, { opinion: 'favourable', body: 'Autre avis' })).statusCode,
      410,
    );
    const [stored] = await db
      .select()
      .from(callExpertRequests)
      .where(eq(callExpertRequests.applicationId, id));
    assert.equal(stored?.opinion, 'reserved');

    // The town never reads an opinion.
    const town = await signedInBrowser(t, elu);
    const own = await town.get(`/mon-espace/dossiers/${id}`);
    assert.equal(own.statusCode, 200);
    assert.doesNotMatch(own.body, /budget à préciser/);
    assert.equal((await expert.get('/avis/pas-un-jeton')).statusCode, 404);
  });

  it('hides a confidential opinion from the other experts, shows the others', async () => {
    const { id } = await submitted();
    const open = expectOk(await ask(id));
    const secret = expectOk(await ask(id, { confidential: true }));
    const third = expectOk(await ask(id));
    expectOk(
      await giveExpertOpinion(db, open.token, { opinion: 'favourable', body: 'Avis partagé entre experts.' }),
    );
    expectOk(
      await giveExpertOpinion(db, secret.token, { opinion: 'unfavourable', body: 'Avis confidentiel.' }),
    );
    const page = pageText((await new Browser(app).get(`/avis/${third.token}`)).body);
    assert.match(page, /Avis partagé entre experts/);
    assert.doesNotMatch(page, /Avis confidentiel\./);
    // The instructors read both.
    const { call } = { call: (await getApplication(db, callsPipeline, id))!.ownerId };
    const staffPage = pageText((await browser.get(`/gestion/appels/${call}/dossiers/${id}`)).body);
    assert.match(staffPage, /Avis partagé entre experts/);
    assert.match(staffPage, /Avis confidentiel\./);
  });

  it('expires a week after the deadline, and stops at once when withdrawn', async () => {
    const { call, id } = await submitted();
    const { request, token } = expectOk(await ask(id));
    assert.ok(expectOk(await openRequest(db, token, new Date(request.expiresAt.getTime() - 1000))));
    const expired = await openRequest(db, token, new Date(request.expiresAt.getTime() + 1000));
    assert.ok(!expired.ok);
    assert.equal(expired.error.code, 'expired');
    const late = await giveExpertOpinion(
      db,
      token,
      { opinion: 'favourable', body: 'Trop tard' },
      new Date(request.expiresAt.getTime() + 1000),
    );
    assert.ok(!late.ok);

    await browser.get(`/gestion/appels/${call.id}/dossiers/${id}`);
    const withdrawn = await browser.post(
      `/gestion/appels/${call.id}/dossiers/${id}/experts/${request.id}/retrait`,
      {},
    );
    assert.equal(withdrawn.statusCode, 303);
    const page = await new Browser(app).get(`/avis/${token}`);
    assert.equal(page.statusCode, 410);
    assert.match(pageText(page.body), /a retiré cette demande/);
  });

  it('reminds once, two days before the deadline, with a new link that replaces the first', async () => {
    const { id } = await submitted();
    const { request, token } = expectOk(await ask(id, { deadline: inDays(10) }));
    const answered = expectOk(await ask(id, { deadline: inDays(10) }));
    expectOk(await giveExpertOpinion(db, answered.token, { opinion: 'favourable', body: 'Déjà donné.' }));
    const early = new Date(Date.now() + 5 * day);
    const onTime = new Date(Date.now() + 8 * day + 3_600_000);
    const mine = async () =>
      (await db.select().from(mails).where(eq(mails.to, request.expertEmail))).filter((m) =>
        m.subject.startsWith('Rappel'),
      );
    await remindExperts(db, 'http://localhost', early);
    assert.equal((await mine()).length, 0, 'not yet');
    await remindExperts(db, 'http://localhost', onTime);
    await remindExperts(db, 'http://localhost', onTime);
    assert.equal((await mine()).length, 1, 'once');
    assert.equal(
      (await db.select().from(mails).where(eq(mails.to, answered.request.expertEmail))).filter((m) =>
        m.subject.startsWith('Rappel'),
      ).length,
      0,
      'an answered request is not reminded',
    );
    const old = await openRequest(db, token);
    assert.ok(!old.ok);
    assert.equal(old.error.status, 404, 'the first link is replaced by the reminder’s');
  });

  describe('two answers at once on one link', () => {
    const pglite = engine === 'pglite' ? 'PGlite runs one transaction at a time: no race there' : false;

    it('records one opinion: the update claims the open request', { skip: pglite }, async () => {
      const { id } = await submitted();
      const { token } = expectOk(await ask(id));
      const results = await Promise.all(
        ['favourable', 'unfavourable'].map((opinion) =>
          db.transaction(async (tx) => {
            const given = await giveExpertOpinion(tx, token, { opinion, body: `Avis ${opinion}` });
            await delay(200);
            return given;
          }),
        ),
      );
      assert.equal(results.filter((r) => r.ok).length, 1);
    });

    // The control: read that the link is open, then write without the claim — both answers pass.
    it('control: checked then written without the claim, both answers are recorded', {
      skip: pglite,
    }, async () => {
      const { id } = await submitted();
      const { token } = expectOk(await ask(id));
      const results = await Promise.all(
        ['favourable', 'unfavourable'].map((opinion) =>
          db.transaction(async (tx) => {
            const open = await openRequest(tx, token);
            await delay(200);
            if (open.ok)
              await tx
                .update(callExpertRequests)
                .set({ opinion, body: opinion, answeredAt: new Date() })
                .where(eq(callExpertRequests.id, open.value.id));
            return open;
          }),
        ),
      );
      assert.equal(results.filter((r) => r.ok).length, 2);
    });
  });
});
