// The events' structured data read by an independent JSON-LD processor (`jsonld`, Digital Bazaar's):
// expanded in safe mode with schema.org's own published context (tests/standards/), no network.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, describe, it } from 'node:test';
import jsonld from 'jsonld';
import { bearer, buildEvent, buildInstitution, buildOfficer, buildStaff } from '../../../tests/factories.ts';
import { testApp, testConfig } from '../../../tests/helpers.ts';
import { notificationSettings } from './notifications.ts';
import { register } from './register.ts';

const context = JSON.parse(
  await readFile(new URL('../../../tests/standards/schemaorg-context.jsonld', import.meta.url), 'utf8'),
);
/** schema.org serves its context at its home page (and at the file's own address): both, from disk. */
const contextUrls = new Set([
  'https://schema.org',
  'https://schema.org/',
  'http://schema.org',
  'http://schema.org/',
  'https://schema.org/docs/jsonldcontext.jsonld',
  'https://schema.org/docs/jsonldcontext.json',
]);
const documentLoader = async (url: string) => {
  if (!contextUrls.has(url)) throw new Error(`no network in tests: ${url}`);
  return { contextUrl: undefined, documentUrl: url, document: context };
};

type Node = Record<string, unknown[]>;
const s = (term: string) => `http://schema.org/${term}`;

/** The values of a property of an expanded node. */
const values = (node: Node, term: string) => (node[s(term)] ?? []) as Record<string, unknown>[];
const one = (node: Node, term: string) => {
  const found = values(node, term);
  assert.equal(found.length, 1, `one ${term}: ${JSON.stringify(found)}`);
  return found[0]!;
};
const literal = (node: Node, term: string) => one(node, term)['@value'];
const typesOf = (node: unknown) => (node as { '@type'?: string[] })['@type'] ?? [];

