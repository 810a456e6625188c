import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { HtmlValidate } from 'html-validate';
import { buildLocalGovernment, buildStaff, sessionCookie } from '../../../tests/factories.ts';
import { testApp } from '../../../tests/helpers.ts';
import { queryRows } from '../../platform/db/client.ts';
import { findReferenceEntry } from '../organisations/reference.ts';
import {
  abandonAtlasImport,
  applyAtlasImport,
  getAtlasImport,
  type LineOutcome,
  prepareAtlasImport,
} from './import.ts';
import { setArchived, snapshotOf } from './partnerships.ts';

const header =
  'Collectivité française (SIREN ou code INSEE);Partenaire;Pays;Région du partenaire;Type;Depuis;Statut;Thèmes;Projet;Année de début;Année de fin;Montant (€);Cofinanceurs';

describe('importing partnerships in the Atlas’s style', async () => {
  const { db, app } = await testApp({ after });
  const staff = await buildStaff(db);
  const commune = await buildLocalGovernment(db);
  const angers = findReferenceEntry('commune', '49007')!;

  const count = async (table: string, where = sql`true`) =>
    Number(
      (
        await queryRows<{ n: number }>(
          db,
          sql`select count(*)::int as n from ${sql.raw(table)} where ${where}`,
        )
      )[0]!.n,
    );
  const counts = async () => ({
    partnerships: await count('partnerships'),
    projects: await count('partnership_projects'),
    versions: await count('partnership_versions'),
    organisations: await count('organisations'),
    places: await count('partner_places'),
  });
  const byLine = (lines: LineOutcome[]) => new Map(lines.map((l) => [l.line, l]));
  const partnershipOf = async (partnerName: string) =>
    (
      await queryRows<{ id: string }>(
        db,
        sql`select p.id from partnerships p join organisations o on o.id = p.partner_organisation_id where o.name = ${partnerName}`,
      )
    ).map((r) => r.id);

  const file = [
    header,
    // 2–3: one partnership (SIREN, then INSEE code of the same commune), two projects.
    `${commune.siren};Shizuoka;Japon;Préfecture de Shizuoka;Jumelage;1991;Actif;Culture et patrimoine, tourisme;Festival des lumières;2019;2021;12 500,50;AFD, DCTCIV`,
    `${commune.inseeCode};shizuoka;JP;;;;;;Échanges scolaires;2022;;;`,
    // 4: a commune of the reference not yet on the platform, a joint partnership with the first commune.
    `${angers.inseeCode}, ${commune.siren};Bamako;ML;;coopération décentralisée;2004;en sommeil;Eau;;;;;`,
    // 5–9: refused lines.
    `${commune.siren};Atlantis;Atlantide;;;;;;;;;;`,
    `${commune.siren};Shizuoka;JP;;;;;Astronomie;;;;;`,
    `11;Dakar;SN;;;;;;;;;;`,
    `${commune.siren};Shizuoka;JP;;Pacte d’amitié;;;;;;;;`,
    `${commune.siren};Shizuoka;JP;;;;;;Festival des lumières;2019;;;`,
    `${commune.siren};Shizuoka;JP;;;;;;;;;1 000;`,
  ].join('\n');

  it('previews line by line in French and writes nothing', async () => {
    const before = await counts();
    const preview = await prepareAtlasImport(db, 'atlas.csv', Buffer.from(file), staff.id);
    assert.ok(preview.ok, JSON.stringify(preview));
    const lines = byLine(preview.value.preview);
    assert.deepEqual(
      [...lines.values()].map((l) => [l.line, l.status]),
      [
        [2, 'changed'],
        [3, 'changed'],
        [4, 'changed'],
        [5, 'refused'],
        [6, 'refused'],
        [7, 'refused'],
        [8, 'refused'],
        [9, 'refused'],
        [10, 'refused'],
      ],
    );
    assert.deepEqual(lines.get(2)!.details, [
      'ajout du partenaire Shizuoka (Japon)',
      'région du partenaire : Préfecture de Shizuoka',
      'création du partenariat',
      'ajout du projet « Festival des lumières »',
    ]);
    assert.deepEqual(lines.get(3)!.details, ['ajout du projet « Échanges scolaires »']);
    assert.ok(lines.get(4)!.details.includes(`ajout de ${angers.name} depuis le référentiel officiel`));
    assert.match(lines.get(5)!.details[0]!, /« Atlantide » n’est ni un code de pays ISO/);
    assert.match(lines.get(6)!.details[0]!, /Thème « Astronomie » inconnu/);
    assert.match(
      lines.get(7)!.details[0]!,
      /Le code « 11 » désigne plusieurs collectivités \(Aude.*Île-de-France/,
    );
    assert.match(lines.get(8)!.details[0]!, /Type : la valeur contredit celle de la ligne 2/);
    assert.match(lines.get(9)!.details[0]!, /même projet .* ligne 2/);
    assert.match(lines.get(10)!.details[0]!, /remplies mais pas son titre/);
    assert.deepEqual(await counts(), before);
    assert.ok(await abandonAtlasImport(db, preview.value.id, staff.id));
    assert.equal(await getAtlasImport(db, preview.value.id), undefined);
  });

  it('applies in one go, then the same file a second time creates and changes nothing: « déjà à jour »', async () => {
    const before = await counts();
    const first = await prepareAtlasImport(db, 'atlas.csv', Buffer.from(file), staff.id);
    assert.ok(first.ok);
    const applied = await applyAtlasImport(db, first.value.id, staff.id);
    assert.ok(applied.ok, JSON.stringify(applied));
    assert.deepEqual(
      applied.value.report!.map((l) => l.status),
      ['changed', 'changed', 'changed', 'refused', 'refused', 'refused', 'refused', 'refused', 'refused'],
    );
    const after = await counts();
    assert.equal(after.partnerships, before.partnerships + 2);
    assert.equal(after.projects, before.projects + 2);
    // One version per partnership written, whatever its number of lines.
    assert.equal(after.versions, before.versions + 2);
    // Angers from the reference, Shizuoka and Bamako as partners.
    assert.equal(after.organisations, before.organisations + 3);
    assert.equal(after.places, before.places + 1);

    const [shizuoka] = await partnershipOf('Shizuoka');
    const snapshot = await snapshotOf(db, shizuoka!);
    assert.deepEqual(snapshot.frenchOrganisationIds, [commune.id]);
    assert.equal(snapshot.kind, 'twinning');
    assert.equal(snapshot.since, 1991);
    assert.deepEqual(snapshot.themes, ['culture', 'tourism']);
    const festival = snapshot.projects.find((p) => p.title === 'Festival des lumières')!;
    assert.equal(festival.budgetCents, 1_250_050);
    assert.deepEqual(festival.coFunders, ['AFD', 'DCTCIV']);
    assert.equal(festival.endYear, 2021);
    const versions = await queryRows<{ source: string }>(
      db,
      sql`select source from partnership_versions where partnership_id = ${shizuoka}`,
    );
    assert.deepEqual(versions, [{ source: 'import' }]);
    const [bamako] = await partnershipOf('Bamako');
    const joint = await snapshotOf(db, bamako!);
    assert.equal(joint.frenchOrganisationIds.length, 2);
    assert.equal(joint.status, 'dormant');
    const [created] = await queryRows<{ region_code: string; siren: string }>(
      db,
      sql`select region_code, siren from organisations where kind = 'commune' and insee_code = '49007'`,
    );
    assert.deepEqual(created, { region_code: angers.regionCode, siren: angers.siren });

    const again = await prepareAtlasImport(db, 'atlas.csv', Buffer.from(file), staff.id);
    assert.ok(again.ok);
    const reapplied = await applyAtlasImport(db, again.value.id, staff.id);
    assert.ok(reapplied.ok);
    const report = byLine(reapplied.value.report!);
    for (const line of [2, 3, 4]) {
      assert.equal(report.get(line)!.status, 'unchanged');
      assert.deepEqual(report.get(line)!.details, ['déjà à jour']);
    }
    assert.equal(report.get(5)!.status, 'refused');
    assert.deepEqual(await counts(), after);

    const twice = await applyAtlasImport(db, again.value.id, staff.id);
    assert.ok(!twice.ok);
    assert.equal(twice.error.code, 'already_applied');
  });

  it('reads an Excel file with other spellings of the headers and updates what it says', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Atlas');
    sheet.addRow([
      'COLLECTIVITE FRANCAISE',
      'partenaire',
      'PAYS',
      'Statut du partenariat',
      'Titre du projet',
      'Annee de debut',
      'Montant',
      'Co-financeurs',
      'Thématiques',
    ]);
    sheet.addRow([
      Number(commune.inseeCode),
      'SHIZUOKA',
      'Japon',
      'En sommeil',
      'Festival des lumières',
      2019,
      15000,
      'AFD',
      'Santé',
    ]);
    const data = Buffer.from(await workbook.xlsx.writeBuffer());
    const before = await counts();
    const prepared = await prepareAtlasImport(db, 'atlas.xlsx', data, staff.id);
    assert.ok(prepared.ok, JSON.stringify(prepared));
    assert.deepEqual(
      prepared.value.preview.map((l) => [l.status, l.details]),
      [
        [
          'changed',
          [
            'mise à jour du partenariat (statut, thèmes)',
            'mise à jour du projet « Festival des lumières » (montant, cofinanceurs, thèmes)',
          ],
        ],
      ],
    );
    const applied = await applyAtlasImport(db, prepared.value.id, staff.id);
    assert.ok(applied.ok);
    const [shizuoka] = await partnershipOf('Shizuoka');
    const snapshot = await snapshotOf(db, shizuoka!);
    assert.equal(snapshot.status, 'dormant');
    // Themes are added, never removed by an import.
    assert.deepEqual(snapshot.themes, ['culture', 'tourism', 'health']);
    const festival = snapshot.projects.find((p) => p.title === 'Festival des lumières')!;
    assert.equal(festival.budgetCents, 1_500_000);
    assert.deepEqual(festival.coFunders, ['AFD']);
    assert.equal(festival.endYear, 2021, 'an empty cell keeps what the project had');
    const after = await counts();
    assert.equal(after.partnerships, before.partnerships);
    assert.equal(after.versions, before.versions + 1);
  });

  it('refuses a line of an archived partnership and a file without its columns', async () => {
    const [bamako] = await partnershipOf('Bamako');
    assert.ok((await setArchived(db, bamako!, true, staff.id)).ok);
    const prepared = await prepareAtlasImport(
      db,
      'atlas.csv',
      Buffer.from(`${header}\n${angers.inseeCode}, ${commune.siren};Bamako;Mali;;;;;;;;;;`),
      staff.id,
    );
    assert.ok(prepared.ok);
    assert.match(prepared.value.preview[0]!.details[0]!, /Ce partenariat est archivé/);
    const closed = await buildLocalGovernment(db);
    await db.execute(sql`update organisations set archived_at = now() where id = ${closed.id}`);
    const ofArchived = await prepareAtlasImport(
      db,
      'atlas.csv',
      Buffer.from(`${header}\n${closed.siren};Bamako;Mali;;;;;;;;;;`),
      staff.id,
    );
    assert.ok(ofArchived.ok);
    assert.equal(
      ofArchived.value.preview[0]!.details[0],
      `${closed.name} est archivée dans la plateforme : restaurez-la avant d’importer ses partenariats.`,
    );
    const noColumns = await prepareAtlasImport(db, 'x.csv', Buffer.from('Nom;Ville\nA;B\n'), staff.id);
    assert.ok(!noColumns.ok);
    assert.match(
      noColumns.error.message,
      /Colonnes introuvables : « Collectivité française \(SIREN ou code INSEE\) », « Partenaire », « Pays »/,
    );
  });

  it('goes through the staff pages: upload, preview, confirm', async () => {
    const cookie = await sessionCookie(db, staff);
    const form = await app.inject({ method: 'GET', url: '/gestion/atlas/import', headers: { cookie } });
    assert.equal(form.statusCode, 200);
    // Each page read by an independent validator (html-validate's « standard » rules).
    const validator = new HtmlValidate({ extends: ['html-validate:standard'] });
    const valid = async (html: string, where: string) => {
      const report = await validator.validateString(html, where);
      assert.deepEqual(
        report.results.flatMap((r) =>
          r.messages.map((msg) => `${where}:${msg.line} ${msg.ruleId} ${msg.message}`),
        ),
        [],
      );
    };
    await valid(form.body, 'formulaire');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
    const csrfCookie = form.cookies.find((c) => c.name === '_csrf')!.value;
    const boundary = '----atlas';
    const csv = `${header}\n${commune.siren};Kyoto;JP;;;;;;;;;;\n${commune.siren};Nulle part;ZZ;;;;;;;;;;\n`;
    const upload = await app.inject({
      method: 'POST',
      url: '/gestion/atlas/import',
      headers: {
        cookie: `${cookie}; _csrf=${csrfCookie}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload: [
        `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n`,
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="kyoto.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n`,
        `--${boundary}--\r\n`,
      ].join(''),
    });
    assert.equal(upload.statusCode, 303, upload.body);
    const preview = await app.inject({
      method: 'GET',
      url: upload.headers.location as string,
      headers: { cookie },
    });
    assert.equal(preview.statusCode, 200);
    assert.match(
      preview.body,
      /1 ligne\(s\) à enregistrer, 0 ligne\(s\)\s+déjà à jour, 1 ligne\(s\) refusée\(s\)/,
    );
    assert.match(preview.body, /« ZZ » n’est ni un code de pays ISO/);
    await valid(preview.body, 'aperçu');
    const confirmed = await app.inject({
      method: 'POST',
      url: `${upload.headers.location}/confirmer`,
      headers: {
        cookie: `${cookie}; _csrf=${csrfCookie}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: `_csrf=${encodeURIComponent(csrf)}`,
    });
    assert.equal(confirmed.statusCode, 200, confirmed.body);
    assert.match(confirmed.body, /1 ligne\(s\) enregistrée\(s\)/);
    await valid(confirmed.body, 'compte rendu');
    const list = await app.inject({ method: 'GET', url: '/gestion/atlas/import', headers: { cookie } });
    await valid(list.body, 'liste');
    assert.equal((await partnershipOf('Kyoto')).length, 1);
  });
});
