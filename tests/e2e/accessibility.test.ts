// Every page, as each kind of visitor sees it, checked by axe-core (WCAG 2.1 A and AA) in Chromium,
// and on a phone-sized screen.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { createEvent } from '../../src/modules/events/events.ts';
import {
  axeViolations,
  brokenInPageLinks,
  demoReferent,
  demoStaff,
  expectHeading,
  onPhone,
  phoneOverflow,
  type RunningApp,
  signIn,
  startApp,
  thisYear,
} from './support.ts';

describe('accessibility', () => {
  let app: RunningApp;
  let dir: string;
  let eventId: string;
  before(async () => {
    app = await startApp();
    dir = await mkdtemp(join(tmpdir(), 'coopdec-e2e-'));
    // The demo data has no event: one open to all, in three weeks, on site and online.
    const startsAt = new Date(Date.now() + 21 * 86_400_000);
    const created = await createEvent(
      app.services.db,
      {
        title: 'Assises de la coopération décentralisée',
        theme: 'Villes et climat',
        kind: 'symposium',
        format: 'hybrid',
        audience: 'public',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 8 * 3_600_000).toISOString(),
        capacity: 200,
        venue: 'Palais des congrès, Angers',
        onlineUrl: 'https://visio.example.org/assises',
        description: 'Deux jours d’ateliers et de rencontres entre collectivités et partenaires.',
      },
      null,
    );
    assert.ok(created.ok, JSON.stringify(created));
    eventId = created.value.id;
  });
  after(async () => {
    await app?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('every page has no axe violation', async () => {
    const problems: string[] = [];
    const checked: string[] = [];

    /** Checks the page on screen now: its title, axe, and no sideways scrolling on a phone. */
    const check = async (page: Page, name: string, heading: string) => {
      await expectHeading(page, heading);
      checked.push(name);
      const where = `${name} (${page.url()})`;
      const violations = await axeViolations(page);
      if (violations.length) problems.push(`${where} :\n${violations.join('\n')}`);
      const broken = await brokenInPageLinks(page);
      if (broken.length)
        problems.push(`${where} : liens internes sans cible :\n    ${broken.join('\n    ')}`);
      await onPhone(page, async () => {
        const overflow = await phoneOverflow(page);
        if (overflow > 0)
          problems.push(`${where} : ${overflow} px de trop en largeur sur un téléphone (375 px)`);
        const onSmallScreen = await axeViolations(page);
        if (onSmallScreen.length) problems.push(`${where}, sur un téléphone :\n${onSmallScreen.join('\n')}`);
      });
    };
    const visit = async (page: Page, url: string, name: string, heading: string) => {
      await page.goto(url);
      await check(page, name, heading);
    };

    // Anonymous visitor.
    const anonymous = await app.newContext({ bypassCSP: true });
    let page = await anonymous.newPage();
    // The home page names the network (NETWORK_NAME, Cités Unies France by default).
    await visit(page, '/', 'accueil', 'Cités Unies France : la plateforme du réseau');
    // The first key press offers to skip to the content, which then has the focus.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Aller au contenu');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'contenu');
    await visit(page, '/connexion', 'connexion', 'Se connecter');
    await visit(page, '/accessibilite', 'déclaration d’accessibilité', 'Déclaration d’accessibilité');
    await visit(page, '/contact', 'contact', 'Contacter Cités Unies France');
    await visit(page, '/confidentialite', 'données personnelles', 'Vos données personnelles');
    await visit(page, '/cette-page-n-existe-pas', 'page introuvable', 'Page introuvable');
    await visit(page, '/connexion/lien?jeton=abc', 'confirmation du lien', 'Confirmer la connexion');
    await visit(page, '/agenda', 'agenda', 'Agenda du réseau');
    await visit(page, '/agenda?vue=mois', 'agenda du mois', 'Agenda du réseau');
    await visit(page, `/agenda/${eventId}`, 'un événement', 'Assises de la coopération décentralisée');
    await visit(page, '/gestion/organisations', 'page réservée sans connexion', 'Se connecter');
    await page.goto('/connexion');
    await page.getByRole('button', { name: 'Recevoir un lien de connexion' }).click();
    await check(page, 'connexion avec une erreur', 'Se connecter');
    await page.getByLabel('Votre adresse électronique').fill('personne@example.org');
    await page.getByRole('button', { name: 'Recevoir un lien de connexion' }).click();
    await check(page, 'lien envoyé', 'Vérifiez votre messagerie');
    await anonymous.close();

    // The network's team.
    const staffContext = await app.newContext({ bypassCSP: true });
    page = await staffContext.newPage();
    await signIn(app, page, demoStaff);
    await check(page, 'mon espace (équipe)', 'Mon espace');
    await visit(page, '/gestion/organisations', 'organisations', 'Organisations');
    await visit(
      page,
      '/gestion/organisations?q=an&kind=commune&region=52&member=true',
      'organisations filtrées',
      'Organisations',
    );
    await visit(
      page,
      '/gestion/organisations?member=peut-etre',
      'organisations, filtre invalide',
      'Organisations',
    );
    await visit(page, '/gestion/organisations?page=2', 'organisations, page 2', 'Organisations');
    await visit(page, '/gestion/organisations/nouvelle', 'nouvelle organisation', 'Ajouter une organisation');
    await visit(
      page,
      '/gestion/organisations/nouvelle?q=Nancy',
      'nouvelle organisation, recherche',
      'Ajouter une organisation',
    );
    await visit(
      page,
      '/gestion/organisations/nouvelle?q=zzzzzz',
      'nouvelle organisation, aucun résultat',
      'Ajouter une organisation',
    );
    await page
      .getByRole('region', { name: 'Une collectivité étrangère ou une institution' })
      .getByRole('button', { name: 'Ajouter' })
      .click();
    await check(page, 'nouvelle organisation avec des erreurs', 'Ajouter une organisation');

    await page.goto('/gestion/organisations?q=Angers');
    await page.getByRole('link', { name: 'Angers', exact: true }).click();
    await check(page, 'une organisation', 'Angers');
    const angers = page.url();
    await page.getByRole('button', { name: 'Ajouter la personne' }).click();
    await check(page, 'formulaire de personne vide', 'Angers');
    await page.goto(angers);
    await page.getByRole('textbox', { name: 'Prénom (obligatoire)' }).fill('Anne');
    await page.getByRole('textbox', { name: 'Nom (obligatoire)', exact: true }).fill('Leroy');
    await page.getByRole('combobox', { name: 'Type (obligatoire)' }).selectOption({ label: 'Élu ou élue' });
    await page.getByLabel('Intitulé du mandat').fill('conseillère municipale');
    await page.getByRole('button', { name: 'Ajouter la personne' }).click();
    await check(page, 'personne au mandat sans date', 'Angers');
    await page.goto(angers);
    await page.getByLabel('Cotisation (en euros)').fill('-12');
    await page.getByRole('button', { name: 'Enregistrer l’adhésion' }).click();
    await check(page, 'adhésion au montant négatif', 'Angers');
    await page.goto(angers);
    await page.getByLabel('Cotisation (en euros)').fill('beaucoup');
    await page.getByRole('button', { name: 'Enregistrer l’adhésion' }).click();
    await check(page, 'adhésion au montant illisible', 'Angers');
    await page.goto(angers);
    await page.getByRole('button', { name: 'Enregistrer l’adhésion' }).click();
    await check(page, 'adhésion enregistrée', 'Angers');

    await page.getByRole('link', { name: 'Hélène Garnier' }).click();
    await check(page, 'une personne', 'Hélène Garnier');
    const helene = page.url().split('?')[0]!;
    await visit(
      page,
      `${helene}?organisation=Lyon`,
      'une personne, organisations trouvées',
      'Hélène Garnier',
    );
    await visit(page, `${helene}?organisation=zzzzzz`, 'une personne, aucune organisation', 'Hélène Garnier');
    await page.goto(helene);
    await page.getByRole('button', { name: 'Ajouter le mandat' }).click();
    await check(page, 'nouveau mandat vide', 'Hélène Garnier');

    await visit(page, '/gestion/adhesions/renouvellement', 'renouvellements', `Renouvellements ${thisYear}`);
    await visit(page, '/gestion', 'accueil de la gestion', 'Gestion du réseau');
    await visit(page, '/gestion/recherche?q=Lyon', 'recherche', 'Recherche');
    await visit(page, '/gestion/registre', 'registre des traitements', 'Registre des traitements');
    await visit(page, '/gestion/textes', 'textes du site', 'Textes du site');
    await visit(page, '/gestion/textes/home.intro', 'modifier un texte', 'Accueil : présentation du réseau');
    await visit(page, '/gestion/import', 'import', 'Importer des organisations ou des personnes');
    await page.getByRole('button', { name: 'Prévisualiser' }).click();
    await check(page, 'import sans fichier', 'Importer des organisations ou des personnes');
    const file = join(dir, 'personnes.csv');
    await writeFile(
      file,
      [
        'prénom;nom;email;type;organisation',
        'Anne;Leroy;anne.leroy@angers.example.org;technicienne;Angers',
        'Paul;Faure;pas-une-adresse;technicien;Angers',
        'Eva;Blanc;eva.blanc@angers.example.org;astronaute;Angers',
      ].join('\n'),
    );
    await page.goto('/gestion/import');
    await page.getByLabel('Fichier', { exact: true }).setInputFiles(file);
    await page.getByRole('button', { name: 'Prévisualiser' }).click();
    await check(page, 'prévisualisation d’un import', 'Import de personnes');
    await page.getByRole('button', { name: 'Enregistrer 1 personnes' }).click();
    await check(page, 'import effectué', 'Import de personnes');
    await visit(page, '/gestion/courriels/echecs', 'courriels en échec', 'Courriels en échec');
    await visit(page, '/mon-espace', 'mon espace (équipe)', 'Mon espace');
    // The agenda's staff pages: the lists, the creation form (empty, then refused), an event, check-in and
    // the upload of a video-call report (sent without a file).
    await visit(page, '/gestion/evenements', 'événements', 'Événements');
    await visit(page, '/gestion/evenements/nouveau', 'nouvel événement', 'Créer un événement');
    await page.getByRole('button', { name: 'Créer l’événement' }).click();
    await check(page, 'nouvel événement refusé', 'Créer un événement');
    await visit(
      page,
      `/gestion/evenements/${eventId}`,
      'un événement (équipe)',
      'Assises de la coopération décentralisée',
    );
    await visit(page, `/gestion/evenements/${eventId}/emargement`, 'émargement', 'Émargement');
    await visit(
      page,
      `/gestion/evenements/${eventId}/presences-en-ligne`,
      'présences en ligne',
      'Présences en ligne',
    );
    await page.getByRole('button', { name: 'Prévisualiser' }).click();
    await check(page, 'rapport de présence sans fichier', 'Présences en ligne');
    await staffContext.close();

    // A referent of a member local government.
    const referentContext = await app.newContext({ bypassCSP: true });
    page = await referentContext.newPage();
    await signIn(app, page, demoReferent);
    await check(page, 'mon espace (référent)', 'Mon espace');
    assert.ok(await page.getByRole('heading', { name: 'Ajouter un ou une collègue' }).isVisible());
    await page.getByRole('button', { name: 'Ajouter la personne' }).click();
    await check(page, 'formulaire de collègue vide', 'Mon espace');
    await visit(
      page,
      `/agenda/${eventId}`,
      'un événement (référent)',
      'Assises de la coopération décentralisée',
    );
    await page.getByRole('button', { name: 'M’inscrire' }).click();
    await check(page, 'un événement, inscrit', 'Assises de la coopération décentralisée');
    await visit(page, '/mes-inscriptions', 'mes inscriptions', 'Mes inscriptions');
    await visit(page, '/gestion/organisations', 'page réservée à l’équipe', 'Accès réservé');
    await referentContext.close();

    assert.deepEqual(problems, [], `\n${problems.join('\n\n')}`);
    assert.ok(checked.length >= 30, `${checked.length} pages vérifiées`);
  });
});
