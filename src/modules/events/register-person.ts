// Staff registers someone who has no account yet: the person is made (or found by their address, whatever
// its case), registered, and told by mail that they are registered and how to sign in.
import { audit } from '../../platform/db/audit.ts';
import type { Db } from '../../platform/db/client.ts';
import { composeMail, queueMail } from '../../platform/mail/mail.tsx';
import { type Failure, fail, ok, type Result } from '../../platform/result.ts';
import { formatWhen } from '../../platform/time.ts';
import { pickableOrganisations } from '../organisations/directory.ts';
import { createPerson, findPersonByEmail, type Person } from '../organisations/people.ts';
import { eventsMessages as m } from './events.messages.ts';
import type { AttendanceMode } from './events.schema.ts';
import { type Event, getEvent } from './events.ts';
import type { NotificationSettings } from './notifications.ts';
import { type Registration, register } from './register.ts';

export interface NewPersonRegistration {
  eventId: string;
  firstName: string;
  lastName: string;
  email: string;
  /** elected, officer or partner (the members' module checks it). */
  kind: string;
  /** What staff typed to name the organisation: its name, SIREN or INSEE code; empty for none. */
  organisation: string;
  mode?: AttendanceMode | undefined;
}

/** How many organisations a refusal names when what was typed matches several. */
const organisationsNamed = 10;

/** The organisation named: one that matches exactly by name, or the only one that matches. */
async function organisationNamed(db: Db, typed: string): Promise<Result<string | undefined>> {
  const name = typed.trim();
  if (!name) return ok(undefined);
  const { items, total } = await pickableOrganisations(db, name, organisationsNamed);
  const exact = items.filter((o) => o.name.toLocaleLowerCase('fr') === name.toLocaleLowerCase('fr'));
  if (exact.length === 1) return ok(exact[0]!.id);
  if (total === 1) return ok(items[0]!.id);
  const refusal =
    total === 0
      ? m.noOrganisationNamed({ name })
      : m.severalOrganisationsNamed({ total, names: items.map((o) => o.name) });
  return fail(422, 'unknown_organisation', refusal, { organisation: refusal.text });
}

/** A failure that undoes the transaction it is thrown in, then is returned as it was. */
class Undo extends Error {
  readonly failure: { ok: false; error: Failure };
  constructor(failure: { ok: false; error: Failure }) {
    super(failure.error.message);
    this.failure = failure;
  }
}

/** The mail to someone whose account staff just made: registered, and how to sign in (no password). */
function welcomeMail(event: Event, person: Person, settings: NotificationSettings) {
  return composeMail({
    to: person.email,
    subject: `Votre compte et votre inscription : ${event.title}`,
    greeting: `Bonjour ${person.firstName},`,
    paragraphs: welcomeParagraphs(event),
    action: { label: 'Se connecter', url: `${settings.baseUrl}/connexion` },
  });
}

/** The words of that mail (the staff's form shows them before sending). */
export function welcomeParagraphs(event: Event): string[] {
  return [
    `L’équipe du réseau vous a inscrit·e à « ${event.title} » (${formatWhen(event.startsAt, event.endsAt)}) et a ouvert pour cela un compte à votre nom, avec cette adresse électronique. Un autre courriel vous dit si votre place est confirmée ou si vous êtes sur la liste d’attente.`,
    'Pour vous connecter, ouvrez la page de connexion (le lien ci-dessous) et indiquez votre adresse électronique : vous recevrez un lien de connexion, valable quelques minutes. Il n’y a pas de mot de passe.',
    'Une fois connecté·e, « Mes inscriptions » montre vos inscriptions et votre code de présence.',
  ];
}

/**
 * Registers a person by their address, making them first when nobody has it. All or nothing: a person
 * made for a registration that is refused (registrations closed, say) is not kept.
 */
export async function registerNewPerson(
  db: Db,
  input: NewPersonRegistration,
  actorId: string,
  options: { settings: NotificationSettings; at?: Date },
): Promise<Result<{ registration: Registration; created: boolean }>> {
  const event = await getEvent(db, input.eventId);
  if (!event) return fail(404, 'not_found', m.eventNotFound());
  const email = input.email.trim();
  const existing = email ? await findPersonByEmail(db, email) : undefined;
  const organisationId = existing ? ok(undefined) : await organisationNamed(db, input.organisation);
  if (!organisationId.ok) return organisationId;
  const mode = event.format === 'hybrid' ? input.mode : undefined;
  try {
    return await db.transaction(async (tx) => {
      let person = existing;
      if (!person) {
        const made = await createPerson(
          tx,
          {
            firstName: input.firstName,
            lastName: input.lastName,
            email,
            kind: input.kind,
            organisationId: organisationId.value,
          },
          actorId,
        );
        if (!made.ok) throw new Undo(made);
        person = made.value;
      }
      const registered = await register(
        tx as unknown as Db,
        { eventId: event.id, personId: person.id, mode, registeredBy: actorId },
        options,
      );
      if (!registered.ok) throw new Undo(registered);
      if (!existing) {
        await queueMail(tx, welcomeMail(event, person, options.settings), {
          key: `event:${event.id}:welcome:${person.id}`,
        });
        await audit(tx, {
          actorId,
          action: 'register_new_person',
          entity: 'event',
          entityId: event.id,
          data: { personId: person.id, registrationId: registered.value.id },
        });
      }
      return ok({ registration: registered.value, created: !existing });
    });
  } catch (error) {
    if (error instanceof Undo) return error.failure;
    throw error;
  }
}
