// A support call's dossier from draft to engagement, in Chromium: an élue of Cannes (a member town without a
// dossier in the demo) finds the open 13th call, saves a draft, completes and submits it, on a phone too; an
// instructor marks it, the committee retains it within the envelope after a preview of the mail, which
// reaches the élue over SMTP; staff open its support engagement, which the élue reads in « Mon espace ».
// Each page is checked by axe-core.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import {
  assertNoAxeViolation,
  demoStaff,
  expectHeading,
  phoneOverflow,
  type RunningApp,
  signIn,
  startApp,
} from './support.ts';

const elue = 'ines.marchand@cannes.example.org';
const call = '13ᵉ appel — Accompagnement de l’action internationale des collectivités (DCOL)';
const dossierTitle = `Dossier de Cannes au ${call}`;

describe('a support call’s dossier, from draft to engagement, in the browser', () => {
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

  it('goes from the élue’s draft to the committee’s decision, mailed to her', async () => {
    const town = await newPage(true);
    await signIn(app, town, elue);
    await town.goto('/appels');
    await expectHeading(town, 'Appels à candidatures DCOL');
    await assertNoAxeViolation(town, 'appels');
    await town.getByRole('link', { name: call }).first().click();
    await expectHeading(town, call);
    await assertNoAxeViolation(town, 'page de l’appel');
    await town.getByRole('link', { name: 'Préparer le dossier de Cannes' }).click();
    await expectHeading(town, dossierTitle);
    assert.equal(await phoneOverflow(town), 0, 'the form fits a phone');
    await assertNoAxeViolation(town, 'formulaire du dossier');

    // A draft with one answer; the browser does not ask for the others.
    await town
      .getByLabel('Votre collectivité et son action internationale aujourd’hui')
      .fill('Cannes entretient des jumelages actifs et accueille chaque année des délégations étrangères.');
    await town.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await expectHeading(town, dossierTitle);
    assert.match(await town.getByRole('main').innerText(), /Brouillon/);
    await assertNoAxeViolation(town, 'suivi du brouillon');

    await town.getByRole('link', { name: 'Compléter et déposer le dossier' }).click();
    await town
      .getByLabel('La démarche ou le projet pour lequel vous demandez un accompagnement')
      .fill('Formaliser la stratégie internationale de la ville, votée en conseil municipal.');
    await town
      .getByLabel('Ce que vous attendez de l’accompagnement (livrables, résultats)')
      .fill('Une stratégie internationale signée et sa feuille de route.');
    await town.getByLabel('Coût estimé de l’accompagnement demandé, en euros').fill('14 000');
    await town.getByRole('button', { name: 'Déposer le dossier' }).click();
    await expectHeading(town, dossierTitle);
    assert.match(await town.getByRole('main').innerText(), /Déposé, en construction/);
    const dossierPath = new URL(town.url()).pathname;

    // The instructor finds it to follow, marks it: in instruction.
    const staff = await newPage();
    await signIn(app, staff, demoStaff);
    await staff.goto('/gestion/appels');
    await assertNoAxeViolation(staff, 'appels, gestion');
    await staff.getByRole('link', { name: call }).click();
    await expectHeading(staff, call);
    await assertNoAxeViolation(staff, 'dossiers de l’appel');
    // The call's leaves: Lyon, allowed two dossiers, holds two (the demo's).
    await staff.getByRole('link', { name: 'Dossiers supplémentaires' }).click();
    await expectHeading(staff, `Dossiers supplémentaires — ${call}`);
    assert.match(await staff.getByRole('main').innerText(), /Lyon\s+2\s+2\s+Deux projets distincts/);
    await assertNoAxeViolation(staff, 'dossiers supplémentaires');
    await staff.goBack();
    await staff.getByRole('link', { name: 'Cannes', exact: true }).click();
    await expectHeading(staff, `Dossier de Cannes — ${call}`);
    await assertNoAxeViolation(staff, 'dossier, instruction');
    for (const [label, mark] of [
      ['Pertinence de la démarche au regard de la politique de la collectivité (poids 3)', '5'],
      ['Portage politique et mobilisation des services (poids 2)', '4'],
      ['Faisabilité et calendrier (poids 2)', '4'],
      ['Partenaires et cofinancements mobilisables (poids 1)', '3'],
    ] as const)
      await staff.getByLabel(label).fill(mark);
    await staff.getByRole('button', { name: 'Enregistrer mes notes' }).click();
    await expectHeading(staff, `Dossier de Cannes — ${call}`);
    assert.match(await staff.getByRole('main').innerText(), /En instruction/);

    // The committee retains it, after seeing who receives what.
    await staff.goto(`${new URL(staff.url()).pathname.split('/dossiers/')[0]}/comite`);
    await expectHeading(staff, `Comité de sélection — ${call}`);
    await assertNoAxeViolation(staff, 'comité de sélection');
    await staff.getByLabel('Choisir le dossier de Cannes').check();
    await staff.getByLabel('Retenir').check();
    await staff.getByLabel('Motivation').fill('Une démarche portée politiquement et un besoin précis.');
    await staff.getByRole('button', { name: 'Voir les courriels avant d’enregistrer' }).click();
    await expectHeading(staff, `Décision à confirmer — ${call}`);
    await assertNoAxeViolation(staff, 'aperçu de la décision');
    const before = app.mail.received.length;
    await staff.getByRole('button', { name: 'Confirmer et envoyer 1 courriel' }).click();
    await expectHeading(staff, `Comité de sélection — ${call}`);
    const mail = await app.mail.next(elue, before, 'Votre dossier au 13ᵉ appel du réseau');
    assert.match(mail.text ?? '', /Votre dossier est retenu/);
    assert.match(mail.text ?? '', /Une démarche portée politiquement et un besoin précis\./);

    await town.goto(dossierPath);
    assert.match(await town.getByRole('main').innerText(), /Décision : Retenu/);

    // Staff open its support engagement from the dossier; the élue reads it in « Mon espace ».
    await staff.goto(`/gestion/appels`);
    await staff.getByRole('link', { name: call }).click();
    await staff.getByRole('link', { name: 'Tous les dossiers' }).click();
    await staff.getByRole('link', { name: 'Cannes', exact: true }).click();
    await staff.getByRole('link', { name: 'Créer l’accompagnement' }).click();
    await expectHeading(staff, 'Créer l’accompagnement de Cannes');
    await assertNoAxeViolation(staff, 'création de l’accompagnement');
    await staff.getByLabel('Mené par').fill('Cabinet Horizons Coopération (Claire Vidal)');
    await staff.getByLabel('Début').fill('2027-01-11');
    await staff.getByLabel('Fin').fill('2027-06-30');
    await staff.getByLabel('Objectif').fill('Formaliser la stratégie internationale de la ville.');
    await staff.getByRole('button', { name: 'Créer l’accompagnement' }).click();
    await expectHeading(staff, 'Accompagnement de Cannes');
    await assertNoAxeViolation(staff, 'accompagnement, gestion');
    await staff.getByLabel('Libellé').fill('Stratégie internationale signée');
    await staff.getByLabel('Prévu le').fill('2027-06-15');
    await staff.getByLabel('C’est un livrable (un document remis à la collectivité)').check();
    await staff.getByRole('button', { name: 'Ajouter le jalon' }).click();
    await expectHeading(staff, 'Accompagnement de Cannes');

    await town.goto(dossierPath);
    await town.getByRole('link', { name: 'Voir l’accompagnement' }).click();
    await expectHeading(town, 'Accompagnement de Cannes');
    const engagement = await town.getByRole('main').innerText();
    assert.match(engagement, /Cabinet Horizons Coopération/);
    assert.match(engagement, /Stratégie internationale signée/);
    assert.doesNotMatch(engagement, /poids|Score pondéré/, 'nothing of the instruction');
    await assertNoAxeViolation(town, 'accompagnement, mon espace');
    assert.equal(await phoneOverflow(town), 0, 'the engagement fits a phone');
  });
});
