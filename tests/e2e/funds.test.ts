// The solidarity funds, in Chromium: the staff record a decision of Gaza's donors committee (and are refused one
// beyond what the fund holds), pay the project, and the fund's public page shows it to anyone; the public reads
// the closed Ukraine fund's accounts, on a phone too; an élue of a contributing organisation reads its receipts
// and downloads one. Each page is checked by axe-core.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { countryName } from '../../src/platform/countries.ts';
import { formatCents, parseEuros } from '../../src/platform/money.ts';
import {
  assertNoAxeViolation,
  demoStaff,
  expectHeading,
  phoneOverflow,
  type RunningApp,
  signIn,
  startApp,
} from './support.ts';

/** A fictional élue of Angers, which gave to the Ukraine fund in the demo (not its referent). */
const contributor = 'helene.garnier@angers.example.org';
/** Contributors of the Ukraine fund that chose not to be named on its public page, in the demo. */
const unnamed = ['Chambéry', 'Issy-les-Moulineaux', 'Tours'];

/** The amount in euros that follows `label` in `text` (« Disponible : 15 000,00 € » → 1 500 000 cents). */
function amountAfter(text: string, label: string): number {
  const match = new RegExp(`${label}\\s*:?\\s*([\\d\\s\\u00a0\\u202f]+,\\d{2})\\s*€`).exec(text);
  assert.ok(match, `pas de montant après « ${label} » dans :\n${text}`);
  const cents = parseEuros(match[1]!);
  assert.ok(cents !== undefined, `montant illisible : ${match[1]}`);
  return cents;
}

