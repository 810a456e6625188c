import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { buildLocalGovernment, buildStaff, sessionCookie } from '../../../tests/factories.ts';
import { testApp } from '../../../tests/helpers.ts';
import { applyImport, prepareImport } from './import.ts';
import { findPersonByEmail, listMandates } from './people.ts';

function peopleCsv(siren: string, count: number) {
  const lines = ['prénom;nom;email;type;organisation;mandat;début du mandat'];
  for (let i = 1; i <= count; i++) {
    lines.push(`Personne${i};Import;personne${i}.import@example.org;technicien;${siren};;`);
  }
  return lines;
}

describe('importing people and organisations', async () => {
  const t = await testApp({ after });
  const { db, app } = t;
  const staff = await buildStaff(db);
  const org = await buildLocalGovernment(db);

  it('previews 20 people with 2 bad lines: 18 accepted, 2 refused with their reasons, nothing written', async () => {
    const lines = peopleCsv(org.siren!, 18);
    lines.push('Jeanne;Sansmail;pas-une-adresse;élue;;;');
    lines.push('Paul;Inconnu;paul.inconnu@example.org;maire;;;');
    const preview = await prepareImport(db, 'people', 'people.csv', Buffer.from(lines.join('\n')), staff.id);
    assert.ok(preview.ok);
    assert.equal(preview.value.rows.length, 18);
    assert.deepEqual(
      preview.value.rejected.map((r) => r.line),
      [20, 21],
    );
    assert.match(preview.value.rejected[0]!.reason, /email : Adresse électronique invalide/);
    assert.match(preview.value.rejected[1]!.reason, /type « maire » inconnu/);
    assert.equal(await findPersonByEmail(db, 'personne1.import@example.org'), undefined);
    const applied = await applyImport(db, preview.value.id, staff.id);
    assert.ok(applied.ok);
    assert.equal(applied.value.created, 18);
    assert.equal((await findPersonByEmail(db, 'personne1.import@example.org'))!.organisationId, org.id);
    const twice = await applyImport(db, preview.value.id, staff.id);
    assert.ok(!twice.ok);
    assert.equal(twice.error.code, 'already_applied');
    assert.equal(twice.error.status, 409);
    const unknown = await applyImport(db, '00000000-0000-4000-8000-000000000000', staff.id);
    assert.ok(!unknown.ok);
    assert.equal(unknown.error.code, 'not_found');
    assert.equal(unknown.error.status, 404);
  });

  it('reads an Excel file with an élue, her mandate and a French date; refuses an address already known or repeated', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Élus');
    sheet.addRow(['Prénom', 'Nom', 'Courriel', 'Qualité', 'Collectivité', 'Mandat', 'Début du mandat']);
    sheet.addRow([
      'Lucie',
      'Excel',
      'lucie.excel@example.org',
      'Élue',
      org.name,
      'maire adjointe',
      '22/03/2026',
    ]);
    sheet.addRow([
      'Lucie',
      'Bis',
      'LUCIE.excel@example.org',
      'élue',
      org.name,
      'maire adjointe',
      '22/03/2026',
    ]);
    sheet.addRow(['Déjà', 'Là', staff.email, 'technicien', '', '', '']);
    const data = Buffer.from(await workbook.xlsx.writeBuffer());
    const preview = await prepareImport(db, 'people', 'elus.xlsx', data, staff.id);
    assert.ok(preview.ok);
    assert.equal(preview.value.rows.length, 1);
    assert.deepEqual(
      preview.value.rejected.map((r) => r.reason),
      ['doublon de la ligne 2', `l’adresse ${staff.email} est déjà enregistrée`],
    );
    assert.ok((await applyImport(db, preview.value.id, staff.id)).ok);
    const lucie = (await findPersonByEmail(db, 'lucie.excel@example.org'))!;
    const [mandate] = await listMandates(db, lucie.id);
    assert.equal(mandate!.mandate.startsOn, '2026-03-22');
  });

  it('reads a Windows-1252 CSV with commas, as older spreadsheets save it', async () => {
    const text = 'nom,type,code insee\nSaint-Étienne,commune,42218\nGenève,collectivité étrangère,\n';
    const latin1 = Buffer.from(text, 'latin1');
    const preview = await prepareImport(db, 'organisations', 'orgs.csv', latin1, staff.id);
    assert.ok(preview.ok);
    assert.deepEqual(
      preview.value.rows.map((r) => r.label),
      ['Saint-Étienne'],
    );
    assert.match(preview.value.rejected[0]!.reason, /pays : Indiquez le pays/);
  });

  it('says in French when a file is not a table or lacks columns', async () => {
    const binary = await prepareImport(
      db,
      'people',
      'photo.png',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]),
      staff.id,
    );
    assert.ok(!binary.ok);
    assert.match(binary.error.message, /ni un classeur Excel/);
    const missing = await prepareImport(
      db,
      'people',
      'x.csv',
      Buffer.from('nom;email\nA;a@example.org\n'),
      staff.id,
    );
    assert.ok(!missing.ok);
    assert.match(missing.error.message, /Colonnes manquantes : prénom, type/);
  });

  it('uploads a file through the staff page and shows the preview', async () => {
    const cookie = await sessionCookie(db, staff);
    const form = await app.inject({ method: 'GET', url: '/gestion/import', headers: { cookie } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
    const csrfCookie = form.cookies.find((c) => c.name === '_csrf')!.value;
    const boundary = '----coopdec';
    const csv = peopleCsv(org.siren!, 2)
      .join('\n')
      .replace(/personne/g, 'upload');
    const body = [
      `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n`,
      `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\npeople\r\n`,
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="gens.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n`,
      `--${boundary}--\r\n`,
    ].join('');
    const upload = await app.inject({
      method: 'POST',
      url: '/gestion/import',
      headers: {
        cookie: `${cookie}; _csrf=${csrfCookie}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload: body,
    });
    assert.equal(upload.statusCode, 303, upload.body);
    const page = await app.inject({
      method: 'GET',
      url: upload.headers.location as string,
      headers: { cookie },
    });
    assert.match(page.body, /Fichier : gens\.csv/);
    assert.match(page.body, /2 ligne\(s\) acceptée\(s\), 0 ligne\(s\) refusée\(s\)/);
  });
});
