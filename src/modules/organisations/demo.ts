// Demo data of the members: real member local governments named in the network's documents (taken from the
// official reference, never typed codes), the institutions they name, and fictional people on example.org.
// The commune of Nancy is left out on purpose: adding it from the reference is the newcomer's first step.
import type { Executor } from '../../platform/db/client.ts';
import { parisYear } from '../../platform/time.ts';
import type { DemoData } from '../module.ts';
import { recordMembership } from './memberships.ts';
import { createOrganisation } from './organisations.ts';
import { createPerson } from './people.ts';
import { normalise, searchReference } from './reference.ts';

export const demoStaffEmail = 'equipe@example.org';

type Kind = 'commune' | 'epci' | 'departement' | 'region';
type Standing = 'member' | 'renewal_due' | 'pending' | 'lapsed';

const localGovernments: [name: string, kind: Kind, standing: Standing, feeEuros: number][] = [
  ['Angers', 'commune', 'member', 4800],
  ['Lyon', 'commune', 'member', 12_500],
  ['Aix-en-Provence', 'commune', 'member', 5200],
  ['Issy-les-Moulineaux', 'commune', 'member', 3900],
  ['Bordeaux', 'commune', 'member', 9800],
  ['Poitiers', 'commune', 'member', 3600],
  ['Montpellier Méditerranée Métropole', 'epci', 'member', 11_000],
  ['Dijon', 'commune', 'member', 5000],
  ['Clermont-Ferrand', 'commune', 'member', 5100],
  ['Colombes', 'commune', 'member', 3300],
  ['Chartres', 'commune', 'pending', 2400],
  ['Savigny-le-Temple', 'commune', 'renewal_due', 1500],
  ['Voiron', 'commune', 'lapsed', 1400],
  ['Bonneville', 'commune', 'member', 900],
  ['Cannes', 'commune', 'member', 5600],
  ['CU Limoges Métropole', 'epci', 'member', 6200],
  ['Centre-Val de Loire', 'region', 'member', 15_000],
  ['Nouvelle-Aquitaine', 'region', 'member', 20_000],
  ['Occitanie', 'region', 'member', 20_000],
  ['Bretagne', 'region', 'member', 16_000],
  ['Aude', 'departement', 'member', 7000],
];

const others: [name: string, kind: 'institution' | 'foreign_local_government', country: string][] = [
  ['Ministère de l’Europe et des Affaires étrangères — DCTCIV', 'institution', 'FR'],
  ['Sénat', 'institution', 'FR'],
  ['Agence française de développement (AFD)', 'institution', 'FR'],
  ['Cités et gouvernements locaux unis (CGLU)', 'institution', 'ES'],
  ['ARRICOD', 'institution', 'FR'],
  ['Ville de Tanger', 'foreign_local_government', 'MA'],
  ['Préfecture de Kanagawa', 'foreign_local_government', 'JP'],
];

// Fictional people: [first name, last name, organisation, kind, mandate title?, referent?]
const demoPeople: [string, string, string, 'elected' | 'officer', string | null, boolean][] = [
  [
    'Hélène',
    'Garnier',
    'Angers',
    'elected',
    'adjointe au maire déléguée aux relations internationales',
    false,
  ],
  ['Julien', 'Moreau', 'Angers', 'officer', null, true],
  ['Sophie', 'Lambert', 'Lyon', 'elected', 'adjointe au maire déléguée aux relations internationales', false],
  ['Karim', 'Benali', 'Lyon', 'officer', null, true],
  [
    'Marion',
    'Fabre',
    'Bordeaux',
    'elected',
    'conseillère municipale déléguée à la coopération décentralisée',
    false,
  ],
  ['Thomas', 'Rey', 'Bordeaux', 'officer', null, true],
  [
    'Claire',
    'Vidal',
    'Montpellier Méditerranée Métropole',
    'elected',
    'vice-présidente déléguée aux relations internationales',
    false,
  ],
  [
    'Nicolas',
    'Perrin',
    'Dijon',
    'elected',
    'adjoint au maire délégué à l’Europe et à l’international',
    false,
  ],
  [
    'Aïcha',
    'Diallo',
    'Colombes',
    'elected',
    'adjointe au maire à la coopération et la solidarité internationales',
    false,
  ],
  [
    'Pierre',
    'Lefèvre',
    'Occitanie',
    'elected',
    'conseiller régional délégué aux relations internationales',
    false,
  ],
  ['Élodie', 'Roux', 'Occitanie', 'officer', null, true],
  ['Louis', 'Chevalier', 'Voiron', 'officer', null, false],
  ['Nadia', 'Haddad', 'Chartres', 'elected', 'adjointe au maire déléguée aux jumelages', false],
  ['Yann', 'Le Gall', 'Bretagne', 'officer', null, true],
  [
    'Inès',
    'Marchand',
    'Cannes',
    'elected',
    'adjointe au maire déléguée aux relations internationales',
    false,
  ],
];

