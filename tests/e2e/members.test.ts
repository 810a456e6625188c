// Day one for the network's staff with the members (issue 10), in a real browser: merging two records of one
// person, a request for an account from the sign-in page to the first sign-in, the renewal reminders' preview
// and the people directory. axe-core checks every new page state, on a desktop and on a phone screen.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  axeViolations,
  brokenInPageLinks,
  demoStaff,
  expectHeading,
  onPhone,
  phoneOverflow,
  type RunningApp,
  signIn,
  startApp,
  thisYear,
} from './support.ts';

describe('the members’ day one, in a browser', () => {
  let app: RunningApp;
  const problems: string[] = [];
  before(async () => {
    app = await startApp();
  });
  after(async () => {
    await app?.stop();
  });

  /** The page on screen: its title, then axe, in-page links and width, on a desktop and on a phone. */
  async function check(page: Page, name: string, heading: string) {
    await expectHeading(page, heading);
    const where = `${name} (${page.url()})`;
    const violations = await axeViolations(page);
    if (violations.length) problems.push(`${where} :\n${violations.join('\n')}`);
    const broken = await brokenInPageLinks(page);
    if (broken.length) problems.push(`${where} : liens internes sans cible : ${broken.join(', ')}`);
    await onPhone(page, async () => {
      const overflow = await phoneOverflow(page);
      if (overflow > 0) problems.push(`${where} : ${overflow} px de trop sur un téléphone`);
      const onPhoneViolations = await axeViolations(page);
      if (onPhoneViolations.length) problems.push(`${where}, téléphone :\n${onPhoneViolations.join('\n')}`);
    });
  }

  it('staff merge two people: the duplicate found by the search box, what moves previewed, one record left', async () => {
    const context = await app.newContext({ bypassCSP: true });
    const page = await context.newPage();
    const main = page.getByRole('main');
    await signIn(app, page, demoStaff);

    // Hélène Garnier is added a second time, with another address (as a second import would).
    await page.goto('/gestion/organisations?q=Angers');
    await page.getByRole('link', { name: 'Angers', exact: true }).click();
    await expectHeading(page, 'Angers');
    await page.getByRole('textbox', { name: 'Prénom (obligatoire)' }).fill('Hélène');
    await page.getByRole('textbox', { name: 'Nom (obligatoire)', exact: true }).fill('GARNIER');
    await page
      .getByRole('textbox', { name: 'Adresse électronique (obligatoire)' })
      .fill('h.garnier@mairie-angers.example.org');
    await page.getByRole('combobox', { name: 'Type (obligatoire)' }).selectOption({ label: 'Élu ou élue' });
    await page.getByLabel('Intitulé du mandat').fill('conseillère municipale déléguée aux jumelages');
    await page.getByLabel('Début du mandat').fill('2026-03-22');
    await page.getByRole('button', { name: 'Ajouter la personne' }).click();
    await expectHeading(page, 'Angers');

    // The staff's search box finds both records, whatever the accents and capitals typed.
    await page.goto('/gestion');
    await page.getByLabel('Chercher une personne, une organisation, un événement').fill('helene garnier');
    await page.getByRole('button', { name: 'Chercher' }).click();
    await check(page, 'recherche de personnes', 'Recherche');
    assert.equal(await main.getByRole('link', { name: /^Hélène Garnier$/i }).count(), 2);

    await main.getByRole('link', { name: 'Hélène GARNIER', exact: true }).click();
    await expectHeading(page, 'Hélène GARNIER');
    await page.getByRole('link', { name: 'Fusionner avec une autre fiche' }).click();
    await check(page, 'fusion : choisir la fiche à garder', 'Fusionner la fiche de Hélène GARNIER');
    await page.getByLabel('Nom ou adresse électronique de la fiche à garder').fill('garnier');
    await page.getByRole('button', { name: 'Chercher' }).click();
    await check(page, 'fusion : fiches trouvées', 'Fusionner la fiche de Hélène GARNIER');
    await page
      .getByRole('list', { name: 'Fiches trouvées' })
      .getByRole('link', { name: 'Hélène Garnier' })
      .click();
    await check(page, 'fusion : aperçu', 'Fusionner la fiche de Hélène GARNIER');
    assert.match(await main.innerText(), /Mandats\u00a0: 1/);
    assert.match(await main.innerText(), /h\.garnier@mairie-angers\.example\.org/);
    await page.getByRole('button', { name: 'Fusionner dans la fiche de Hélène Garnier' }).click();
    await check(page, 'fusion faite', 'Hélène Garnier');
    assert.match(await page.getByRole('status').first().innerText(), /Fiches fusionnées/);
    assert.match(await main.innerText(), /conseillère municipale déléguée aux jumelages/);
    assert.match(await main.innerText(), /adjointe au maire déléguée aux relations internationales/);

    await page.goto('/gestion/personnes?q=garnier');
    await check(page, 'annuaire des personnes filtré', 'Personnes');
    assert.match(await main.innerText(), /1 personne — page 1 sur 1/);
    await context.close();
  });

  it('someone without an account asks for one from the sign-in page; staff approves; the mailed link signs her in', async () => {
    const visitor = await app.newContext({ bypassCSP: true });
    let page = await visitor.newPage();
    await page.goto('/connexion');
    await page.getByRole('link', { name: 'demandez un compte' }).click();
    await check(page, 'demander un compte', 'Demander un compte');
    await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
    await check(page, 'demander un compte, erreurs', 'Demander un compte');
    await page.getByLabel('Nom de votre collectivité ou organisation').fill('Nancy');
    await page.getByRole('button', { name: 'Chercher' }).click();
    await check(page, 'demander un compte, organisations trouvées', 'Demander un compte');
    await page.getByLabel('Nancy — commune (54)', { exact: true }).check();
    await page.getByRole('textbox', { name: 'Prénom (obligatoire)' }).fill('Mathilde');
    await page.getByRole('textbox', { name: 'Nom (obligatoire)', exact: true }).fill('Girard');
    await page
      .getByRole('textbox', { name: 'Adresse électronique professionnelle (obligatoire)' })
      .fill('mathilde.girard@nancy.example.org');
    await page
      .getByRole('combobox', { name: 'Vous êtes (obligatoire)' })
      .selectOption({ label: 'Élu ou élue' });
    await page.getByLabel('Votre fonction').fill('adjointe au maire déléguée aux relations internationales');
    await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
    await check(page, 'demande envoyée', 'Demande envoyée');
    await visitor.close();

    const staff = await app.newContext({ bypassCSP: true });
    page = await staff.newPage();
    await signIn(app, page, demoStaff);
    await page.goto('/gestion');
    await page.getByRole('link', { name: /demandes de compte à examiner/ }).click();
    await check(page, 'demandes de compte', 'Demandes de compte');
    await page.getByRole('link', { name: 'Mathilde Girard' }).click();
    await check(page, 'une demande de compte', 'Demande de Mathilde Girard');
    const before = app.mail.received.length;
    await page.getByRole('button', { name: 'Accepter et envoyer le lien' }).click();
    await check(page, 'demande acceptée', 'Demandes de compte');
    await staff.close();

    const message = await app.mail.next('mathilde.girard@nancy.example.org', before);
    assert.equal(message.subject, 'Votre compte sur la plateforme de Cités Unies France est ouvert');
    assert.match(message.text ?? '', /Vous recevez ce message car vous avez demandé un compte/);
    const link = /https?:\/\/\S+\/connexion\/lien\?jeton=\S+/.exec(message.text ?? '')?.[0];
    assert.ok(link, message.text);
    const newcomer = await app.newContext();
    page = await newcomer.newPage();
    await page.goto(link);
    await page.getByRole('button', { name: 'Me connecter' }).click();
    await expectHeading(page, 'Mon espace');
    assert.match(await page.getByRole('main').innerText(), /Nancy/);
    await newcomer.close();
  });

  it('staff preview the renewal reminders and correct an institution, every page checked', async () => {
    const context = await app.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await signIn(app, page, demoStaff);
    await page.goto('/gestion/adhesions/renouvellement');
    await check(page, 'renouvellements', `Renouvellements ${thisYear}`);
    await page.getByRole('link', { name: 'Relancer toutes les adhérentes en retard' }).click();
    await check(page, 'aperçu des relances', `Relance n° 1 de ${thisYear}`);
    assert.match(await page.getByRole('main').innerText(), /Savigny-le-Temple/);
    await page.goto('/gestion/organisations?q=Tanger');
    await page.getByRole('link', { name: 'Ville de Tanger' }).click();
    await page.getByRole('textbox', { name: 'Nom de l’organisation (obligatoire)' }).fill('');
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await check(page, 'organisation, correction refusée', 'Ville de Tanger');
    await page
      .getByRole('textbox', { name: 'Nom de l’organisation (obligatoire)' })
      .fill('Ville de Tanger (Maroc)');
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await check(page, 'organisation corrigée', 'Ville de Tanger (Maroc)');
    await page.goto('/gestion/courriels/echecs');
    await check(page, 'courriels en échec', 'Courriels en échec');
    await context.close();
    assert.deepEqual(problems, [], `\n${problems.join('\n\n')}`);
  });
});
