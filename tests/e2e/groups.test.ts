// Groups, in Chromium: the staff hand the chair of the Japan country group over to another élue, and the
// history keeps the previous term; then they invite the group's next meeting, and a follower registers from
// the link of the invitation mail. Each state is checked by axe-core.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { createEvent } from '../../src/modules/events/events.ts';
import { getGroupBySlug } from '../../src/modules/groups/groups.ts';
import { parisDate } from '../../src/platform/time.ts';
import {
  assertNoAxeViolation,
  demoStaff,
  expectHeading,
  phoneOverflow,
  type RunningApp,
  signIn,
  startApp,
} from './support.ts';

/** A fictional élue of Angers (a member in good standing) who follows the Japan group in the demo. */
const follower = 'helene.garnier@angers.example.org';
const meetingTitle = 'Réunion du groupe-pays Japon : suites des Rencontres de Cannes';

describe('groups, in the browser', () => {
  let app: RunningApp;
  let japanId: string;
  let eventId: string;
  const contexts: BrowserContext[] = [];
  before(async () => {
    app = await startApp();
    const japan = await getGroupBySlug(app.services.db, 'japon');
    assert.ok(japan, 'le groupe-pays Japon manque aux données de démonstration');
    japanId = japan.id;
    // In three weeks, for the group only: a meeting nobody is invited to yet.
    const startsAt = new Date(Date.now() + 21 * 86_400_000);
    const created = await createEvent(
      app.services.db,
      {
        title: meetingTitle,
        kind: 'meeting',
        format: 'online',
        audience: 'group',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 90 * 60_000).toISOString(),
        onlineUrl: 'https://visio.example.org/cuf-japon',
        groupIds: [japanId],
      },
      null,
    );
    assert.ok(created.ok, created.ok ? '' : created.error.message);
    eventId = created.value.id;
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

  it('the staff hand the chair over; the group’s page shows the new chair and keeps the history', async () => {
    const page = await newPage();
    await signIn(app, page, demoStaff);
    await page.goto('/gestion/groupes');
    await expectHeading(page, 'Groupes');
    await assertNoAxeViolation(page, 'groupes, gestion');
    await page.getByRole('link', { name: 'Groupe-pays Japon' }).click();
    await expectHeading(page, 'Groupe-pays Japon');
    assert.match(await page.getByRole('main').innerText(), /Présidé par Karima Zerkani-Raynal/);
    await assertNoAxeViolation(page, 'un groupe, gestion');

    await page.getByLabel(/Nouvelle présidence/).selectOption({ label: 'Garnier Hélène — Angers' });
    const today = parisDate();
    await page.getByLabel(/À partir du/).fill(today);
    await page.getByRole('button', { name: 'Nommer' }).click();
    await expectHeading(page, 'Groupe-pays Japon');
    assert.match(await page.getByRole('status').first().innerText(), /Présidence enregistrée/);
    await assertNoAxeViolation(page, 'présidence enregistrée');

    await page.getByRole('link', { name: 'Voir la page publique' }).click();
    await expectHeading(page, 'Groupe-pays Japon');
    const main = await page.getByRole('main').innerText();
    assert.match(
      main,
      /Présidé par Hélène Garnier, adjointe au maire déléguée aux relations internationales, Angers/,
    );
    assert.match(main, /Karima Zerkani-Raynal : du 1 mai 2022 au|Karima Zerkani-Raynal : du 1er mai 2022 au/);
    await assertNoAxeViolation(page, 'page publique du groupe');
  });

  it('the staff invite the next meeting; a follower registers from the link of the mail', async () => {
    const staff = await newPage();
    await signIn(app, staff, demoStaff);
    await staff.goto(`/gestion/groupes/${japanId}`);
    await staff
      .getByRole('listitem')
      .filter({ hasText: meetingTitle })
      .getByRole('link', { name: 'Inviter les membres et abonnés' })
      .click();
    await expectHeading(staff, `Inviter à « ${meetingTitle} »`);
    // Who receives what, before anything is sent.
    const preview = await staff.getByRole('main').innerText();
    assert.match(preview, /Hélène Garnier/);
    assert.match(preview, /Vous recevez cette invitation car vous suivez « Groupe-pays Japon »/);
    await assertNoAxeViolation(staff, 'aperçu de l’invitation');
    const before = app.mail.received.length;
    await staff.getByRole('button', { name: /^Envoyer l’invitation à \d+ personnes?$/ }).click();
    await expectHeading(staff, 'Groupe-pays Japon');
    assert.match(await staff.getByRole('status').first().innerText(), /Invitations envoyées/);

    const mail = await app.mail.next(follower, before, `Invitation : ${meetingTitle}`);
    const link = new RegExp(`${app.baseUrl}/agenda/${eventId}`).exec(mail.text ?? '')?.[0];
    assert.ok(link, `pas de lien d’inscription dans le courriel :\n${mail.text}`);
    assert.ok(
      mail.attachments.some((a) => a.contentType === 'text/calendar'),
      'l’invitation d’agenda est jointe',
    );

    const page = await newPage(true);
    await signIn(app, page, follower);
    await page.goto(link);
    await expectHeading(page, meetingTitle);
    assert.match(await page.getByRole('main').innerText(), /Réunion de\s+Groupe-pays Japon/);
    await page.getByRole('button', { name: 'M’inscrire' }).click();
    await expectHeading(page, meetingTitle);
    assert.match(await page.getByRole('main').innerText(), /Votre inscription est confirmée\./);
    await assertNoAxeViolation(page, 'inscrite depuis l’invitation, téléphone');

    // Her groups, and the list of groups, on the phone: nothing wider than the screen.
    await page.goto('/mes-groupes');
    await expectHeading(page, 'Mes groupes');
    assert.match(await page.getByRole('main').innerText(), /Groupe-pays Japon/);
    await assertNoAxeViolation(page, 'mes groupes, téléphone');
    await page.goto('/groupes');
    await expectHeading(page, 'Groupes');
    assert.equal(await phoneOverflow(page), 0, 'la liste des groupes tient dans la largeur du téléphone');
    await assertNoAxeViolation(page, 'groupes, téléphone');
  });
});
