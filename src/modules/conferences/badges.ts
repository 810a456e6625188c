// The Rencontres' badges as a PDF: A4 sheets of 8 (2 × 4 badges of 105 × 74,25 mm, with light cut marks) or
// one badge a page for a badge printer. Each carries the QR code of the agenda's check-in for its
// registration, so that the agenda's scanner and the Rencontres' read the same code.
import { setImmediate as yieldToOthers } from 'node:timers/promises';
import { eq } from 'drizzle-orm';
import { countryName } from '../../platform/countries.ts';
import type { Executor } from '../../platform/db/client.ts';
import { network } from '../../platform/identity.ts';
import { type Pdf, renderPdf } from '../../platform/pdf/pdf.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { capitalised, formatWhen } from '../../platform/time.ts';
import { frenchText } from '../../platform/typography.ts';
import { checkInAddress } from '../events/check-in.ts';
import { listRegistrations } from '../events/registrations.queries.ts';
import { personCards } from '../organisations/directory.ts';
import { getOrganisationsByIds } from '../organisations/organisations.ts';
import { badgesMessages as bm } from './badges.messages.ts';
import { conferencesMessages as m } from './conferences.messages.ts';
import { type CategoryCode, conferenceRegistrations } from './conferences.schema.ts';
import { type Conference, categoryLabels, getConference, listCategories } from './conferences.ts';

export type BadgeLayout = 'sheet' | 'single';

export interface BadgesOptions {
  /** A selection (a reprint); ids that are not confirmed registrations of this edition are ignored. */
  registrationIds?: readonly string[];
  layout: BadgeLayout;
  /** The platform's address (BASE_URL): the QR code holds the agenda's check-in address. */
  baseUrl: string;
}

interface Badge {
  registrationId: string;
  firstName: string;
  lastName: string;
  organisation: string | null;
  country: string | null;
  category: CategoryCode;
}

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/**
 * The badges of an edition: its confirmed registrations that are registrations to the Rencontres (cancelled
 * and waitlisted ones aside), or those of the selection, by last name then first name.
 */
async function badgesOf(
  executor: Executor,
  conference: Conference,
  registrationIds: readonly string[] | undefined,
): Promise<Badge[]> {
  const selected = registrationIds && new Set(registrationIds);
  const rows = await executor
    .select({
      registrationId: conferenceRegistrations.registrationId,
      category: conferenceRegistrations.category,
    })
    .from(conferenceRegistrations)
    .where(eq(conferenceRegistrations.conferenceId, conference.id));
  const categoryOf = new Map(rows.map((r) => [r.registrationId, r.category]));
  const confirmed = (await listRegistrations(executor, conference.eventId))
    .map((r) => r.registration)
    .filter((r) => r.status === 'confirmed' && categoryOf.has(r.id) && (!selected || selected.has(r.id)));
  const cards = await personCards(
    executor,
    confirmed.map((r) => r.personId),
  );
  const organisationIds = [...new Set([...cards.values()].flatMap((c) => c.organisationId ?? []))];
  const organisations = new Map(
    (await getOrganisationsByIds(executor, organisationIds)).map((o) => [o.id, o]),
  );
  return confirmed
    .map((registration) => {
      const card = cards.get(registration.personId)!;
      const organisation = card.organisationId ? organisations.get(card.organisationId) : undefined;
      return {
        registrationId: registration.id,
        firstName: card.firstName,
        lastName: card.lastName,
        organisation: organisation?.name ?? null,
        country: organisation ? countryName(organisation.country) : null,
        category: categoryOf.get(registration.id)!,
      };
    })
    .sort(
      (a, b) =>
        collator.compare(a.lastName, b.lastName) ||
        collator.compare(a.firstName, b.firstName) ||
        a.registrationId.localeCompare(b.registrationId),
    );
}

// ——— Colours ———

const ink = '#161616';
const muted = '#3a3a3a';
const networkBlue = '#000091';

/** The relative luminance of a #rrggbb colour (WCAG 2.1). */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The contrast ratio of two #rrggbb colours (WCAG 2.1): 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** White or ink on a category's band, whichever stands out more from its colour. */
export const bandTextColour = (colour: string) =>
  contrastRatio(colour, '#ffffff') >= contrastRatio(colour, ink) ? '#ffffff' : ink;

// ——— Drawing ———

