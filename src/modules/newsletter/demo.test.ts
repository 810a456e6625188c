// The demo's Lettres: the seeds' two issues published, the next one a draft, and the agenda of November–
// December 2025 generated from the demo's events as seed 002 printed it (COP30 over its twelve days, the
// restricted committees left out).
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { testDatabase } from '../../../tests/helpers.ts';
import { seedDemo } from '../../demo/seed.ts';
import { listCalls } from '../calls/calls.ts';
import { listFunds } from '../funds/funds.ts';
import { agendaOf } from './agenda.ts';
import { getIssue, listIssues } from './issues.ts';
import { liveRecordOf } from './live.ts';

describe('the demo’s Lettres', async () => {
  const { db } = await testDatabase({ after });
  assert.equal(await seedDemo(db), true);
  const issues = await listIssues(db, { drafts: true });

  it('publishes the seeds’ two issues and keeps the next one a draft', () => {
    assert.deepEqual(
      issues.map((i) => [i.title, Boolean(i.publishedAt)]),
      [
        ['Prochaine Lettre (brouillon)', false],
        ['Novembre & Décembre 2025', true],
        ['Mai & Juin 2022', true],
      ],
    );
  });

  it('generates the agenda of November–December 2025 from the demo’s events', async () => {
    const issue = issues.find((i) => i.title === 'Novembre & Décembre 2025')!;
    assert.equal(
      (await getIssue(db, issue.id))?.issue.editorialAuthor,
      'Virginie Rouquette, directrice générale',
    );
    const months = await agendaOf(db, { start: issue.periodStart, end: issue.periodEnd });
    assert.deepEqual(
      months.map((m) => m.label),
      ['Novembre 2025', 'Décembre 2025'],
    );
    const cop = months[0]!.days.find((d) => d.lines.some((l) => l.title.includes('COP30')));
    assert.equal(cop?.label, 'Du lundi 10 au vendredi 21 novembre 2025');
    assert.equal(cop?.lines[0]?.where, 'à Belém, Brésil');
  });

  it('shows the live data of the demo’s group, fund, call and directory an item points to', async () => {
    const at = new Date('2026-12-01T10:00:00Z');
    const group = await liveRecordOf(db, '/groupes/japon', 'https://coopdec.example.org', at);
    assert.equal(group?.kind, 'Groupe');
    assert.match(group?.facts[0] ?? '', /^Présidé par |^Présidence à pourvoir$/);
    const [fund] = await listFunds(db);
    const raised = await liveRecordOf(
      db,
      `https://coopdec.example.org/fonds/${fund!.id}`,
      'https://coopdec.example.org',
      at,
    );
    assert.equal(raised?.title, fund!.name);
    assert.match(raised?.facts[0] ?? '', /^Collecté : [\d\s\u202f]+,\d\d\s€/);
    const [call] = await listCalls(db);
    assert.match(
      (await liveRecordOf(db, `/appels/${call!.id}`, '', at))?.facts[0] ?? '',
      /Dépôt des dossiers|Appel clos/,
    );
    const japan = await liveRecordOf(db, '/repertoires/jp', '', at);
    assert.equal(japan?.title, 'Japon');
    assert.match(japan?.facts[0] ?? '', /^\d+ partenariats? actifs?$/);
    // Elsewhere, or a record that does not exist: nothing shown.
    assert.equal(
      await liveRecordOf(db, 'https://autre.example.org/groupes/japon', 'https://coopdec.example.org', at),
      undefined,
    );
    assert.equal(await liveRecordOf(db, '/groupes/atlantide', '', at), undefined);
  });
});