describe('the JSON-LD of an event page, expanded by jsonld with schema.org’s context', async () => {
  const { app, db } = await testApp({ after });
  const staff = await bearer(db, await buildStaff(db));
  const settings = notificationSettings(testConfig());

  async function expanded(eventId: string): Promise<Node> {
    const page = await app.inject({ method: 'GET', url: `/agenda/${eventId}` });
    assert.equal(page.statusCode, 200);
    const json = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page.body)?.[1];
    assert.ok(json, 'the page carries JSON-LD');
    const result = await jsonld.expand(JSON.parse(json), {
      documentLoader,
      safe: true,
    } as jsonld.Options.Expand);
    assert.equal(result.length, 1);
    const [event] = result as unknown as Node[];
    assert.deepEqual(typesOf(event), [s('Event')]);
    return event!;
  }

  it('describes an event in person: a Place with a PostalAddress, its organisers, a free offer', async () => {
    const [cuf, city] = [await buildInstitution(db, 'Réseau organisateur'), await buildInstitution(db)];
    const event = await buildEvent(db, {
      title: 'Assises de la coopération décentralisée',
      venue: 'Hôtel de ville, Limoges',
      capacity: 200,
      organiserIds: [cuf.id],
      partnerIds: [city.id],
    });
    const node = await expanded(event.id);
    assert.equal(literal(node, 'name'), 'Assises de la coopération décentralisée');
    assert.deepEqual(one(node, 'startDate'), { '@type': s('Date'), '@value': event.startsAt.toISOString() });
    assert.equal(literal(node, 'eventStatus'), 'https://schema.org/EventScheduled');
    assert.equal(literal(node, 'eventAttendanceMode'), 'https://schema.org/OfflineEventAttendanceMode');
    const place = one(node, 'location') as Node;
    assert.deepEqual(typesOf(place), [s('Place')]);
    assert.equal(literal(place, 'name'), 'Hôtel de ville, Limoges');
    const address = one(place, 'address') as Node;
    assert.deepEqual(typesOf(address), [s('PostalAddress')]);
    assert.equal(literal(address, 'streetAddress'), 'Hôtel de ville, Limoges');
    const organizer = one(node, 'organizer') as Node;
    assert.deepEqual(typesOf(organizer), [s('Organization')]);
    assert.equal(literal(organizer, 'name'), 'Réseau organisateur');
    assert.equal(literal(one(node, 'sponsor') as Node, 'name'), city.name);
    const offer = one(node, 'offers') as Node;
    assert.deepEqual(typesOf(offer), [s('Offer')]);
    assert.equal(literal(offer, 'price'), 0);
    assert.equal(literal(offer, 'priceCurrency'), 'EUR');
    assert.equal(literal(offer, 'availability'), 'https://schema.org/InStock');
    assert.deepEqual(one(offer, 'url'), { '@id': `http://localhost:3000/agenda/${event.id}` });
    assert.equal(literal(node, 'isAccessibleForFree'), true);
    assert.equal(literal(node, 'remainingAttendeeCapacity'), 200);
  });

  it('describes an online event for members: a VirtualLocation, the network as organiser, no offer', async () => {
    const event = await buildEvent(db, {
      title: 'Chroniques géopolitiques',
      format: 'online',
      audience: 'members',
      onlineUrl: 'https://visio.example.org/secret',
    });
    const node = await expanded(event.id);
    assert.equal(literal(node, 'eventAttendanceMode'), 'https://schema.org/OnlineEventAttendanceMode');
    const location = one(node, 'location') as Node;
    assert.deepEqual(typesOf(location), [s('VirtualLocation')]);
    assert.deepEqual(one(location, 'url'), { '@id': `http://localhost:3000/agenda/${event.id}` });
    assert.doesNotMatch(JSON.stringify(node), /visio\.example\.org/, 'the video link stays private');
    const organizer = one(node, 'organizer') as Node;
    // The network's name: MAIL_FROM's, which is NETWORK_NAME's unless configured otherwise.
    assert.equal(literal(organizer, 'name'), 'Cités Unies France', 'the network (NETWORK_NAME)');
    assert.deepEqual(one(organizer, 'url'), { '@id': 'https://cites-unies-france.org' });
    assert.deepEqual(values(node, 'offers'), []);
    assert.deepEqual(values(node, 'isAccessibleForFree'), []);
  });

  it('gives a hybrid event both a Place and a VirtualLocation', async () => {
    const event = await buildEvent(db, {
      format: 'hybrid',
      venue: 'Sénat, Paris',
      onlineUrl: 'https://visio.example.org/h',
    });
    const node = await expanded(event.id);
    assert.equal(literal(node, 'eventAttendanceMode'), 'https://schema.org/MixedEventAttendanceMode');
    assert.deepEqual(values(node, 'location').map(typesOf).sort(), [[s('Place')], [s('VirtualLocation')]]);
  });

  it('says EventRescheduled with the previous start once the date changed, EventCancelled once cancelled', async () => {
    const event = await buildEvent(db, { title: 'Forum reporté puis annulé', venue: 'Cannes' });
    const later = new Date(event.startsAt.getTime() + 7 * 86_400_000);
    const moved = await app.inject({
      method: 'PATCH',
      url: `/api/v1/events/${event.id}`,
      headers: staff,
      payload: { startsAt: later.toISOString(), endsAt: new Date(later.getTime() + 3_600_000).toISOString() },
    });
    assert.equal(moved.statusCode, 200);
    const rescheduled = await expanded(event.id);
    assert.equal(literal(rescheduled, 'eventStatus'), 'https://schema.org/EventRescheduled');
    assert.equal(literal(rescheduled, 'previousStartDate'), event.startsAt.toISOString());
    assert.equal(literal(rescheduled, 'startDate'), later.toISOString());
    const cancelled = await app.inject({
      method: 'POST',
      url: `/api/v1/events/${event.id}/cancel`,
      headers: staff,
      payload: { reason: 'Intempéries' },
    });
    assert.equal(cancelled.statusCode, 200);
    const node = await expanded(event.id);
    assert.equal(literal(node, 'eventStatus'), 'https://schema.org/EventCancelled');
    assert.deepEqual(values(node, 'offers'), [], 'no offer for an event that will not take place');
  });

  it('marks the offer of a full event SoldOut', async () => {
    const event = await buildEvent(db, { capacity: 1 });
    const person = await buildOfficer(db, (await buildInstitution(db)).id);
    assert.ok(
      (await register(db, { eventId: event.id, personId: person.id, registeredBy: null }, { settings })).ok,
    );
    const offer = one(await expanded(event.id), 'offers') as Node;
    assert.equal(literal(offer, 'availability'), 'https://schema.org/SoldOut');
  });
});
