// Contributions to the atlas, in Chromium: Angers' referent proposes, from « Mon espace », that one of the
// town's partnerships is now dormant; the staff see the change as a diff in the moderation queue and accept
// it; the referent receives the decision by mail and sees the partnership changed; the history shows the
// version « contribution »; the « appel à contribution » previews its recipients. Each page is checked by axe.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import {
  assertNoAxeViolation,
  demoReferent,
  demoStaff,
  expectHeading,
  phoneOverflow,
  type RunningApp,
  signIn,
  startApp,
} from './support.ts';

describe('contributions to the atlas, in the browser', () => {
  let app: RunningApp;
  const contexts: BrowserContext[] = [];
  /** The partnership changed, as the page names its partner (« Matsumoto (Japon) »). */
  let partnerName = '';
  let partnershipPath = '';
  before(async () => {
    app = await startApp();
  });
  after(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await app?.stop();
  });

  async function newPage(phone = false): Promise<Page> {
    const context = await app.newContext({ bypassCSP: true, phone });
    contexts.push(context);
    return context.newPage();
  }

  it('a referent proposes from « Mon espace » that a partnership is dormant', async () => {
    const page = await newPage();
    await signIn(app, page, demoReferent);
    await page
      .getByRole('link', { name: 'Vérifier et compléter les partenariats de ma collectivité' })
      .click();
    await expectHeading(page, 'Nos partenariats dans l’atlas');
    await assertNoAxeViolation(page, 'nos partenariats');
    const row = page.locator('tbody tr', { hasText: 'Actif' }).first();
    partnerName = (await row.locator('th').innerText()).trim();
    const link = row.getByRole('link', { name: /Proposer une correction/ });
    partnershipPath = (await link.getAttribute('href'))!;
    await link.click();
    const partner = partnerName.replace(/ \([^)]*\)$/, '');
    const title = await page.getByRole('heading', { level: 1 }).innerText();
    assert.ok(
      title.startsWith('Proposer une correction : ') &&
        title.includes(`Angers`) &&
        title.endsWith(`– ${partner}`),
      title,
    );
    await assertNoAxeViolation(page, 'proposer une correction');

    // Nothing changed: refused in French, nothing sent.
    await page.getByRole('button', { name: 'Envoyer la proposition' }).click();
    assert.match(await page.getByRole('main').innerText(), /Cette proposition ne change rien au partenariat/);
    await assertNoAxeViolation(page, 'proposition sans changement');

    await page.getByLabel(/^État/).selectOption({ label: 'En sommeil' });
    await page.getByLabel(/Un mot pour l’équipe du réseau/).fill('Plus d’échanges depuis les élections.');
    await page.getByRole('button', { name: 'Envoyer la proposition' }).click();
    await expectHeading(page, 'Nos partenariats dans l’atlas');
    assert.match(await page.getByRole('status').first().innerText(), /Votre proposition est envoyée/);
    assert.match(await page.getByRole('main').innerText(), /En attente/);
    await assertNoAxeViolation(page, 'proposition envoyée');
  });

  it('the staff see the diff in the queue and accept; the referent is told and sees the change', async () => {
    const page = await newPage();
    await signIn(app, page, demoStaff);
    await page.goto('/gestion');
    await page.getByRole('link', { name: /contributions à l’atlas à examiner/ }).click();
    await expectHeading(page, 'Contributions à l’atlas');
    await assertNoAxeViolation(page, 'file de modération');
    const proposal = page.locator('section', { hasText: 'Plus d’échanges depuis les élections.' });
    const diff = await proposal.getByRole('table').first().innerText();
    assert.match(diff, /État\s+Actif\s+En sommeil/);
    const before = app.mail.received.length;
    await proposal.getByRole('button', { name: /Accepter et publier/ }).click();
    await expectHeading(page, 'Contributions à l’atlas');
    assert.match(await page.getByRole('status').first().innerText(), /La contribution est acceptée/);

    const mail = await app.mail.next(demoReferent, before);
    assert.match(mail.subject ?? '', /acceptée/);
    assert.match(mail.text ?? '', /L’équipe de Cités Unies France a examiné votre proposition/);
    assert.match(mail.text ?? '', new RegExp(`${app.baseUrl}/mon-espace/partenariats`));

    const id = partnershipPath.split('/').at(-1);
    await page.goto(`/gestion/atlas/partenariats/${id}/historique`);
    const history = await page.getByRole('main').innerText();
    assert.match(history, /contribution/);
    assert.match(history, /En sommeil/);
    await assertNoAxeViolation(page, 'historique');

    const referent = await newPage();
    await signIn(app, referent, demoReferent);
    await referent.goto('/mon-espace/partenariats');
    const row = referent
      .locator('tbody tr', { has: referent.locator('th', { hasText: partnerName }) })
      .first();
    assert.match(await row.innerText(), /En sommeil/);
    assert.match(await referent.getByRole('main').innerText(), /Acceptée/);
  });

  it('the « appel à contribution » shows its recipients and the mail before sending', async () => {
    const page = await newPage();
    await signIn(app, page, demoStaff);
    await page.goto('/gestion/atlas/appel');
    await expectHeading(page, 'Appel à contribution');
    await page.getByLabel('Groupe-pays').selectOption({ label: 'Groupe-pays Japon' });
    await page.getByRole('button', { name: 'Voir les destinataires' }).click();
    const main = await page.getByRole('main').innerText();
    assert.match(main, /Groupe-pays Japon : \d+ personnes? à solliciter/);
    assert.match(main, /Appel à contribution : les partenariats de votre collectivité/);
    await assertNoAxeViolation(page, 'appel à contribution');
  });

  it('the referent’s page fits a phone', async () => {
    const page = await newPage(true);
    await signIn(app, page, demoReferent);
    await page.goto('/mon-espace/partenariats');
    assert.equal(await phoneOverflow(page), 0);
  });
});
