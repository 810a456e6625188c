// The kinds of organisations and people, and the statuses of a membership: the words of the members'
// domain that other modules use too (a rule on French local governments, a filter by kind).

export const organisationKinds = [
  'commune',
  'epci',
  'departement',
  'region',
  'com',
  'foreign_local_government',
  'institution',
] as const;
export type OrganisationKind = (typeof organisationKinds)[number];
export const frenchLocalGovernmentKinds: readonly OrganisationKind[] = [
  'commune',
  'epci',
  'departement',
  'region',
  'com',
];

export const membershipStatuses = ['pending', 'active', 'lapsed'] as const;
export type MembershipStatus = (typeof membershipStatuses)[number];

export const personKinds = ['elected', 'officer', 'staff', 'partner'] as const;
export type PersonKind = (typeof personKinds)[number];

/** How a person is addressed (« Madame », « Monsieur »); unknown until the person or the staff says. */
export const civilities = ['madame', 'monsieur'] as const;
export type Civility = (typeof civilities)[number];
