// « La Lettre » in Chromium: staff prepare an issue in its form (the content in one box), read its web version
// as a draft, publish it; a reader on a phone finds it in the archives with its agenda generated from the
// events, and reads the seeds' issue of November–December 2025. Each page is checked by axe-core.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  assertNoAxeViolation,
  browserSuite,
  demoStaff,
  expectHeading,
  phoneOverflow,
  signIn,
} from './support.ts';

describe('La Lettre, prepared and read in the browser', () => {
  const suite = browserSuite();
  it('is prepared by staff, published, and read on a phone with its generated agenda', async () => {
    const app = suite.app();
    const staff = await suite.newPage();
    await signIn(app, staff, demoStaff);
    await staff.goto('/gestion/lettre');
    await expectHeading(staff, 'La Lettre');
    await assertNoAxeViolation(staff, 'les Lettres, gestion');
    await staff.getByRole('link', { name: 'Préparer une Lettre' }).click();
    await expectHeading(staff, 'Préparer une Lettre');
    await assertNoAxeViolation(staff, 'formulaire de la Lettre');
    await staff.getByLabel('Titre').fill('Lettre d’essai');
    await staff.getByLabel('Début de la période').fill('2026-07-01');
    await staff.getByLabel('Fin de la période').fill('2026-07-31');
    await staff.getByLabel('Rubriques et articles').fill('Un texte sans rubrique');
    await staff.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await expectHeading(staff, 'Préparer une Lettre');
    assert.match(
      await staff.getByRole('alert').innerText(),
      /Ligne 1 : ce texte n’appartient à aucun article/,
    );
    await assertNoAxeViolation(staff, 'formulaire refusé');
    await staff
      .getByLabel('Rubriques et articles')
      .fill(
        '## Informations du réseau\n\n### Les Rencontres des 8 et 9 juillet\n\nRetrouvez le **programme**.\n\nLien : https://raict.org',
      );
    await staff.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await expectHeading(staff, 'Lettre d’essai');
    await assertNoAxeViolation(staff, 'une Lettre, gestion');
    await staff.getByRole('link', { name: 'Voir la version web' }).click();
    await expectHeading(staff, 'Lettre d’essai');
    assert.match(
      await staff.getByRole('main').innerText(),
      /Brouillon : seule l’équipe du réseau voit cette page/,
    );
    await staff.goBack();
    await staff.getByRole('button', { name: 'Publier la version web' }).click();
    assert.match(await staff.getByRole('main').innerText(), /La Lettre est publiée/);

    const reader = await suite.newPage(true);
    await reader.goto('/lettre');
    await expectHeading(reader, 'La Lettre de Cités Unies France');
    await assertNoAxeViolation(reader, 'archives de la Lettre');
    await reader.getByRole('link', { name: 'Lettre d’essai' }).click();
    await expectHeading(reader, 'Lettre d’essai');
    const text = await reader.getByRole('main').innerText();
    assert.match(text, /Pour plus d’informations : https:\/\/raict\.org/);
    assert.match(text, /Juillet 2026/, 'the agenda of the period, from the demo’s events');
    assert.equal(await phoneOverflow(reader), 0, 'the web version fits a phone');
    await assertNoAxeViolation(reader, 'version web de la Lettre');

    await reader.goto('/lettre');
    await reader.getByRole('link', { name: 'Novembre & Décembre 2025' }).click();
    await expectHeading(reader, 'Novembre & Décembre 2025');
    assert.match(await reader.getByRole('main').innerText(), /Virginie Rouquette, directrice générale/);
    await assertNoAxeViolation(reader, 'la Lettre de novembre-décembre 2025');
  });

  it('lets a reader subscribe on a phone and confirm by mail; staff see whom it reaches and send; the mail says who sent it and unsubscribes in one click', async () => {
    const app = suite.app();
    const reader = await suite.newPage(true);
    const address = 'lectrice.e2e@ville-exemple.fr';
    await reader.goto('/lettre');
    await reader.getByRole('link', { name: 'S’abonner à La Lettre' }).click();
    await expectHeading(reader, 'S’abonner à La Lettre');
    await assertNoAxeViolation(reader, 'abonnement à la Lettre');
    const before = app.mail.received.length;
    await reader.getByLabel('Votre adresse électronique').fill(address);
    await reader.getByRole('button', { name: 'Je m’abonne' }).click();
    await expectHeading(reader, 'Vérifiez votre messagerie');
    const confirmation = await app.mail.next(address, before);
    const link = /https?:\/\/\S+\/confirmer\?jeton=[\w-]+/.exec(confirmation.text ?? '')?.[0];
    assert.ok(link, confirmation.text);
    await reader.goto(link);
    await expectHeading(reader, 'Confirmer votre abonnement à La Lettre');
    await assertNoAxeViolation(reader, 'lien de confirmation');
    await reader.getByRole('button', { name: 'Confirmer mon abonnement' }).click();
    await expectHeading(reader, 'Abonnement confirmé');

    // Staff send the November–December 2025 issue: the demo's readers had it, the new reader has not.
    const staff = await suite.newPage();
    await signIn(app, staff, demoStaff);
    await staff.goto('/gestion/lettre');
    await staff.getByRole('link', { name: 'Novembre & Décembre 2025' }).click();
    await expectHeading(staff, 'Novembre & Décembre 2025');
    assert.match(await staff.getByRole('main').innerText(), /envoyés?, 0 restant, 0 en échec/);
    await assertNoAxeViolation(staff, 'une Lettre envoyée, gestion');
    await staff.getByLabel('Destinataires').selectOption({ label: 'Tous les abonnés à la Lettre' });
    await staff.getByRole('button', { name: 'Voir qui la recevra' }).click();
    await expectHeading(staff, 'Envoyer « Novembre & Décembre 2025 »');
    const preview = await staff.getByRole('main').innerText();
    assert.match(preview, /1 abonné la recevra/);
    assert.match(preview, new RegExp(address.replaceAll('.', '\\.')));
    await assertNoAxeViolation(staff, 'aperçu des destinataires');
    const sending = app.mail.received.length;
    // The queue held back a moment: the page shows the sending under way, then follows it without reloading.
    await app.services.jobs.stop();
    await staff.getByRole('button', { name: 'Envoyer à 1 abonné' }).click();
    assert.match(await staff.getByRole('main').innerText(), /L’envoi est lancé/);
    const status = staff.locator('#progression-texte');
    // The demo's readers had it in November 2025: they are counted as sent already.
    const already = Number(/^(\d+) envoyés?, 1 restant, 0 en échec/.exec(await status.innerText())?.[1]);
    assert.ok(already >= 0, await status.innerText());
    app.services.jobs.start();
    const done = `${already + 1} envoyés, 0 restant, 0 en échec, sur ${already + 1}.`;
    await status.filter({ hasText: done }).waitFor({ timeout: 15_000 });
    const letter = await app.mail.next(address, sending);
    assert.equal(letter.subject, 'Novembre & Décembre 2025 — La Lettre de Cités Unies France');
    await staff.goto('/gestion/lettre/abonnes');
    await expectHeading(staff, 'Abonnés à La Lettre');
    await assertNoAxeViolation(staff, 'les abonnés');
    await staff.getByRole('link', { name: address }).click();
    assert.match(await staff.getByRole('main').innerText(), /Adresse confirmée, par lien reçu par courriel/);
    await assertNoAxeViolation(staff, 'trace du consentement');

    // The mail as a phone's mail client shows it: within the screen, accessible, no resource from elsewhere.
    const inbox = await suite.newPage(true);
    const requests: string[] = [];
    inbox.on('request', (request) => requests.push(request.url()));
    await inbox.setContent(String(letter.html));
    assert.equal(await phoneOverflow(inbox), 0, 'the mail fits a phone');
    assert.deepEqual(
      requests.filter((url) => !url.startsWith('data:') && !url.startsWith(`${app.baseUrl}/lettre/images/`)),
      [],
    );
    await assertNoAxeViolation(inbox, 'la Lettre en courriel');
    const check = await inbox
      .getByRole('link', { name: 'Vérifier l’authenticité de ce courriel' })
      .getAttribute('href');
    assert.ok(check);
    await reader.goto(check);
    await expectHeading(reader, 'Vérifier qu’un courriel vient bien de nous');
    assert.match(await reader.getByRole('main').innerText(), /Oui, ce courriel vient de nous/);
    await assertNoAxeViolation(reader, 'vérification d’un courriel');
    const unsubscribe = await inbox.getByRole('link', { name: 'Me désabonner' }).getAttribute('href');
    assert.ok(unsubscribe);
    await reader.goto(unsubscribe);
    await expectHeading(reader, 'Se désabonner de La Lettre');
    await reader.getByRole('button', { name: 'Me désabonner' }).click();
    await expectHeading(reader, 'Vous êtes désabonné·e');
    await assertNoAxeViolation(reader, 'désabonnement');
  });
});