describe('solidarity funds, in the browser', () => {
  let app: RunningApp;
  const contexts: BrowserContext[] = [];
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

  /** The public page's figures (« Les comptes du fonds »), in cents. */
  async function publicFigures(page: Page) {
    const figures = await page.locator('#chiffres').innerText();
    return {
      allocated: amountAfter(figures, 'Affecté aux projets'),
      disbursed: amountAfter(figures, 'Versé aux projets'),
      available: amountAfter(figures, 'Disponible'),
    };
  }

  it('a committee meeting decides an allocation; it is paid, and the public page shows it', async () => {
    const visitor = await newPage();
    await visitor.goto('/fonds');
    await visitor.getByRole('link', { name: 'Gaza', exact: true }).click();
    await expectHeading(visitor, 'Fonds de solidarité « Gaza »');
    const fundId = new URL(visitor.url()).pathname.split('/').pop()!;
    const before = await publicFigures(visitor);

    const page = await newPage();
    await signIn(app, page, demoStaff);
    await page.goto('/gestion/fonds');
    await expectHeading(page, 'Fonds de solidarité');
    await assertNoAxeViolation(page, 'fonds, gestion');
    await page.getByRole('link', { name: 'Gaza', exact: true }).click();
    await expectHeading(page, 'Gaza');
    assert.equal(new URL(page.url()).pathname, `/gestion/fonds/${fundId}`);
    await assertNoAxeViolation(page, 'compte du fonds');
    await page.getByRole('link', { name: 'Comité des donateurs' }).click();
    await expectHeading(page, 'Comité des donateurs — fonds « Gaza »');
    const committee = await page.getByRole('main').innerText();
    assert.match(committee, /7 novembre 2025 — Croissant-Rouge palestinien — Soins d’urgence/);
    await assertNoAxeViolation(page, 'comité des donateurs');

    await page.getByRole('link', { name: 'Enregistrer une décision du comité' }).click();
    await expectHeading(page, 'Une décision du comité — fonds « Gaza »');
    await assertNoAxeViolation(page, 'une décision, formulaire');
    const form = await page.getByRole('main').innerText();
    const available = amountAfter(form, 'Disponible pour de nouveaux projets');
    assert.equal(available, before.available, 'le formulaire dit le disponible de la page publique');
    const quorum = /(\d+) % des (\d+) organisations contributrices, soit (\d+) voix/.exec(form);
    assert.ok(quorum, `pas de quorum sur le formulaire :\n${form}`);
    const [voters, needed] = [Number(quorum[2]), Number(quorum[3])];
    assert.ok(needed + 1 <= voters, `${needed} voix requises sur ${voters}`);

    const meeting = 'Comité des donateurs du fonds de solidarité Gaza (2025-11-07)';
    const beneficiary = 'Municipalité de Khan Younès';
    const fill = async (amount: string) => {
      await page.getByLabel('Réunion du comité').selectOption({ label: meeting });
      await page.getByLabel(/^Bénéficiaire/).fill(beneficiary);
      await page
        .getByLabel(/^Objet du projet/)
        .fill('Réparation des canalisations d’eau potable du centre-ville');
      await page.getByLabel(/^Montant en euros/).fill(amount);
      await page.getByLabel(/^Pays du projet/).selectOption({ label: countryName('PS') });
      await page.getByLabel(/^Pour/).fill(String(needed));
      await page.getByLabel(/^Contre/).fill('0');
      await page.getByLabel(/^Abstentions/).fill('1');
      await page.getByRole('button', { name: 'Enregistrer la décision' }).click();
    };

    // Beyond the available balance: refused with the figures, nothing recorded, and the form kept.
    const beyond = available + 100_000;
    const [refusal] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      fill(formatCents(beyond).replace(/\s*€$/, '')),
    ]);
    assert.equal(refusal.status(), 422);
    await expectHeading(page, 'Une décision du comité — fonds « Gaza »');
    const alert = await page.getByRole('alert').first().innerText();
    assert.ok(
      alert.includes(
        `Affectation de ${formatCents(beyond)} refusée : le fonds n’a que ${formatCents(available)} disponibles`,
      ),
      alert,
    );
    assert.equal(await page.getByLabel(/^Bénéficiaire/).inputValue(), beneficiary);
    await assertNoAxeViolation(page, 'une décision, refusée');

    // Within it, typed the French way: adopted, the project is financed.
    const amount = available - 250_050;
    assert.ok(amount > 0, `le fonds Gaza n’a que ${formatCents(available)}`);
    const typed = formatCents(amount).replace(/\s*€$/, '');
    assert.match(typed, /^\d+[\u202f\u00a0 ]\d{3},\d{2}$/);
    await fill(typed);
    await expectHeading(page, 'Projets et paiements — fonds « Gaza »');
    assert.match(
      await page.getByRole('status').first().innerText(),
      /Décision adoptée : le projet est financé\./,
    );
    const row = page.getByRole('row').filter({ hasText: beneficiary });
    assert.equal(await row.count(), 1);
    const rowText = await row.innerText();
    assert.ok(rowText.includes(formatCents(amount)), rowText);
    assert.match(rowText, new RegExp(`${needed} pour, 0 contre, 1 abstention — quorum atteint`));
    await assertNoAxeViolation(page, 'projets, décision adoptée');

    // A first payment of the project.
    const paid = 300_000;
    const payment = page.getByRole('region', { name: new RegExp(`^${beneficiary} — reste`) });
    await payment.getByLabel(/^Montant en euros/).fill('3 000');
    await payment.getByLabel(/^Référence du virement/).fill('Virement international n° KY-2026-001');
    await payment.getByRole('button', { name: `Enregistrer le paiement à ${beneficiary}` }).click();
    await expectHeading(page, 'Projets et paiements — fonds « Gaza »');
    assert.match(await page.getByRole('status').first().innerText(), /Paiement enregistré\./);
    const paidRow = await page.getByRole('row').filter({ hasText: beneficiary }).innerText();
    assert.ok(paidRow.includes(formatCents(paid)), paidRow);
    assert.ok(paidRow.includes(formatCents(amount - paid)), paidRow);
    await assertNoAxeViolation(page, 'projets, paiement enregistré');

    // Anyone, in a browser of their own, sees the project and the figures moved.
    const anonymous = await newPage();
    await anonymous.goto(`/fonds/${fundId}`);
    await expectHeading(anonymous, 'Fonds de solidarité « Gaza »');
    const now = await publicFigures(anonymous);
    assert.deepEqual(now, {
      allocated: before.allocated + amount,
      disbursed: before.disbursed + paid,
      available: before.available - amount,
    });
    const project = anonymous.locator('article.fund-project').filter({ hasText: beneficiary });
    assert.equal(await project.count(), 1, 'le nouveau projet est sur la page publique');
    const projectText = await project.innerText();
    assert.ok(projectText.includes(formatCents(amount)), projectText);
    assert.ok(projectText.includes(formatCents(paid)), projectText);
    await assertNoAxeViolation(anonymous, 'page publique de Gaza, après la décision');
  });

  it('the public transparency page: the closed Ukraine fund’s accounts, on a phone too', async () => {
    const page = await newPage();
    await page.goto('/fonds');
    await expectHeading(page, 'Fonds de solidarité');
    const list = await page.getByRole('main').innerText();
    for (const name of ['Ukraine', 'Gaza', 'Vietnam', 'Turquie', 'Maroc', 'Liban', 'Haïti'])
      assert.ok(
        await page.getByRole('link', { name, exact: true }).count(),
        `${name} est dans la liste des fonds`,
      );
    assert.match(list, /Fonds ouverts[\s\S]*Fonds clôturés[\s\S]*Ukraine/);
    await assertNoAxeViolation(page, 'fonds de solidarité');

    await page.getByRole('link', { name: 'Ukraine', exact: true }).click();
    await expectHeading(page, 'Fonds de solidarité « Ukraine »');
    const main = await page.getByRole('main').innerText();
    assert.match(main, /Clôturé le \d+/);
    const raised = amountAfter(await page.locator('#chiffres').innerText(), 'Collecté');
    assert.ok(raised > 38_000_000, `collecté : ${formatCents(raised)}`);
    const named = await page.locator('#contributeurs-nommes li').allInnerTexts();
    for (const name of ['Strasbourg', 'Lyon', 'Angers', 'Cités et gouvernements locaux unis (CGLU)'])
      assert.ok(named.includes(name), `${name} est nommé : ${named.join(', ')}`);
    assert.match(main, /et 3 autres contributeurs/);
    const body = await page.locator('body').innerText();
    for (const name of unnamed)
      assert.doesNotMatch(body, new RegExp(`\\b${name}\\b`), `${name} a choisi de ne pas être nommé`);

    const chart = page.locator('svg[role=img]');
    assert.equal(await chart.count(), 1, 'le graphique');
    assert.ok(await chart.getAttribute('aria-labelledby'), 'le graphique a un nom');
    await page.getByText('Les montants mois par mois, en tableau').click();
    const months = page.getByRole('table', { name: /Fonds « Ukraine » : reçu, affecté et versé/ });
    assert.ok((await months.getByRole('row').count()) > 12, 'le tableau du graphique, mois par mois');

    const projects = await page.locator('article.fund-project').allInnerTexts();
    for (const country of ['Ukraine', 'Moldavie', 'Pologne'])
      assert.ok(
        projects.some((p) => p.includes(`Pays\n${country}`) || new RegExp(`Pays\\s+${country}`).test(p)),
        `un projet en ${country}`,
      );
    assert.ok(projects.some((p) => p.includes('Ville d’Irpin')));
    const final = page.getByRole('region', { name: 'Rapport final' });
    assert.match(await final.innerText(), /Rapport final/);
    assert.match(await final.innerText(), /\d+ collectivités françaises/);
    await assertNoAxeViolation(page, 'page publique de l’Ukraine');

    const phone = await newPage(true);
    for (const path of ['/fonds', new URL(page.url()).pathname]) {
      await phone.goto(path);
      assert.equal(await phoneOverflow(phone), 0, `${path} tient dans la largeur du téléphone`);
      await assertNoAxeViolation(phone, `${path}, téléphone`);
    }
  });

  it('an élue of a contributing organisation reads its receipts and downloads one', async () => {
    const page = await newPage();
    await signIn(app, page, contributor);
    await page.goto('/mon-espace/fonds');
    await expectHeading(page, 'Les fonds de mon organisation');
    const ukraine = page.getByRole('region', { name: /^Ukraine/ });
    const receipts = ukraine.getByRole('table', { name: 'Reçus de Angers pour le fonds Ukraine' });
    const rows = receipts.getByRole('row').filter({ has: page.getByRole('link') });
    assert.equal(await rows.count(), 1, 'Angers a versé une fois au fonds Ukraine');
    assert.ok((await rows.innerText()).includes(formatCents(800_000)));
    // Not its referent: she reads the choices, she does not make them.
    assert.match(await ukraine.innerText(), /Nommée sur la page publique/);
    assert.equal(await ukraine.getByRole('button').count(), 0);
    await assertNoAxeViolation(page, 'les fonds de mon organisation');

    const link = rows.getByRole('link', { name: /^Reçu n° \d{4}-\d+ \(PDF\)$/ });
    const href = await link.getAttribute('href');
    assert.ok(href);
    const pdf = await page.request.get(href);
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    assert.match(download.suggestedFilename(), /^recu-\d{4}-\d+\.pdf$/);
  });
});
