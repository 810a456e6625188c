import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { testDatabase } from '../../../tests/helpers.ts';
import { seedDemo } from '../../demo/seed.ts';
import { listApplications } from '../applications/applications.ts';
import { getOrganisationsByIds } from '../organisations/organisations.ts';
import { allowedDossiers } from './allowances.ts';
import { callsPipeline } from './calls.pipeline.ts';
import { listCalls } from './calls.ts';
import { followersOf } from './dossiers.ts';
import { engagementSummaryOf } from './engagement-queries.ts';
import { engagementOfDossier, milestonesOf } from './engagements.ts';
import { acceptedCents, detailsOf } from './envelope.ts';
import { webinarsOf } from './webinars.ts';

describe('the support calls of the demo', async () => {
  const { db } = await testDatabase({ after });
  assert.equal(await seedDemo(db), true);
  const now = new Date();
  const calls = await listCalls(db);
  const call = (number: number) => {
    const found = calls.find((c) => c.number === number);
    assert.ok(found, `${number}ᵉ appel`);
    return found;
  };
  const namesOf = async (organisationIds: (string | null)[]) =>
    (await getOrganisationsByIds(db, organisationIds as string[])).map((o) => o.name).sort();

  it('closed the 12th call of May 2025 with the five dossiers of La Lettre accepted, within its envelope', async () => {
    const twelfth = call(12);
    assert.equal(twelfth.opensAt.toISOString(), '2025-05-15T07:00:00.000Z');
    assert.ok(twelfth.closesAt < now, 'closed');
    assert.equal(twelfth.engagementsPlanned, 5);
    const accepted = await listApplications(db, callsPipeline, twelfth.id, ['accepted']);
    assert.deepEqual(await namesOf(accepted.map((a) => a.organisationId)), [
      'Gennevilliers',
      'Grenoble',
      'La Réunion',
      'Marseille',
      'Thorey-Lyautey',
    ]);
    const spent = await acceptedCents(db, twelfth.id);
    assert.ok(
      spent > 0 && spent <= (twelfth.envelopeCents ?? 0),
      `${spent} cents of ${twelfth.envelopeCents}`,
    );
    const others = await listApplications(db, callsPipeline, twelfth.id, ['rejected', 'closed']);
    assert.ok(others.length >= 1, 'a dossier refused or closed without follow-up');
    const decided = [...accepted, ...others];
    assert.ok(
      decided.every((a) => a.decisionMotivation?.trim()),
      'every decision has its motivation',
    );
    assert.deepEqual(
      await listApplications(db, callsPipeline, twelfth.id, ['draft', 'submitted', 'in_review']),
      [],
    );
  });

  it('has the 13th call open now, with drafts, dossiers submitted and in instruction, none decided yet', async () => {
    const thirteenth = call(13);
    assert.ok(thirteenth.opensAt <= now && now < thirteenth.closesAt, 'open now');
    const dossiers = await listApplications(db, callsPipeline, thirteenth.id);
    const count = (status: string) => dossiers.filter((d) => d.status === status).length;
    assert.ok(count('draft') >= 1, 'drafts');
    assert.ok(count('submitted') >= 1, 'submitted dossiers');
    assert.ok(count('in_review') >= 1, 'dossiers in instruction');
    assert.equal(count('accepted') + count('rejected'), 0, 'nothing accepted or refused yet');
    const inReview = dossiers.filter((d) => d.status === 'in_review');
    const followers = await followersOf(
      db,
      inReview.map((d) => d.id),
    );
    assert.ok(
      inReview.every((d) => (followers.get(d.id) ?? []).length > 0),
      'each dossier in instruction is followed',
    );
    const details = await detailsOf(
      db,
      dossiers.map((d) => d.id),
    );
    assert.ok(
      dossiers.filter((d) => d.status !== 'draft').every((d) => (details.get(d.id)?.requestedCents ?? 0) > 0),
      'every dossier submitted says what it asks',
    );
  });

  it('holds one dossier per organisation in each call, more only where staff allowed it (Lyon, two)', async () => {
    const held: string[] = [];
    for (const c of calls) {
      const dossiers = await listApplications(db, callsPipeline, c.id);
      const organisations = dossiers.map((d) => d.organisationId);
      assert.ok(
        organisations.every((id) => id !== null),
        `${c.number}ᵉ appel : dossiers d’organisations`,
      );
      for (const id of new Set(organisations as string[])) {
        const n = organisations.filter((o) => o === id).length;
        assert.ok(n <= (await allowedDossiers(db, c.id, id)), `${c.number}ᵉ appel`);
        if (n > 1) held.push(`${c.number} ${(await getOrganisationsByIds(db, [id]))[0]?.name} ${n}`);
      }
    }
    assert.deepEqual(held, ['13 Lyon 2']);
  });

  it('gives each of the five accepted dossiers of the 12th call its engagement, done by March 2026', async () => {
    const twelfthCall = calls.find((c) => c.number === 12)!;
    const accepted = (await listApplications(db, callsPipeline, twelfthCall.id)).filter(
      (d) => d.status === 'accepted',
    );
    assert.equal(accepted.length, 5);
    for (const dossier of accepted) {
      const summary = await engagementSummaryOf(db, dossier.id);
      assert.ok(summary, 'an engagement');
      assert.equal(summary.status, 'completed');
      assert.ok(summary.endsOn <= '2026-03-31', 'until March 2026');
      assert.equal(summary.late, 0);
      assert.equal(summary.done, summary.total);
    }
    const strategies = [];
    for (const dossier of accepted) {
      const engagement = await engagementOfDossier(db, dossier.id);
      const milestones = await milestonesOf(db, engagement!.id);
      strategies.push(...milestones.filter((m) => m.deliverable).map((m) => m.label));
    }
    assert.ok(strategies.includes('Stratégie internationale signée'), 'La Réunion’s signed strategy');
  });

  it('links each call to its online information workshop in the agenda', async () => {
    for (const c of calls) {
      const webinars = await webinarsOf(db, c.id);
      assert.equal(webinars.length, 1, `${c.number}ᵉ appel`);
      assert.ok(webinars[0]!.startsAt > c.opensAt && webinars[0]!.startsAt < c.closesAt, 'within the window');
    }
  });
});
