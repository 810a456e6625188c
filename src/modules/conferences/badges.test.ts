// The Rencontres' badges, read back by poppler (text, page sizes, rendering) and jsQR (the QR codes): the
// confirmed registrations only, in last-name order, 8 to an A4 sheet or one to a badge-sized page, each
// with the agenda's check-in code of its registration.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { promisify } from 'node:util';
import jsqr from 'jsqr';
import { PNG } from 'pngjs';
import { buildLocalGovernment, buildPerson, buildStaff } from '../../../tests/factories.ts';
import { engine, testApp } from '../../../tests/helpers.ts';
import { pdfText, withoutPoppler } from '../../../tests/poppler.ts';
import { expectOk } from '../../../tests/proof/world.ts';
import { capitalised, formatWhen, parisDate } from '../../platform/time.ts';
import { cancelRegistration } from '../events/cancel-registration.ts';
import { checkInToken, registrationIdOfToken } from '../events/check-in.ts';
import { recordWalkIn } from '../events/manage-registration.ts';
import { notificationSettings } from '../events/notifications.ts';
import { createOrganisation } from '../organisations/organisations.ts';
import type { Person } from '../organisations/people.ts';
import { badgesPdf, bandTextColour, contrastRatio } from './badges.ts';
import type { CategoryCode } from './conferences.schema.ts';
import { categoryLabels, createConference, listCategories } from './conferences.ts';
import { registerToConference } from './registrations.ts';

const run = promisify(execFile);
// A CommonJS module: its `default` is the decoder itself (typed so under nodenext).
const jsQR = jsqr.default;
const mm = 72 / 25.4;
const dayIn = (days: number) => parisDate(new Date(Date.now() + days * 86_400_000));
const squash = (text: string) =>
  text
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
const unspaced = (text: string) => text.replace(/\s+/g, '');

