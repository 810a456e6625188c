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
});
