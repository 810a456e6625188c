// Pieces shared by the pages of « Diplomates des territoires »: form fields whose id differs from their
// name (several forms on one page), the rule in words, the badges of a session.
import { formatDate, formatDateTime, formatWhen, timeZone } from '../../../platform/time.ts';
import { eventFormatLabels } from '../../events/events.ts';
import type { Program, SessionWithEvent } from '../programs.ts';
import type { RuleOutcome, SessionState, Standing } from '../progress.ts';

export type Errors = Record<string, string> | undefined;
export type Values = Record<string, string | undefined>;

export const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n > 1 ? many : word}`;

/** « au moins 5 séances parmi les 12 proposées, dont les 2 obligatoires ». */
export function ruleInWords(minSessions: number, sessionCount: number, mandatoryTotal: number) {
  const among = sessionCount > 0 ? ` parmi les ${sessionCount} proposées` : '';
  const mandatory =
    mandatoryTotal === 0
      ? ''
      : mandatoryTotal === 1
        ? ', dont la séance obligatoire'
        : `, dont les ${mandatoryTotal} obligatoires`;
  return `au moins ${plural(minSessions, 'séance')}${among}${mandatory}`;
}

const parisClock = new Intl.DateTimeFormat('fr-FR', { timeZone, hour: '2-digit', minute: '2-digit' });

/** A date typed as a day by staff is shown as a day; a precise time set through the API keeps its time. */
export function dayOrTime(value: Date, edge: 'start' | 'end'): string {
  const clock = parisClock.format(value);
  if ((edge === 'start' && clock === '00:00') || (edge === 'end' && clock === '23:59'))
    return formatDate(value);
  return formatDateTime(value);
}

/** The phases of the edition that are set, in order. */
export function calendarOf(program: Program, sessions: SessionWithEvent[]): [string, string][] {
  const phases: [string, string][] = [];
  if (program.interestOpensOn)
    phases.push(['Manifestations d’intérêt', `à partir du ${formatDate(program.interestOpensOn)}`]);
  if (program.applicationsOpenAt || program.applicationsCloseAt) {
    const from = program.applicationsOpenAt ? `du ${dayOrTime(program.applicationsOpenAt, 'start')}` : '';
    const to = program.applicationsCloseAt ? `jusqu’au ${dayOrTime(program.applicationsCloseAt, 'end')}` : '';
    phases.push(['Candidatures', [from, to].filter(Boolean).join(' ')]);
  }
  const first = sessions[0];
  const last = sessions.at(-1);
  if (first) phases.push(['Première séance', formatDate(first.event.startsAt)]);
  if (last && last !== first) phases.push(['Dernière séance', formatDate(last.event.startsAt)]);
  if (program.certificatesOn) phases.push(['Remise des certificats', formatDate(program.certificatesOn)]);
  return phases;
}

export function SessionBadges({ session }: { session: SessionWithEvent }) {
  return (
    <>
      {session.mandatory ? (
        <>
          {' '}
          <span class="badge badge-warn">obligatoire</span>
        </>
      ) : null}
      {session.cohortOnly ? (
        <>
          {' '}
          <span class="badge">réservée à la promotion</span>
        </>
      ) : null}
    </>
  );
}

export function SessionFacts({ session }: { session: SessionWithEvent }) {
  const { event } = session;
  return (
    <p class="muted">
      <time dateTime={event.startsAt.toISOString()}>{formatWhen(event.startsAt, event.endsAt)}</time> ·{' '}
      {eventFormatLabels[event.format]}
      {event.venue ? ` · ${event.venue}` : ''}
      {event.provisional ? ' · date provisoire' : ''}
    </p>
  );
}

export const sessionStateLabels: Record<SessionState, string> = {
  attended: 'présent·e',
  registered: 'inscrit·e',
  waitlisted: 'sur liste d’attente',
  missed: 'manquée',
  ongoing: 'en cours',
  upcoming: 'à venir',
  cancelled: 'annulée',
};

export const sessionStateClasses: Record<SessionState, string> = {
  attended: 'badge badge-ok',
  registered: 'badge badge-ok',
  waitlisted: 'badge',
  missed: 'badge badge-warn',
  ongoing: 'badge',
  upcoming: 'badge',
  cancelled: 'badge',
};

/** Where a participant stands, in words: « certifiable » until a certificate exists, then « certifié·e ». */
export const standingLabels: Record<Standing, string> = {
  eligible: 'certifiable',
  on_track: 'en bonne voie',
  at_risk: 'à risque',
  out_of_reach: 'ne peut plus obtenir le certificat',
};

/** Staff's words for where a participant stands (a certificate issued wins over the rule). */
export function cohortStandingLabel(standing: Standing, certificate: { revokedAt: Date | null } | undefined) {
  if (certificate) return certificate.revokedAt ? 'certificat révoqué' : 'certifié·e';
  return standingLabels[standing];
}

/** A warning colour for what needs a word with the participant. */
export const standingNeedsAttention = (
  standing: Standing,
  certificate: { revokedAt: Date | null } | undefined,
) => (certificate ? certificate.revokedAt !== null : standing === 'at_risk' || standing === 'out_of_reach');

/**
 * The count in words, never « 6 / 5 »: « 6 séances suivies, 5 requises, dont les 2 obligatoires »,
 * « 3 séances suivies, 5 requises, dont 1 des 2 obligatoires », « aucune séance suivie, 5 requises, dont les
 * 2 obligatoires » (the rule, then).
 */
export function attendanceInWords(
  o: Pick<RuleOutcome, 'attended' | 'minSessions' | 'mandatoryAttended' | 'mandatoryTotal'>,
): string {
  const done =
    o.attended === 0 ? 'aucune séance suivie' : plural(o.attended, 'séance suivie', 'séances suivies');
  const required = plural(o.minSessions, 'requise');
  const total = o.mandatoryTotal;
  let mandatory = '';
  if (total > 0) {
    const all = total === 1 ? 'la séance obligatoire' : `les ${total} obligatoires`;
    if (o.attended === 0 || o.mandatoryAttended === total) mandatory = `, dont ${all}`;
    else if (o.mandatoryAttended === 0)
      mandatory =
        total === 1 ? ', mais pas la séance obligatoire' : `, mais aucune des ${total} obligatoires`;
    else mandatory = `, dont ${o.mandatoryAttended} des ${total} obligatoires`;
  }
  return `${done}, ${required}${mandatory}`;
}

/** « « A » », « « A » et « B » », « « A », « B » et « C » ». */
export function titlesInWords(titles: string[]): string {
  const quoted = titles.map((t) => `« ${t} »`);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} et ${quoted.at(-1)}`;
}
