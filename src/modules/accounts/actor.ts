import type { Actor } from '../../platform/http/actor.ts';
import type { Person } from '../organisations/people.ts';

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
