// « Mon parcours »: where a participant stands, at a glance on a phone, and their certificate.
import { formatDate } from '../../../platform/time.ts';
import { frenchText } from '../../../platform/typography.ts';
import { Layout, type PageContext } from '../../../platform/views/layout.tsx';
import { type Application, applicationStatusLabels } from '../applications.ts';
import type { Program } from '../programs.ts';
import type { participantProgress, SessionProgress } from '../progress.ts';
import {
  attendanceInWords,
  plural,
  SessionBadges,
  SessionFacts,
  sessionStateClasses,
  sessionStateLabels,
  titlesInWords,
} from './parts.tsx';

export type Progress = Awaited<ReturnType<typeof participantProgress>>;

export interface MyCertificate {
  code: string;
  issuedOn: string;
  /** In the holder's form: « Auditrice de Cités Unies France ». */
  title: string;
  revokedAt: Date | null;
  revocationReason: string | null;
}

export interface MyPathPageProps {
  ctx: PageContext;
  notice?: string | undefined;
  participant:
    | { program: Program; progress: Progress; certificate: MyCertificate | undefined; baseUrl: string }
    | undefined;
  applications: { program: Program; application: Application }[];
  programs: Program[];
}

/** What is left to do, in one sentence: « Il vous reste à suivre 2 séances dont la séance obligatoire « X ». » */
export function remainingInWords(progress: Progress): string | undefined {
  if (progress.eligible || progress.standing === 'out_of_reach' || progress.remaining === 0) return undefined;
  const mandatoryToCome = progress.sessions.filter((s) => s.mandatory && open(s));
  const titles = titlesInWords(mandatoryToCome.map((s) => s.event.title));
  const n = Math.max(progress.minSessions - progress.attended, mandatoryToCome.length);
  if (n === 0) return undefined;
  if (mandatoryToCome.length === 0) return `Il vous reste à suivre ${plural(n, 'séance')}.`;
  if (mandatoryToCome.length >= n) {
    return mandatoryToCome.length === 1
      ? `Il vous reste à suivre la séance obligatoire ${titles}.`
      : `Il vous reste à suivre les ${mandatoryToCome.length} séances obligatoires ${titles}.`;
  }
  return `Il vous reste à suivre ${plural(n, 'séance')} dont ${
    mandatoryToCome.length === 1
      ? 'la séance obligatoire'
      : `les ${mandatoryToCome.length} séances obligatoires`
  } ${titles}.`;
}

/** A session one may still attend: not over, not cancelled, not attended yet. */
const open = (s: SessionProgress) => !['attended', 'missed', 'cancelled'].includes(s.state);

/** How much room is left, for a participant at risk: « Vous ne pouvez plus manquer qu’une séance. » */
function marginInWords(progress: Progress): string {
  const slack = progress.sessions.filter(open).length - progress.remaining;
  return slack <= 0
    ? 'Vous devez suivre chacune des séances qui restent.'
    : 'Vous ne pouvez plus manquer qu’une séance.';
}

/** Why a participant can no longer make it with the sessions left. */
function outOfReachReasons(progress: Progress): string[] {
  const reasons: string[] = [];
  const missedMandatory = progress.sessions.filter((s) => s.mandatory && s.state === 'missed');
  if (missedMandatory.length) {
    reasons.push(
      missedMandatory.length === 1
        ? `La séance obligatoire ${titlesInWords(missedMandatory.map((s) => s.event.title))} a eu lieu sans vous.`
        : `Les séances obligatoires ${titlesInWords(missedMandatory.map((s) => s.event.title))} ont eu lieu sans vous.`,
    );
  }
  const toCome = progress.sessions.filter(open).length;
  if (progress.attended + toCome < progress.minSessions) {
    reasons.push(
      toCome === 0
        ? 'Il ne reste plus de séance à venir.'
        : `Il ne reste ${toCome === 1 ? 'qu’une séance' : `que ${toCome} séances`} à venir : ce n’est plus assez pour atteindre ${progress.minSessions}.`,
    );
  }
  return reasons;
}

function Standing({
  progress,
  certificate,
  program,
}: {
  progress: Progress;
  certificate: MyCertificate | undefined;
  program: Program;
}) {
  const remaining = remainingInWords(progress);
  const say = (text: string) => <p key={text}>{frenchText(text)}</p>;
  // As in staff's table, a certificate revoked wins over the rule: it is not issued again.
  if (certificate?.revokedAt) {
    return (
      <>
        <p>
          <span class="badge badge-warn">Certificat révoqué</span>
        </p>
        {say(
          'Votre certificat a été révoqué ; la raison est indiquée ci-dessous. Si vous pensez qu’il s’agit d’une erreur, parlez-en à l’équipe du réseau.',
        )}
      </>
    );
  }
  // « Certifié·e » only once a certificate exists; before, the rule met is « certifiable ».
  if (certificate) {
    return (
      <>
        <p>
          <span class="badge badge-ok">Certifié·e</span>
        </p>
        {say('Vous avez suivi le parcours : votre certificat est délivré.')}
      </>
    );
  }
  if (progress.standing === 'eligible') {
    return (
      <>
        <p>
          <span class="badge badge-ok">Certifiable</span>
        </p>
        {say(
          `Vous remplissez les conditions du certificat. Il vous sera remis ${
            program.certificatesOn ? `le ${formatDate(program.certificatesOn)}` : 'à la fin du parcours'
          }.`,
        )}
      </>
    );
  }
  if (progress.standing === 'on_track') {
    return (
      <>
        <p>
          <span class="badge badge-ok">En bonne voie</span>
        </p>
        {remaining ? say(remaining) : null}
      </>
    );
  }
  if (progress.standing === 'at_risk') {
    return (
      <>
        <p>
          <span class="badge badge-warn">À risque</span>
        </p>
        {remaining ? say(remaining) : null}
        {say(marginInWords(progress))}
        {say('Parlez-en à l’équipe du réseau si une séance vous pose problème.')}
      </>
    );
  }
  return (
    <>
      <p>
        <span class="badge badge-warn">Ne peut plus obtenir le certificat</span>
      </p>
      {say('Vous ne pouvez plus obtenir le certificat de cette promotion avec les séances qui restent.')}
      {outOfReachReasons(progress).map(say)}
      {say('Parlez-en à l’équipe du réseau : une solution peut parfois être trouvée.')}
    </>
  );
}

