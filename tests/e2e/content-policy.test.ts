// The Content-Security-Policy as the browser enforces it: no page of the app, public or staff, breaks it
// (no inline style, no inline script, nothing from elsewhere). The other browser tests lift the policy to
// inject axe-core; this one keeps it, and listens to what Chromium refuses.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { createEvent } from '../../src/modules/events/events.ts';
import { demoStaff, expectHeading, type RunningApp, signIn, startApp } from './support.ts';

describe('the content security policy, enforced by Chromium', () => {
  let app: RunningApp;
  let eventId: string;
  before(async () => {
    app = await startApp();
    // An event that has started (its check-in page lists people) and offers every staff action.
    const startsAt = new Date(Date.now() - 3_600_000);
    const created = await createEvent(
      app.services.db,
      {
        title: 'Atelier de la politique de contenu',
        kind: 'workshop',
        format: 'hybrid',
        audience: 'public',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 3 * 3_600_000).toISOString(),
        capacity: 40,
        venue: 'Paris',
        onlineUrl: 'https://visio.example.org/politique',
      },
      null,
    );
    assert.ok(created.ok);
    eventId = created.value.id;
  });
  after(async () => {
    await app?.stop();
  });

  /** What Chromium refused on this page, as the page itself hears it (`securitypolicyviolation`). */
  async function listen(page: Page): Promise<string[]> {
    const refused: string[] = [];
    await page.exposeFunction('reportViolation', (text: string) => refused.push(text));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { reportViolation(text: string): void }).reportViolation(
          `${e.violatedDirective} ${e.blockedURI || 'inline'} on ${location.pathname}`,
        );
      });
    });
    return refused;
  }

  it('hears a violation when there is one (an inline style put in the page)', async () => {
    const context = await app.newContext();
    const page = await context.newPage();
    const refused = await listen(page);
    await page.goto('/');
    await page.evaluate(() => {
      document.body.insertAdjacentHTML('beforeend', '<p style="color: red">injecté</p>');
    });
    await page.waitForTimeout(200);
    assert.equal(refused.length, 1, refused.join('\n'));
    assert.match(refused[0]!, /^style-src/);
    await context.close();
  });

  it('is never broken by the public pages nor by the staff’s', async () => {
    const context = await app.newContext();
    const page = await context.newPage();
    const refused = await listen(page);
    const visited: string[] = [];
    const visit = async (path: string) => {
      const response = await page.goto(path);
      assert.ok(response && response.status() < 400, `${path} : ${response?.status()}`);
      visited.push(path);
    };
    for (const path of ['/', '/agenda', '/agenda?vue=mois', `/agenda/${eventId}`, '/connexion', '/contact'])
      await visit(path);
    await signIn(app, page, demoStaff);
    const base = `/gestion/evenements/${eventId}`;
    for (const path of [
      '/mon-espace',
      '/mes-inscriptions',
      '/gestion',
      '/gestion/evenements',
      base,
      `${base}/emargement`,
      `${base}/modification`,
      `${base}/annulation`,
      `${base}/messages`,
      '/gestion/organisations',
      '/gestion/personnes',
    ])
      await visit(path);
    await expectHeading(page, 'Personnes');
    assert.deepEqual(refused, [], `refusé par la politique de contenu :\n${refused.join('\n')}`);
    assert.equal(visited.length, 17);
    await context.close();
  });
});
