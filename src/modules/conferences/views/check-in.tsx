// The staff's check-in page at the Rencontres, made for a phone held at a door: the count, the camera or the
// code field, and the answer in large. public/check-in.js adds the camera, the offline queue and the batches;
// without it the form posts one scan and this page shows its answer.
import { assetUrl } from '../../../platform/views/assets.ts';
import { CsrfField, Field, Layout, type PageContext, Select } from '../../../platform/views/layout.tsx';
import type { ScanResult } from '../check-in.ts';
import { type Conference, type Session, sessionKindLabels, sessionWhen } from '../conferences.ts';

export const checkInPath = (conferenceId: string) => `/gestion/rencontres/${conferenceId}/accueil`;

/** Where the scans of a door go: the session rides in the address (the count is that door's). */
export const scansPath = (conferenceId: string, sessionId: string | undefined) =>
  `${checkInPath(conferenceId)}/scans${sessionId ? `?seance=${sessionId}` : ''}`;

/** « 12 personnes présentes », at the edition or at one door. */
export const presentText = (n: number, door: boolean) =>
  `${n} ${n > 1 ? 'personnes présentes' : 'personne présente'}${door ? ' à cette séance' : ' aux Rencontres'}`;

/** The heading of an answer: what the staff member reads first, at arm's length. */
const headingOf = (result: ScanResult) =>
  result.outcome === 'refused' ? (result.canLetIn ? 'À vérifier' : 'Refusé') : result.message;

export function ScanAnswer(props: {
  ctx: PageContext;
  result: ScanResult;
  action: string;
  /** For a person at a door they did not choose: their code, to let them in (a new scan). */
  code?: string | undefined;
  nonce: string;
}) {
  const { result } = props;
  return (
    <div class={`check-in-result check-in-${result.outcome}`}>
      <h2>{headingOf(result)}</h2>
      {result.person ? (
        <p class="check-in-person">
          <strong>{result.person.name}</strong>
          {[result.person.organisation, result.person.category].map((part) =>
            part ? (
              <>
                <br />
                {part}
              </>
            ) : null,
          )}
        </p>
      ) : null}
      {result.outcome === 'refused' ? <p>{result.message}</p> : null}
      {result.canLetIn && props.code ? (
        <form method="post" action={props.action}>
          <CsrfField ctx={props.ctx} />
          <input type="hidden" name="nonce" value={props.nonce} />
          <input type="hidden" name="code" value={props.code} />
          <input type="hidden" name="letIn" value="1" />
          <button type="submit">Laisser entrer quand même</button>
        </form>
      ) : null}
    </div>
  );
}

export function CheckInDeskPage(props: {
  ctx: PageContext;
  conference: Conference;
  /** The session whose door this is; none: the entrance. */
  door: Session | undefined;
  /** The sessions with a door to watch (breaks and lunch aside). */
  doors: readonly Session[];
  present: number;
  /** Nonces for the form's scan and for letting a person in (a form sent twice is recognised). */
  nonce: string;
  letInNonce: string;
  /** The answer to the scan just posted (without JavaScript). */
  result?: ScanResult | undefined;
  code?: string | undefined;
}) {
  const { conference, door } = props;
  const action = scansPath(conference.id, door?.id);
  const title = door ? `Porte : ${door.title}` : `Accueil : ${conference.event.title}`;
  return (
    <Layout ctx={props.ctx} title={title}>
      <h1>{title}</h1>
      <p class="muted">
        {door
          ? `${sessionKindLabels[door.kind]}, ${sessionWhen(door)}`
          : `${conference.event.title}${conference.event.venue ? `, ${conference.event.venue}` : ''}`}
      </p>
      <p class="check-in-count" data-present>
        {presentText(props.present, door !== undefined)}
      </p>
      <p data-queue role="status" />

      {/* Announced as it changes: the staff member may hold the phone without looking at it. */}
      <div id="resultat" role="status" aria-atomic="true" data-result>
        {props.result ? (
          <ScanAnswer
            ctx={props.ctx}
            result={props.result}
            action={action}
            code={props.code}
            nonce={props.letInNonce}
          />
        ) : null}
      </div>

      <div data-camera hidden>
        <button type="button" class="check-in-button" data-camera-start>
          Scanner avec l’appareil photo
        </button>
        <video data-camera-video muted playsInline hidden aria-label="Image de l’appareil photo" />
        <button type="button" class="button-secondary" data-camera-stop hidden>
          Arrêter l’appareil photo
        </button>
      </div>

      <form
        method="post"
        action={action}
        data-scan-form
        data-conference={conference.id}
        data-session={door?.id ?? ''}
      >
        <CsrfField ctx={props.ctx} />
        <input type="hidden" name="nonce" value={props.nonce} />
        <Field
          name="code"
          label="Code du badge"
          hint="Tapez ou collez le code imprimé sous le QR code, ou l’adresse qu’il contient."
          autocomplete="off"
          required
        />
        <button type="submit" class="check-in-button">
          Enregistrer le passage
        </button>
      </form>

      <section data-recent-section hidden aria-labelledby="derniers-passages">
        <h2 id="derniers-passages">Derniers passages sur ce téléphone</h2>
        <ol data-recent />
      </section>

      <h2>Changer de porte</h2>
      <form method="get" action={checkInPath(conference.id)}>
        <Select
          name="seance"
          label="Lieu du contrôle"
          value={door?.id ?? ''}
          options={[
            ['', 'Entrée des Rencontres'],
            ...props.doors.map((s) => [s.id, `${s.title} (${sessionWhen(s)})`] as const),
          ]}
        />
        <button type="submit" class="button-secondary">
          Contrôler cette porte
        </button>
      </form>
      <p>
        <a href={`/gestion/evenements/${conference.eventId}/emargement`}>
          Liste d’émargement : une personne sans badge ni code
        </a>
      </p>
      <script src={assetUrl('/static/check-in.js')} defer />
    </Layout>
  );
}