// A badge is an eighth of an A4 sheet, 105 × 74,25 mm, or an A7 landscape page, 105 × 74 mm; in points:
const mm = 72 / 25.4;
const pad = 12;
const qrSide = 70;
const bandHeight = 26;
const bandInset = 8;

/**
 * The font size from `max` down to `min` at which each line of `lines` holds on one line of `width`; `min`
 * when none does (the text then wraps, and its box's height cuts what is left with an ellipsis). A width is
 * proportional to the size: one measure a line is enough, which 400 badges notice.
 */
function fittingSize(
  doc: Pdf,
  font: string,
  lines: readonly string[],
  width: number,
  max: number,
  min: number,
) {
  doc.font(font).fontSize(1);
  const widest = Math.max(...lines.map((line) => doc.widthOfString(line)));
  return Math.min(max, Math.max(min, Math.floor((width / widest) * 4) / 4));
}

/** Writes a text in a box it never leaves (pdfkit would open a new page below the page's margin). */
function boxed(
  doc: Pdf,
  text: string,
  x: number,
  y: number,
  box: { width: number; height: number; font: string; size: number; colour: string; align?: 'center' },
): number {
  doc.font(box.font).fontSize(box.size).fillColor(box.colour);
  const height = Math.min(box.height, doc.heightOfString(text, { width: box.width }));
  doc.text(text, x, y, { width: box.width, height: box.height, ellipsis: true, align: box.align });
  return height;
}

type QrModules = { size: number; get(row: number, col: number): number | boolean };

/**
 * The QR codes of the badges, by registration: the agenda's check-in address of each. Made before drawing,
 * the event loop let go every 25 codes: choosing a code's mask (the most readable of 8) is the larger part
 * of a badge's cost, and 400 codes in one go would hold every other request for a second or more.
 */
async function qrCodes(registrationIds: readonly string[], baseUrl: string): Promise<Map<string, QrModules>> {
  // Loaded here, not at start: few requests draw a QR code (decision 025).
  const { default: QRCode } = await import('qrcode');
  const codes = new Map<string, QrModules>();
  for (const [i, id] of registrationIds.entries()) {
    if (i > 0 && i % 25 === 0) await yieldToOthers();
    const address = checkInAddress(baseUrl, id);
    codes.set(id, QRCode.create(address, { errorCorrectionLevel: 'M' }).modules);
  }
  return codes;
}

/** A QR code as vector squares, each row's dark runs as one rectangle: sharp when printed, and light. */
function drawQr(doc: Pdf, modules: QrModules, x: number, y: number) {
  const cell = qrSide / modules.size;
  for (let row = 0; row < modules.size; row++) {
    let start = -1;
    for (let col = 0; col <= modules.size; col++) {
      const dark = col < modules.size && Boolean(modules.get(row, col));
      if (dark && start < 0) start = col;
      if (!dark && start >= 0) {
        doc.rect(x + start * cell, y + row * cell, (col - start) * cell, cell);
        start = -1;
      }
    }
  }
  doc.fill('#000000');
}

interface Edition {
  network: string;
  title: string;
  when: string;
  colours: Map<CategoryCode, string>;
  qrCodes: Map<string, QrModules>;
}

