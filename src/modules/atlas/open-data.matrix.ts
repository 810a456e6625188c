// The authorisation matrix of the atlas's open data and import (see tests/proof/cases.ts for how a case
// reads): the export is everyone's; the import, staff's.
import { type Case, type Cell, csvFile, EVERYONE, staffOnly } from '../../../tests/proof/cases.ts';
import { expectOk, unique } from '../../../tests/proof/world.ts';
import { prepareAtlasImport } from './import.ts';

/** A file of one partnership between the target world's member commune and a partner made up for the cell. */
const atlasCsv = (c: Cell) =>
  `Collectivité française (SIREN ou code INSEE);Partenaire;Pays;Projet;Année de début\n${c.target.memberOrg.inseeCode};Ville ${unique()};Sénégal;Eau potable;2024\n`;

/** A preview of its own for each cell: confirming or abandoning one twice would be another answer. */
const freshImport = async (c: Cell) =>
  expectOk(await prepareAtlasImport(c.f.db, 'atlas.csv', Buffer.from(atlasCsv(c)), c.actor.people.staff.id))
    .id;

export const openDataMatrix: Record<string, Case[]> = {
  'GET /api/v1/partnerships/export': [
    {
      name: 'the atlas’s open data (JSON)',
      own: EVERYONE,
      build: () => ({ url: '/api/v1/partnerships/export' }),
    },
  ],
  'GET /atlas/donnees.csv': [
    { name: 'the atlas’s open data (CSV)', own: EVERYONE, build: () => ({ url: '/atlas/donnees.csv' }) },
  ],
  'GET /gestion/atlas/import': staffOnly('the atlas’s import form', () => ({ url: '/gestion/atlas/import' })),
  'POST /gestion/atlas/import': staffOnly('upload a file of partnerships', (c) => ({
    url: '/gestion/atlas/import',
    multipart: { fields: {}, file: csvFile(atlasCsv(c)) },
  })),
  'GET /gestion/atlas/import/:id': staffOnly('an atlas import’s preview', async (c) => ({
    url: `/gestion/atlas/import/${await freshImport(c)}`,
  })),
  'POST /gestion/atlas/import/:id/confirmer': staffOnly('apply an atlas import', async (c) => ({
    url: `/gestion/atlas/import/${await freshImport(c)}/confirmer`,
    form: {},
  })),
  'POST /gestion/atlas/import/:id/abandonner': staffOnly('abandon an atlas import', async (c) => ({
    url: `/gestion/atlas/import/${await freshImport(c)}/abandonner`,
    form: {},
  })),
};
