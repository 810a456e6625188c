import type { Person } from '../organisations/people.ts';

/** Who is making the request, as every policy sees it. */
export interface Actor {
  personId: string;
  firstName: string;
  lastName: string;
  email: string;
  kind: Person['kind'];
  organisationId: string | null;
  referent: boolean;
  staff: boolean;
}

export function actorFromPerson(person: Person): Actor {
  return {
    personId: person.id,
    firstName: person.firstName,
    lastName: person.lastName,
    email: person.email,
    kind: person.kind,
    organisationId: person.organisationId,
    referent: person.referent,
    staff: person.kind === 'staff',
  };
}