/** A PDF in a temporary folder, for the poppler tools that read files. */
async function onDisk<T>(pdf: Buffer, read: (file: string, dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'coopdec-badges-'));
  try {
    const file = join(dir, 'badges.pdf');
    await writeFile(file, pdf);
    return await read(file, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Each page's size in points, as pdfinfo says it. */
async function pageSizes(file: string): Promise<{ width: number; height: number }[]> {
  const { stdout: info } = await run('pdfinfo', [file]);
  const pages = Number(/^Pages:\s+(\d+)$/m.exec(info)![1]);
  const { stdout } = await run('pdfinfo', ['-f', '1', '-l', String(pages), file]);
  return [...stdout.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((match) => ({
    width: Number(match[1]),
    height: Number(match[2]),
  }));
}

interface Cell {
  page: number;
  /** In points from the page's top left corner. */
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The cells of a layout: 2 × 4 cells of 105 × 74,25 mm on A4 sheets, or each page whole, row by row. */
function cellsOf(sizes: { width: number; height: number }[], layout: 'sheet' | 'single'): Cell[] {
  return sizes.flatMap((size, index) => {
    if (layout === 'single') return [{ page: index + 1, x: 0, y: 0, ...size }];
    return Array.from({ length: 8 }, (_, slot) => ({
      page: index + 1,
      x: (slot % 2) * 105 * mm,
      y: Math.floor(slot / 2) * 74.25 * mm,
      width: 105 * mm,
      height: 74.25 * mm,
    }));
  });
}

/** The text poppler finds inside a cell (a character outside it is not read). */
async function cellText(file: string, cell: Cell): Promise<string> {
  const page = String(cell.page);
  const box = [cell.x, cell.y, cell.width, cell.height].map((n) => String(Math.round(n)));
  const { stdout } = await run('pdftotext', [
    ...['-f', page, '-l', page, '-x', box[0]!, '-y', box[1]!, '-W', box[2]!, '-H', box[3]!],
    file,
    '-',
  ]);
  return squash(stdout);
}

const dpi = 150;

/** The pages as a printer or a phone's camera sees them: pixels, rendered by poppler. */
async function pageImages(file: string, dir: string, pages: number): Promise<PNG[]> {
  await run('pdftoppm', ['-png', '-r', String(dpi), file, join(dir, 'page')]);
  // pdftoppm numbers the files with as many digits as the last page's number has.
  const digits = String(pages).length;
  return Promise.all(
    Array.from({ length: pages }, async (_, i) =>
      PNG.sync.read(await readFile(join(dir, `page-${String(i + 1).padStart(digits, '0')}.png`))),
    ),
  );
}

/** A cell's pixels (RGBA), cut from its page's image. */
function crop(image: PNG, cell: Cell) {
  const scale = dpi / 72;
  const [x0, y0] = [Math.round(cell.x * scale), Math.round(cell.y * scale)];
  const width = Math.min(Math.round(cell.width * scale), image.width - x0);
  const height = Math.min(Math.round(cell.height * scale), image.height - y0);
  const data = new Uint8ClampedArray(width * height * 4);
  for (let row = 0; row < height; row++) {
    const start = ((y0 + row) * image.width + x0) * 4;
    data.set(image.data.subarray(start, start + width * 4), row * width * 4);
  }
  return { data, width, height };
}

/** The share of a cell's pixels of this colour (within a few units: anti-aliasing and rounding). */
function shareOf(pixels: ReturnType<typeof crop>, hex: string) {
  const rgb = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  let count = 0;
  for (let i = 0; i < pixels.data.length; i += 4)
    if (rgb.every((c, k) => Math.abs(pixels.data[i + k]! - c) <= 6)) count++;
  return count / (pixels.width * pixels.height);
}

interface ReadBadge {
  text: string;
  /** What the QR code holds, or null when none is readable. */
  qr: string | null;
  pixels: ReturnType<typeof crop>;
}

/** Each cell of the document: its text and its QR code, read back by poppler and jsQR. */
async function readBadges(pdf: Buffer, layout: 'sheet' | 'single') {
  return onDisk(pdf, async (file, dir) => {
    const sizes = await pageSizes(file);
    const cells = cellsOf(sizes, layout);
    const images = await pageImages(file, dir, sizes.length);
    const badges: ReadBadge[] = [];
    for (const cell of cells) {
      const pixels = crop(images[cell.page - 1]!, cell);
      const qr = jsQR(pixels.data, pixels.width, pixels.height);
      badges.push({ text: await cellText(file, cell), qr: qr?.data ?? null, pixels });
    }
    return { sizes, badges };
  });
}

describe('the badges of the Rencontres', { skip: withoutPoppler }, async () => {
  const { db, config } = await testApp({ after });
  const settings = notificationSettings(config);
  const baseUrl = config.baseUrl;
  const staff = await buildStaff(db);
  const town = await buildLocalGovernment(db, { member: true });
  const otherTown = await buildLocalGovernment(db, { member: true });
  const senegal = expectOk(
    await createOrganisation(
      db,
      { name: 'Commune de Saint-Louis', kind: 'foreign_local_government', country: 'SN' },
      null,
    ),
  );

  const edition = async (title: string, capacity?: number) =>
    expectOk(
      await createConference(
        db,
        {
          title,
          startsOn: dayIn(60),
          endsOn: dayIn(61),
          venue: 'Palais des congrès, Paris',
          registrationOpensAt: dayIn(-1),
          capacity,
          edition: 27,
        },
        staff.id,
      ),
    );
  const enrol = async (conferenceId: string, person: Person, category: CategoryCode) =>
    expectOk(
      await registerToConference(
        db,
        conferenceId,
        { personId: person.id, category },
        { settings, actorId: staff.id, staff: true, actFor: () => true },
      ),
    );

  const title = 'Rencontres de l’action internationale des collectivités territoriales 2026';
  // 12 seats: the 12 badges take them (the cancelled one gave its seat back); then a waiting list.
  const conference = await edition(title, 12);
  const longLastName = 'Quintanilla-Vandenbroucke-Delacroix de Saint-Exupéry y Montmorency-Laval';
  // Registered out of order: the badges come in last-name order all the same (« Éluard » among the E).
  const people: [first: string, last: string, CategoryCode, organisationId: string][] = [
    ['Inès', 'Garnier', 'member_local_government', town.id],
    ['Aminata', 'Ndiaye', 'foreign_delegation', senegal.id],
    ['Hélène', 'Abadie', 'member_local_government', town.id],
    ['Marie-Christine-Alexandra', longLastName, 'member_local_government', otherTown.id],
    ['Éva', 'Éluard', 'member_local_government', otherTown.id],
    ['Chloé', 'Caron', 'member_local_government', town.id],
    ['Sophie', 'Leroy', 'speaker', otherTown.id],
    ['Luc', 'Delmas', 'member_local_government', town.id],
    ['Marc', 'Huet', 'member_local_government', otherTown.id],
    ['Jean', 'Bénard', 'member_local_government', town.id],
    ['Paul', 'Fabre', 'member_local_government', town.id],
  ];
  const registered = new Map<
    string,
    { registrationId: string; category: CategoryCode; organisation: string }
  >();
  const organisationName = new Map([
    [town.id, town.name],
    [otherTown.id, otherTown.name],
    [senegal.id, senegal.name],
  ]);
  for (const [firstName, lastName, category, organisationId] of people) {
    const person = await buildPerson(db, { firstName, lastName, organisationId, kind: 'elected' });
    const { registrationId } = await enrol(conference.id, person, category);
    registered.set(`${firstName} ${lastName}`, {
      registrationId,
      category,
      organisation: organisationName.get(organisationId)!,
    });
  }
  const cancelled = await buildPerson(db, {
    firstName: 'Xavier',
    lastName: 'Annulé',
    organisationId: town.id,
  });
  const cancelledId = (await enrol(conference.id, cancelled, 'member_local_government')).registrationId;
  expectOk(await cancelRegistration(db, cancelledId, staff.id, { settings }));
  const zoe = await buildPerson(db, { firstName: 'Zoé', lastName: 'Zidane', organisationId: town.id });
  registered.set('Zoé Zidane', {
    registrationId: (await enrol(conference.id, zoe, 'member_local_government')).registrationId,
    category: 'member_local_government',
    organisation: town.name,
  });
  const waiting = await buildPerson(db, { firstName: 'Wanda', lastName: 'Attente', organisationId: town.id });
  const waitlisted = await enrol(conference.id, waiting, 'member_local_government');
  assert.equal(waitlisted.status, 'waitlisted');
  // A walk-in recorded at the agenda's door: a registration of the event, none of the Rencontres, no badge.
  const walkIn = await buildPerson(db, { firstName: 'Agathe', lastName: 'Agenda', organisationId: town.id });
  const duringTheEvent = new Date(conference.event.startsAt.getTime() + 3_600_000);
  expectOk(
    await recordWalkIn(db, { eventId: conference.eventId, personId: walkIn.id }, staff.id, {
      at: duringTheEvent,
    }),
  );

  const inOrder = [
    'Hélène Abadie',
    'Jean Bénard',
    'Chloé Caron',
    'Luc Delmas',
    'Éva Éluard',
    'Paul Fabre',
    'Inès Garnier',
    'Marc Huet',
    'Sophie Leroy',
    'Aminata Ndiaye',
    `Marie-Christine-Alexandra ${longLastName}`,
    'Zoé Zidane',
  ];
  const colours = new Map((await listCategories(db, conference.id)).map((c) => [c.code, c.colour]));
  const codeOf = (name: string) =>
    `${baseUrl}/emargement/${checkInToken(registered.get(name)!.registrationId)}`;

  it('prints 8 badges on an A4 sheet, the 9th on the next, in last-name order, each with its details', async () => {
    const pdf = expectOk(await badgesPdf(db, conference.id, { layout: 'sheet', baseUrl }));
    const { sizes, badges } = await readBadges(pdf, 'sheet');
    assert.equal(sizes.length, 2);
    for (const size of sizes) {
      assert.ok(
        Math.abs(size.width - 595.28) < 0.5 && Math.abs(size.height - 841.89) < 0.5,
        JSON.stringify(size),
      );
    }
    // 12 badges: the 8 cells of page one, 4 of page two, its other cells empty.
    const filled = badges.filter((b) => b.text);
    assert.equal(filled.length, 12);
    assert.deepEqual(
      badges.slice(0, 12).map((b) => Boolean(b.text)),
      Array(12).fill(true),
    );
    for (const [i, name] of inOrder.entries()) {
      const badge = badges[i]!;
      const { category, organisation } = registered.get(name)!;
      // The whole name in its cell: a name running over its badge would lose its end there.
      assert.ok(unspaced(badge.text).includes(unspaced(name)), `${name} : ${badge.text}`);
      assert.ok(badge.text.includes(organisation), `${organisation} : ${badge.text}`);
      assert.ok(badge.text.includes(categoryLabels[category]), `${categoryLabels[category]} : ${badge.text}`);
      // The country in French; « CITÉS UNIES FRANCE » above is in capitals.
      const [country, not] = name === 'Aminata Ndiaye' ? ['Sénégal', 'France'] : ['France', 'Sénégal'];
      assert.ok(badge.text.includes(country) && !badge.text.includes(not), `${country} : ${badge.text}`);
      assert.ok(badge.text.includes('CITÉS UNIES FRANCE'), badge.text);
      assert.ok(unspaced(badge.text).includes(unspaced(title)), badge.text);
      // The category's band, in its colour (a tenth of the badge or so).
      const share = shareOf(badge.pixels, colours.get(category)!);
      assert.ok(share > 0.05, `${name} : bande ${colours.get(category)} sur ${(share * 100).toFixed(1)} %`);
      // The QR code: the agenda's check-in address of this very registration.
      assert.equal(badge.qr, codeOf(name), name);
      const token = badge.qr!.split('/').at(-1)!;
      assert.equal(registrationIdOfToken(token), registered.get(name)!.registrationId);
    }
    const text = await pdfText(pdf);
    for (const absent of ['Agathe', 'Xavier', 'Annulé', 'Wanda', 'Attente'])
      assert.ok(!text.includes(absent), `${absent} n’a pas de badge`);
    // The dates of the edition, as the agenda writes them.
    assert.ok(
      text.includes(capitalised(formatWhen(conference.event.startsAt, conference.event.endsAt))),
      text,
    );
  });

  it('prints one badge a page the size of a badge, for a badge printer', async () => {
    const pdf = expectOk(await badgesPdf(db, conference.id, { layout: 'single', baseUrl }));
    const { sizes, badges } = await readBadges(pdf, 'single');
    assert.equal(sizes.length, 12);
    for (const size of sizes) {
      // A7 landscape: 105 × 74 mm.
      assert.ok(
        Math.abs(size.width - 105 * mm) < 0.5 && Math.abs(size.height - 74 * mm) < 0.5,
        JSON.stringify(size),
      );
    }
    assert.deepEqual(
      badges.map((b) => b.qr),
      inOrder.map(codeOf),
    );
    assert.ok(unspaced(badges[10]!.text).includes(unspaced(longLastName)), badges[10]!.text);
  });

  it('prints only a selection, leaving out what is not a confirmed registration of this edition', async () => {
    const other = await edition('Rencontres 2027');
    const elsewhere = await enrol(
      other.id,
      await buildPerson(db, { organisationId: town.id }),
      'member_local_government',
    );
    const pdf = expectOk(
      await badgesPdf(db, conference.id, {
        layout: 'single',
        baseUrl,
        registrationIds: [
          registered.get('Aminata Ndiaye')!.registrationId,
          cancelledId,
          waitlisted.registrationId,
          elsewhere.registrationId,
          randomUUID(),
          'pas-un-identifiant',
          registered.get('Hélène Abadie')!.registrationId,
        ],
      }),
    );
    const { badges } = await readBadges(pdf, 'single');
    assert.deepEqual(
      badges.map((b) => b.qr),
      ['Hélène Abadie', 'Aminata Ndiaye'].map(codeOf),
    );
    const text = await pdfText(pdf);
    assert.ok(text.includes('Aminata') && text.includes('Abadie'));
    assert.ok(!text.includes('Garnier') && !text.includes('Xavier') && !text.includes('Wanda'));
  });

  it('says so when there is nothing to print, or no such edition', async () => {
    const nothing = await badgesPdf(db, conference.id, {
      layout: 'sheet',
      baseUrl,
      registrationIds: [cancelledId],
    });
    assert.ok(!nothing.ok && nothing.error.code === 'no_badges');
    const unknown = await badgesPdf(db, randomUUID(), { layout: 'sheet', baseUrl });
    assert.ok(!unknown.ok && unknown.error.status === 404);
  });

  it('writes the category in white or ink, whichever reads better on its colour', () => {
    assert.equal(bandTextColour('#000091'), '#ffffff');
    assert.equal(bandTextColour('#ffe552'), '#161616');
    assert.equal(bandTextColour('#b0b0b0'), '#161616');
    // Whichever is chosen stands out more than the other would, at least 3:1 on every default colour (AA for
    // large bold text: the label is printed at 14 pt bold when it holds on its band).
    for (const [code, colour] of colours) {
      const chosen = contrastRatio(colour, bandTextColour(colour));
      const other = contrastRatio(colour, bandTextColour(colour) === '#ffffff' ? '#161616' : '#ffffff');
      assert.ok(chosen >= other && chosen >= 3, `${code} ${colour} ${chosen.toFixed(2)}`);
    }
  });

  it(`renders 400 badges in reasonable time (${engine})`, async (t) => {
    const big = await edition('Rencontres nombreuses');
    const ids: string[] = [];
    for (let i = 0; i < 400; i++) {
      const person = await buildPerson(db, {
        firstName: 'Personne',
        lastName: `Numéro ${i}`,
        organisationId: town.id,
      });
      ids.push((await enrol(big.id, person, 'member_local_government')).registrationId);
    }
    const started = performance.now();
    const pdf = expectOk(await badgesPdf(db, big.id, { layout: 'sheet', baseUrl }));
    const sheetMs = performance.now() - started;
    const again = performance.now();
    const single = expectOk(await badgesPdf(db, big.id, { layout: 'single', baseUrl }));
    const singleMs = performance.now() - again;
    t.diagnostic(
      `400 badges: sheet ${sheetMs.toFixed(0)} ms, ${(pdf.length / 1024).toFixed(0)} KiB; single ${singleMs.toFixed(0)} ms, ${(single.length / 1024).toFixed(0)} KiB`,
    );
    await onDisk(pdf, async (file) => assert.equal((await pageSizes(file)).length, 50));
    await onDisk(single, async (file) => assert.equal((await pageSizes(file)).length, 400));
    assert.equal(ids.length, 400);
  });
});