function CertificateBox({ certificate, baseUrl }: { certificate: MyCertificate; baseUrl: string }) {
  const verification = `${baseUrl}/certificats/${certificate.code}`;
  if (certificate.revokedAt) {
    return (
      <section aria-labelledby="mon-certificat" class="registration-box">
        <h2 id="mon-certificat">Mon certificat</h2>
        <p role="status">
          Votre certificat (code {certificate.code}) a été révoqué le {formatDate(certificate.revokedAt)}
          {certificate.revocationReason ? ` : ${certificate.revocationReason}` : '.'}
        </p>
      </section>
    );
  }
  return (
    <section aria-labelledby="mon-certificat" class="registration-box">
      <h2 id="mon-certificat">Mon certificat</h2>
      <p>
        {frenchText(
          `Certificat d’« ${certificate.title} » délivré le ${formatDate(certificate.issuedOn)}, code`,
        )}{' '}
        <strong>{certificate.code}</strong>.
      </p>
      <ul>
        <li>
          <a href="/mon-parcours/certificat.pdf">Télécharger mon certificat (PDF)</a>
        </li>
        <li>
          Badge numérique (Open Badges 3.0) :{' '}
          <a href={`/certificats/${certificate.code}/credential.json`}>attestation JSON-LD</a>,{' '}
          <a href={`/certificats/${certificate.code}/credential.jwt`}>attestation signée</a>
        </li>
        <li>
          Lien public de vérification, à partager : <a href={verification}>{verification}</a>
        </li>
      </ul>
    </section>
  );
}

function SessionItem({ session }: { session: SessionProgress }) {
  return (
    <li class="card">
      <h3>
        <a href={`/agenda/${session.eventId}`}>{session.event.title}</a>
      </h3>
      <SessionFacts session={session} />
      <p>
        <span class={sessionStateClasses[session.state]}>{sessionStateLabels[session.state]}</span>
        <SessionBadges session={session} />
      </p>
      {session.state === 'upcoming' ? (
        <p>
          <a href={`/agenda/${session.eventId}`} aria-label={`M’inscrire à « ${session.event.title} »`}>
            M’inscrire
          </a>
        </p>
      ) : null}
    </li>
  );
}

export function MyPathPage(p: MyPathPageProps) {
  const participant = p.participant;
  return (
    <Layout ctx={p.ctx} title="Mon parcours" notice={p.notice}>
      <h1>Mon parcours</h1>
      {participant ? (
        <>
          <p>
            « Diplomates des territoires » —{' '}
            <a href={`/parcours/${participant.program.id}`}>{participant.program.title}</a>
          </p>
          <section aria-labelledby="ou-j-en-suis" class="registration-box">
            <h2 id="ou-j-en-suis">Où j’en suis</h2>
            <p>
              <strong>{attendanceInWords(participant.progress)}</strong>
            </p>
            <Standing
              progress={participant.progress}
              certificate={participant.certificate}
              program={participant.program}
            />
          </section>
          {participant.certificate ? (
            <CertificateBox certificate={participant.certificate} baseUrl={participant.baseUrl} />
          ) : null}
          <section aria-labelledby="mes-seances">
            <h2 id="mes-seances">Les séances</h2>
            {participant.progress.sessions.length === 0 ? (
              <p>Les séances seront bientôt publiées.</p>
            ) : (
              <ol class="cards">
                {participant.progress.sessions.map((s) => (
                  <SessionItem key={s.id} session={s} />
                ))}
              </ol>
            )}
          </section>
        </>
      ) : p.applications.length ? (
        <>
          <p>Vous ne faites pas encore partie d’une promotion.</p>
          <ul>
            {p.applications.map(({ program, application }) => (
              <li key={application.id}>
                Votre candidature à <a href={`/parcours/${program.id}`}>{program.title}</a> :{' '}
                <strong>{applicationStatusLabels[application.status]}</strong>
                {application.decisionComment ? ` — ${application.decisionComment}` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <>
          <p>
            Vous ne faites partie d’aucune promotion du parcours « Diplomates des territoires », réservé aux
            élus des collectivités adhérentes.
          </p>
          {p.programs.length ? (
            <ul>
              {[...p.programs].reverse().map((program) => (
                <li key={program.id}>
                  <a href={`/parcours/${program.id}`}>Découvrir le parcours : {program.title}</a>
                </li>
              ))}
            </ul>
          ) : null}
          <p>
            <a href="/agenda">Voir l’agenda du réseau</a>
          </p>
        </>
      )}
    </Layout>
  );
}