/** Loads the members' demo data in the caller's transaction, into `demo` for the next modules. */
export async function seedMembersDemo(tx: Executor, demo: DemoData) {
  const byName = demo.organisations;
  const year = parisYear(demo.at);
  for (const [name, kind, standing, feeEuros] of localGovernments) {
    const entry = searchReference(name, 50).find(
      (e) => e.kind === kind && normalise(e.name) === normalise(name),
    );
    if (!entry) throw new Error(`référentiel : ${name} introuvable`);
    const created = await createOrganisation(
      tx,
      { name: entry.name, kind, inseeCode: entry.inseeCode },
      null,
    );
    if (!created.ok) throw new Error(`${name} : ${created.error.message}`);
    byName.set(name, created.value);
    const feeCents = feeEuros * 100;
    await recordMembership(
      tx,
      created.value.id,
      { year: year - 1, status: 'active', feeCents, paidOn: `${year - 1}-03-15` },
      null,
    );
    if (standing === 'member') {
      await recordMembership(
        tx,
        created.value.id,
        { year, status: 'active', feeCents, paidOn: `${year}-03-02` },
        null,
      );
    } else if (standing === 'pending') {
      await recordMembership(tx, created.value.id, { year, status: 'pending', feeCents }, null);
    } else if (standing === 'lapsed') {
      await recordMembership(tx, created.value.id, { year, status: 'lapsed' }, null);
    }
  }
  for (const [name, kind, country] of others) {
    const created = await createOrganisation(tx, { name, kind, country }, null);
    if (!created.ok) throw new Error(`${name} : ${created.error.message}`);
    byName.set(name, created.value);
  }
  const staff = [
    ['Claire', 'Dubois', demoStaffEmail],
    ['Mathieu', 'Laurent', 'mathieu.laurent@example.org'],
  ] as const;
  const staffPeople = demo.staff;
  for (const [firstName, lastName, email] of staff) {
    const created = await createPerson(tx, { firstName, lastName, email, kind: 'staff' }, null);
    if (!created.ok) throw new Error(created.error.message);
    staffPeople.push(created.value);
  }
  const peopleByName = demo.people;
  for (const [firstName, lastName, organisation, kind, title, referent] of demoPeople) {
    const org = byName.get(organisation)!;
    const email =
      `${normalise(firstName)}.${normalise(lastName)}`.replace(/\s+/g, '-') +
      `@${normalise(organisation).replace(/\s+/g, '-')}.example.org`;
    const created = await createPerson(
      tx,
      {
        firstName,
        lastName,
        email,
        kind,
        organisationId: org.id,
        referent,
        mandate: title ? { title, startsOn: '2026-03-22' } : undefined,
      },
      null,
    );
    if (!created.ok) throw new Error(`${firstName} ${lastName} : ${created.error.message}`);
    peopleByName.set(`${firstName} ${lastName}`, created.value);
  }
}
