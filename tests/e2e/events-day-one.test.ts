// Day one of the agenda, in Chromium: an élue on a phone sees her next event in the first screen after
// signing in; the staff fix a typo in that event, then cancel it, and she is told by mail; the cancellation
// shows wherever the event does. Each state is checked by axe-core.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { createEvent } from '../../src/modules/events/events.ts';
import { notificationSettings } from '../../src/modules/events/notifications.ts';
import { register } from '../../src/modules/events/register.ts';
import { findPersonByEmail } from '../../src/modules/organisations/people.ts';
import {
  assertNoAxeViolation,
  demoStaff,
  expectHeading,
  type RunningApp,
  signIn,
  startApp,
} from './support.ts';

const elue = 'sophie.lambert@lyon.example.org';
const typo = 'Rencontre franco-japonaise des villes durabels';
const fixed = 'Rencontre franco-japonaise des villes durables';

describe('the agenda’s day one, in the browser', () => {
  let app: RunningApp;
  let eventId: string;
  const contexts: BrowserContext[] = [];
  before(async () => {
    app = await startApp();
    // Tomorrow, in person in Lyon: her next event.
    const startsAt = new Date(Date.now() + 86_400_000);
    const created = await createEvent(
      app.services.db,
      {
        title: typo,
        kind: 'meeting',
        format: 'in_person',
        audience: 'public',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString(),
        capacity: 50,
        venue: 'Hôtel de ville, Lyon',
      },
      null,
    );
    assert.ok(created.ok);
    eventId = created.value.id;
    const person = await findPersonByEmail(app.services.db, elue);
    assert.ok(person, `${elue} manque aux données de démonstration`);
    const registered = await register(
      app.services.db,
      { eventId, personId: person.id, registeredBy: person.id },
      { settings: notificationSettings(app.services.config) },
    );
    assert.ok(registered.ok);
  });
  after(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await app?.stop();
  });

  async function newPage(phone: boolean): Promise<Page> {
    const context = await app.newContext({ bypassCSP: true, phone: phone });
    contexts.push(context);
    return context.newPage();
  }

  /** The link is in the first screen: nothing to scroll to find it. */
  async function inFirstScreen(page: Page, name: string) {
    const link = page.getByRole('main').getByRole('link', { name }).first();
    const box = await link.boundingBox();
    assert.ok(box, `pas de lien « ${name} » sur ${page.url()}`);
    const height = page.viewportSize()!.height;
    assert.ok(
      box.y + box.height <= height,
      `« ${name} » à ${Math.round(box.y)} px, sous l’écran (${height} px)`,
    );
  }

  it('an élue on a phone finds her next event in one screen, on « Mon espace » and on the home page', async () => {
    const page = await newPage(true);
    await signIn(app, page, elue);
    await inFirstScreen(page, typo);
    await assertNoAxeViolation(page, 'mon espace, téléphone');
    await page.goto('/');
    await inFirstScreen(page, typo);
    await page.getByRole('main').getByRole('link', { name: typo }).first().click();
    await expectHeading(page, typo);
  });

  it('the staff fix a typo, then cancel the event: she is mailed, and it shows « Annulé »', async () => {
    const page = await newPage(false);
    await signIn(app, page, demoStaff);
    await page.goto(`/gestion/evenements/${eventId}`);
    await expectHeading(page, typo);
    const actions = page.getByRole('navigation', { name: 'Actions sur l’événement' });
    await actions.getByRole('link', { name: 'Modifier' }).click();
    await expectHeading(page, `Modifier « ${typo} »`);
    assert.equal(await page.getByLabel('Adresse du lieu').inputValue(), 'Hôtel de ville, Lyon');
    await assertNoAxeViolation(page, 'modifier un événement');
    await page.getByRole('textbox', { name: /^Titre/ }).fill(fixed);
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await expectHeading(page, fixed);
    assert.match(await page.getByRole('status').first().innerText(), /Événement modifié/);
    assert.match(await page.getByRole('main').innerText(), /Historique des modifications/);
    await assertNoAxeViolation(page, 'événement modifié, avec son historique');

    const before = app.mail.received.length;
    await actions.getByRole('link', { name: 'Annuler l’événement' }).click();
    await expectHeading(page, `Annuler « ${fixed} »`);
    // Who will be told, before anything is sent.
    assert.match(await page.getByRole('main').innerText(), /Sophie Lambert/);
    await page.getByRole('button', { name: 'Annuler l’événement et prévenir par courriel' }).click();
    await expectHeading(page, `Annuler « ${fixed} »`);
    assert.match(await page.getByRole('main').innerText(), /motif/i);
    await page.getByLabel('Motif de l’annulation').fill('La délégation japonaise ne peut pas venir.');
    await assertNoAxeViolation(page, 'annulation refusée sans motif');
    await page.getByRole('button', { name: 'Annuler l’événement et prévenir par courriel' }).click();
    await expectHeading(page, `Annulé ${fixed}`);
    await assertNoAxeViolation(page, 'événement annulé');
    const mail = await app.mail.next(elue, before, `Annulé : ${fixed}`);
    assert.match(mail.text ?? '', /La délégation japonaise ne peut pas venir\./);

    await page.goto(`/agenda/${eventId}`);
    assert.match(await page.getByRole('main').innerText(), /Annulé/);
    assert.equal(await page.getByRole('button', { name: /inscri/i }).count(), 0);
  });
});