function drawBadge(doc: Pdf, edition: Edition, badge: Badge, x: number, y: number, w: number, h: number) {
  const t = frenchText;
  // Top right, the QR code; top left, the network and the edition.
  drawQr(doc, edition.qrCodes.get(badge.registrationId)!, x + w - pad - qrSide, y + pad);
  const headWidth = w - 2 * pad - qrSide - 10;
  let top = y + pad;
  top += boxed(doc, edition.network.toLocaleUpperCase('fr-FR'), x + pad, top, {
    width: headWidth,
    height: 10,
    font: 'bold',
    size: 7.5,
    colour: networkBlue,
  });
  top += boxed(doc, t(edition.title), x + pad, top + 2, {
    width: headWidth,
    height: 31,
    font: 'bold',
    size: 8.5,
    colour: ink,
  });
  boxed(doc, t(edition.when), x + pad, top + 3, {
    width: headWidth,
    height: 18,
    font: 'regular',
    size: 7.5,
    colour: muted,
  });

  // Below the QR code, the person: the name large, then the organisation and its country.
  const width = w - 2 * pad;
  const bandTop = y + h - bandInset - bandHeight;
  const bottom = bandTop - 4;
  const countryLine = badge.country ? 11 : 0;
  const organisationLines = badge.organisation ? 12 : 0;
  top = y + pad + qrSide + 6;
  const name = [t(badge.firstName), t(badge.lastName)];
  const nameSize = fittingSize(doc, 'bold', name, width, 20, 11);
  top += boxed(doc, name.join('\n'), x + pad, top, {
    width,
    height: bottom - top - countryLine - organisationLines - 3,
    font: 'bold',
    size: nameSize,
    colour: ink,
  });
  if (badge.organisation) {
    const organisation = t(badge.organisation);
    top += boxed(doc, organisation, x + pad, top + 3, {
      width,
      height: bottom - top - 3 - countryLine,
      font: 'regular',
      size: fittingSize(doc, 'regular', [organisation], width, 10, 8),
      colour: ink,
    });
  }
  if (badge.country)
    boxed(doc, t(badge.country), x + pad, top + 4, {
      width,
      height: 11,
      font: 'regular',
      size: 8.5,
      colour: muted,
    });

  // At the bottom, the category on a band of its colour.
  const colour = edition.colours.get(badge.category) ?? muted;
  const label = t(categoryLabels[badge.category]);
  const bandWidth = w - 2 * bandInset;
  doc.roundedRect(x + bandInset, bandTop, bandWidth, bandHeight, 3).fill(colour);
  const labelSize = fittingSize(doc, 'bold', [label], bandWidth - 12, 14, 8);
  boxed(doc, label, x + bandInset + 6, bandTop + (bandHeight - labelSize * 1.17) / 2, {
    width: bandWidth - 12,
    height: bandHeight,
    font: 'bold',
    size: labelSize,
    colour: bandTextColour(colour),
    align: 'center',
  });
}

/** Light marks on the cut lines of a sheet: ticks at the edges, a cross where four badges meet. */
function drawCutMarks(doc: Pdf, columns: number, rows: number, w: number, h: number) {
  const tick = 4 * mm;
  const { width, height } = doc.page;
  for (let col = 1; col < columns; col++) {
    doc.moveTo(col * w, 0).lineTo(col * w, tick);
    doc.moveTo(col * w, height - tick).lineTo(col * w, height);
  }
  for (let row = 1; row < rows; row++) {
    doc.moveTo(0, row * h).lineTo(tick, row * h);
    doc.moveTo(width - tick, row * h).lineTo(width, row * h);
    for (let col = 1; col < columns; col++) {
      doc.moveTo(col * w - tick, row * h).lineTo(col * w + tick, row * h);
      doc.moveTo(col * w, row * h - tick).lineTo(col * w, row * h + tick);
    }
  }
  doc.lineWidth(0.3).strokeColor('#b0b0b0').stroke();
}

/**
 * The badges of an edition as a PDF: on A4 sheets of 8 (`sheet`), or one a page the size of a badge
 * (`single`, A7 landscape) for a badge printer.
 */
export async function badgesPdf(
  executor: Executor,
  conferenceId: string,
  options: BadgesOptions,
): Promise<Result<Buffer>> {
  const conference = await getConference(executor, conferenceId);
  if (!conference) return fail(404, 'not_found', m.conferenceNotFound());
  const badges = await badgesOf(executor, conference, options.registrationIds);
  if (!badges.length) return fail(422, 'no_badges', bm.badgesNone());
  const categories = await listCategories(executor, conference.id);
  const { event } = conference;
  const edition: Edition = {
    network: network().name,
    title: event.title,
    when: capitalised(formatWhen(event.startsAt, event.endsAt)),
    colours: new Map(categories.map((c) => [c.code, c.colour])),
    qrCodes: await qrCodes(
      badges.map((b) => b.registrationId),
      options.baseUrl,
    ),
  };
  const sheet = options.layout === 'sheet';
  const [columns, rows] = sheet ? [2, 4] : [1, 1];
  const perPage = columns * rows;
  return ok(
    await renderPdf(
      {
        size: sheet ? 'A4' : 'A7',
        layout: sheet ? 'portrait' : 'landscape',
        title: bm.badgesDocumentTitle({ title: event.title }).text,
        author: edition.network,
      },
      (doc) => {
        const w = doc.page.width / columns;
        const h = doc.page.height / rows;
        badges.forEach((badge, i) => {
          const slot = i % perPage;
          if (i > 0 && slot === 0) doc.addPage();
          if (sheet && slot === 0) drawCutMarks(doc, columns, rows, w, h);
          drawBadge(doc, edition, badge, (slot % columns) * w, Math.floor(slot / columns) * h, w, h);
        });
      },
    ),
  );
}
