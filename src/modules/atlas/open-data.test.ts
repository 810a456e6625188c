import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'csv-parse/sync';
import { buildLocalGovernment, buildStaff } from '../../../tests/factories.ts';
import { testApp } from '../../../tests/helpers.ts';
import { expectOk } from '../../../tests/proof/world.ts';
import { createOrganisation } from '../organisations/organisations.ts';
import { addProject, createPartnership, setArchived, setPartnerPlace } from './partnerships.ts';

describe('the atlas’s open data', async () => {
  const { db, app } = await testApp({ after });
  const staff = await buildStaff(db);
  const first = await buildLocalGovernment(db);
  const second = await buildLocalGovernment(db);
  const partner = async (name: string, country: string) =>
    expectOk(await createOrganisation(db, { name, kind: 'foreign_local_government', country }, staff.id));
  const shizuoka = await partner('Shizuoka', 'JP');
  await setPartnerPlace(db, shizuoka.id, 'Préfecture de Shizuoka');
  const saintLouis = await partner('Saint-Louis', 'SN');
  const hue = await partner('Huế', 'VN');

  const joint = expectOk(
    await createPartnership(
      db,
      {
        frenchOrganisationIds: [first.id, second.id],
        partnerOrganisationId: shizuoka.id,
        kind: 'twinning',
        since: 1991,
        status: 'active',
        themes: ['culture', 'tourism'],
        description: 'Texte réservé aux adhérents',
        agreementReference: 'CONV-SECRETE-42',
      },
      staff.id,
    ),
  );
  expectOk(
    await addProject(
      db,
      joint.id,
      {
        title: 'Festival des lumières',
        startYear: 2019,
        endYear: 2021,
        budgetCents: 1_234_567,
        coFunders: ['AFD', 'DCTCIV'],
        themes: ['culture'],
        description: 'Description réservée',
      },
      staff.id,
    ),
  );
  const single = expectOk(
    await createPartnership(
      db,
      {
        frenchOrganisationIds: [first.id],
        partnerOrganisationId: saintLouis.id,
        kind: 'decentralised_cooperation',
        status: 'dormant',
        themes: ['water'],
      },
      staff.id,
    ),
  );
  const archived = expectOk(
    await createPartnership(
      db,
      {
        frenchOrganisationIds: [second.id],
        partnerOrganisationId: hue.id,
        kind: 'other',
        status: 'ended',
        themes: [],
      },
      staff.id,
    ),
  );
  expectOk(await setArchived(db, archived.id, true, staff.id));

  it('gives a French CSV (BOM, « ; ») that csv-parse reads back: one line per partnership, the archived aside', async () => {
    const response = await app.inject({ method: 'GET', url: '/atlas/donnees.csv' });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^text\/csv/);
    assert.match(
      String(response.headers['content-disposition']),
      /attachment; filename="atlas-partenariats-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    assert.ok(response.body.startsWith('\ufeff'));
    const rows = parse(response.body, { bom: true, delimiter: ';', columns: true }) as Record<
      string,
      string
    >[];
    assert.deepEqual(rows.map((r) => r.Identifiant).sort(), [joint.id, single.id].sort());
    const row = rows.find((r) => r.Identifiant === joint.id)!;
    const cells = (value: string) => value.split('|').map((v) => v.trim());
    assert.deepEqual(cells(row['Collectivités françaises']!), [first.name, second.name]);
    assert.deepEqual(cells(row.SIREN!), [first.siren, second.siren]);
    assert.deepEqual(cells(row['Codes INSEE']!), [first.inseeCode, second.inseeCode]);
    assert.equal(row.Partenaire, 'Shizuoka');
    assert.equal(row['Code pays'], 'JP');
    assert.equal(row.Pays, 'Japon');
    assert.equal(row['Région du partenaire'], 'Préfecture de Shizuoka');
    assert.equal(row.Type, 'Jumelage');
    assert.equal(row.Depuis, '1991');
    assert.equal(row.Statut, 'Actif');
    assert.deepEqual(cells(row['Codes des thèmes']!), ['culture', 'tourism']);
    assert.deepEqual(cells(row.Thèmes!), ['Culture et patrimoine', 'Tourisme']);
    assert.equal(row['Nombre de projets'], '1');
    assert.equal(
      row.Projets,
      'Festival des lumières (2019-2021) ; cofinanceurs : AFD, DCTCIV ; thèmes : Culture et patrimoine',
    );
    assert.match(row['Dernière modification']!, /^\d{2}\/\d{2}\/\d{4}$/);
    // What is for members stays out.
    for (const secret of ['Texte réservé', 'Description réservée', '12345', '12 345', 'CONV-SECRETE'])
      assert.ok(!response.body.includes(secret), secret);
  });

  it('is a public page a shared cache may keep, revalidated by its ETag', async () => {
    const response = await app.inject({ method: 'GET', url: '/atlas/donnees.csv' });
    assert.match(String(response.headers['cache-control']), /public/);
    const etag = String(response.headers.etag);
    assert.ok(etag.length > 2);
    const again = await app.inject({
      method: 'GET',
      url: '/atlas/donnees.csv',
      headers: { 'if-none-match': etag },
    });
    assert.equal(again.statusCode, 304);
  });

  it('gives the same data as JSON without a token, valid against the schema of the API document', async () => {
    const document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<
        string,
        Record<
          string,
          {
            security?: unknown[];
            responses: Record<string, { content?: Record<string, { schema: object }> }>;
          }
        >
      >;
    };
    const operation = document.paths['/api/v1/partnerships/export']!.get!;
    assert.deepEqual(operation.security, []);
    const schema = operation.responses['200']!.content!['application/json']!.schema;
    const ajv = new Ajv2020.default({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);

    const response = await app.inject({ method: 'GET', url: '/api/v1/partnerships/export' });
    assert.equal(response.statusCode, 200);
    const body = response.json() as {
      count: number;
      items: {
        id: string;
        partner: { country: string; region: string | null };
        projects: Record<string, unknown>[];
      }[];
    };
    assert.ok(validate(body), JSON.stringify(validate.errors));
    assert.equal(body.count, 2);
    assert.deepEqual(body.items.map((i) => i.id).sort(), [joint.id, single.id].sort());
    const item = body.items.find((i) => i.id === joint.id)!;
    assert.deepEqual(item.partner, {
      name: 'Shizuoka',
      country: 'JP',
      countryName: 'Japon',
      region: 'Préfecture de Shizuoka',
    });
    assert.deepEqual(Object.keys(item.projects[0]!).sort(), [
      'coFunders',
      'endYear',
      'startYear',
      'themes',
      'title',
    ]);
    for (const secret of [
      'Texte réservé',
      'Description réservée',
      '1234567',
      'CONV-SECRETE',
      '"budgetCents"',
      '"description"',
    ])
      assert.ok(!response.body.includes(secret), secret);

    // The check can fail: a body without its items is refused by the schema.
    assert.equal(validate({ ...body, items: undefined }), false);
  });
});
