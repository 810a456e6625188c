// Attendance pages of the staff: check-in at the door (made for a phone), what a QR code scan records, and
// online attendance from a video-call report (upload, preview, confirmation).
import type { Paged } from '../../../platform/pagination.ts';
import { capitalised, formatDateTime, formatMoment, formatWhen } from '../../../platform/time.ts';
import {
  CsrfField,
  ErrorSummary,
  Field,
  FileField,
  Layout,
  type PageContext,
} from '../../../platform/views/layout.tsx';
import type { AttendanceReport } from '../attendance-import.ts';
import type { Attendance, Scan } from '../check-in.ts';
import type { Event } from '../events.ts';
import {
  attendanceSourceLabels,
  BackLink,
  ErrorBox,
  type Errors,
  plural,
  registrationStatusLabels,
  timeOnly,
  type Values,
} from './parts.tsx';

// ——— Check-in at the door ———

export interface CheckInRow {
  registrationId: string;
  name: string;
  organisationName: string | null;
  attendance: { recordedAt: Date; source: Attendance['source'] } | null;
}

export function CheckInPage(props: {
  ctx: PageContext;
  event: Event;
  rows: CheckInRow[];
  q: string;
  present: number;
  confirmed: number;
  notice?: string | undefined;
}) {
  const { event, q } = props;
  const base = `/gestion/evenements/${event.id}/emargement`;
  return (
    <Layout ctx={props.ctx} title={`Émargement — ${event.title}`} notice={props.notice}>
      <BackLink event={event} />
      <h1>Émargement</h1>
      <p>
        {event.title} — {formatWhen(event.startsAt, event.endsAt)}
      </p>
      <p class="check-in-count">
        <strong>
          {props.present} présent·e{props.present > 1 ? 's' : ''} sur {props.confirmed} inscrit·e
          {props.confirmed > 1 ? 's' : ''}
        </strong>
      </p>
      <form method="get" action={base} aria-label="Chercher une personne inscrite">
        <Field name="q" label="Nom de la personne" type="search" value={q} autocomplete="off" />
        <div class="actions">
          <button type="submit">Chercher</button>
          {q ? <a href={base}>Tout afficher</a> : null}
        </div>
      </form>
      <h2 id="liste">
        {q
          ? `${plural(props.rows.length, 'personne trouvée', 'personnes trouvées')} pour « ${q} »`
          : 'Inscrit·es confirmé·es'}
      </h2>
      {props.rows.length === 0 ? (
        <p role="status">
          {q ? 'Aucune personne inscrite ne porte ce nom.' : 'Aucune inscription confirmée.'}
        </p>
      ) : (
        <ul class="cards" aria-labelledby="liste">
          {props.rows.map((r) => (
            <li key={r.registrationId} id={`r-${r.registrationId}`} class="card">
              <p class="check-in-name">
                <strong>{r.name}</strong>
                {r.organisationName ? (
                  <>
                    <br />
                    <span class="muted">{r.organisationName}</span>
                  </>
                ) : null}
              </p>
              {r.attendance ? (
                <>
                  <p class="check-in-state">
                    <span class="badge badge-ok">Présent·e</span> depuis{' '}
                    {timeOnly.format(r.attendance.recordedAt)} ({attendanceSourceLabels[r.attendance.source]})
                  </p>
                  {r.attendance.source !== 'import' ? (
                    <form method="post" action={`${base}/${r.registrationId}/annulation`}>
                      <CsrfField ctx={props.ctx} />
                      <input type="hidden" name="q" value={q} />
                      <button
                        type="submit"
                        class="button-secondary check-in-undo"
                        aria-label={`Annuler la présence de ${r.name}`}
                      >
                        Annuler
                      </button>
                    </form>
                  ) : null}
                </>
              ) : (
                <form method="post" action={`${base}/${r.registrationId}`}>
                  <CsrfField ctx={props.ctx} />
                  <input type="hidden" name="q" value={q} />
                  <button type="submit" class="check-in-button" aria-label={`Présent·e : ${r.name}`}>
                    Présent·e
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

/** What a staff member sees after scanning a participant's QR code: who, which event, and the button. */
export function QrCheckInPage(props: {
  ctx: PageContext;
  scan: Scan;
  /** The code's address (the form posts to it). */
  action: string;
  notice?: string | undefined;
  /** Outside the event's window: the question, and a second button that confirms. */
  outsideWindow?: string | undefined;
  /** Why the presence cannot be recorded (waiting, cancelled). */
  refusal?: string | undefined;
}) {
  const { scan } = props;
  const { registration, event } = scan;
  const canRecord = registration.status === 'confirmed' && !scan.presentSince && !event.cancelledAt;
  return (
    <Layout ctx={props.ctx} title={`Code de présence : ${scan.name}`} notice={props.notice}>
      <h1>{scan.name}</h1>
      {scan.organisation ? <p class="muted">{scan.organisation}</p> : null}
      <p>
        <strong>{event.title}</strong>
        <br />
        {capitalised(formatWhen(event.startsAt, event.endsAt))}
      </p>
      <p class="check-in-state">
        Inscription :{' '}
        {scan.presentSince ? (
          <>
            <span class="badge badge-ok">Présent·e</span> depuis le {formatMoment(scan.presentSince)}
          </>
        ) : event.cancelledAt ? (
          <span class="badge badge-warn">Événement annulé</span>
        ) : registration.status === 'confirmed' ? (
          <span class="badge badge-ok">Confirmée</span>
        ) : (
          <span class="badge badge-warn">{registrationStatusLabels[registration.status]}</span>
        )}
      </p>
      <ErrorBox title="Présence non enregistrée" message={props.refusal} />
      {canRecord && props.outsideWindow ? (
        <div class="error-summary" role="alert">
          <h2>Hors des dates de l’événement</h2>
          <p>{props.outsideWindow}</p>
          <form method="post" action={props.action}>
            <CsrfField ctx={props.ctx} />
            <input type="hidden" name="confirm" value="1" />
            <button type="submit" class="check-in-button">
              Enregistrer quand même
            </button>
          </form>
        </div>
      ) : canRecord ? (
        <form method="post" action={props.action}>
          <CsrfField ctx={props.ctx} />
          <button type="submit" class="check-in-button">
            Enregistrer la présence
          </button>
        </form>
      ) : null}
      <p class="actions">
        <a class="button-secondary" href={`/gestion/evenements/${event.id}/emargement`}>
          Émargement de l’événement
        </a>
      </p>
    </Layout>
  );
}

/** The QR code read by someone other than staff: what it is for, and nothing about the person. */
export function QrCodeInfoPage(props: { ctx: PageContext; text: string }) {
  return (
    <Layout ctx={props.ctx} title="Code de présence">
      <h1>Code de présence</h1>
      <p>{props.text}</p>
      {props.ctx.viewer ? null : (
        <p>
          Vous faites partie de l’équipe du réseau ? <a href="/connexion">Connectez-vous</a>, puis lisez à
          nouveau le code.
        </p>
      )}
    </Layout>
  );
}

// ——— Online attendance ———

export interface ImportSummary {
  id: string;
  fileName: string;
  createdAt: Date;
  appliedAt: Date | null;
}

export function AttendanceUploadPage(props: {
  ctx: PageContext;
  event: Event;
  /** The latest reports, and how many the event has in all. */
  imports: Pick<Paged<ImportSummary>, 'items' | 'total'>;
  errors?: Errors;
  values?: Values;
}) {
  const { event } = props;
  const e = props.errors ?? {};
  return (
    <Layout
      ctx={props.ctx}
      title={props.errors ? 'Erreur — Présences en ligne' : `Présences en ligne — ${event.title}`}
    >
      <BackLink event={event} />
      <h1>Présences en ligne</h1>
      <p>
        Déposez le rapport de participation de la visioconférence (Teams, Zoom, BigBlueButton…), en CSV ou en
        Excel : une ligne par connexion, avec l’adresse électronique et la durée. Les connexions d’une même
        personne sont additionnées. Rien n’est enregistré avant votre confirmation.
      </p>
      <ErrorSummary errors={props.errors} />
      <form
        method="post"
        action={`/gestion/evenements/${event.id}/presences-en-ligne`}
        enctype="multipart/form-data"
        novalidate
      >
        <CsrfField ctx={props.ctx} />
        <FileField
          name="file"
          label="Rapport de participation"
          required
          hint="Fichier CSV ou Excel (.xlsx), 10 Mo au plus."
          accept=".csv,.xlsx,text/csv"
          error={e.file}
        />
        <Field
          name="minMinutes"
          label="Durée minimale de présence, en minutes"
          type="number"
          required
          hint="En dessous, la personne n’est pas comptée présente."
          value={props.values?.minMinutes ?? '30'}
          error={e.minMinutes}
        />
        <button type="submit">Prévisualiser</button>
      </form>
      {props.imports.items.length ? (
        <>
          <h2>Rapports déjà déposés</h2>
          {props.imports.total > props.imports.items.length ? (
            <p>
              Les {props.imports.items.length} derniers des {props.imports.total} rapports de l’événement.
            </p>
          ) : null}
          <ul>
            {props.imports.items.map((i) => (
              <li key={i.id}>
                <a href={`/gestion/evenements/${event.id}/presences-en-ligne/${i.id}`}>{i.fileName}</a>{' '}
                <span class="muted">
                  (déposé le {formatDateTime(i.createdAt)}
                  {i.appliedAt ? `, enregistré le ${formatDateTime(i.appliedAt)}` : ', pas encore enregistré'}
                  )
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Layout>
  );
}

/** People of a video-call report with the minutes they stayed. */
function DurationsTable({
  people,
  caption,
}: {
  people: { name: string; email: string; minutes: number }[];
  caption: string;
}) {
  if (people.length === 0) return null;
  return (
    <div class="table-scroll">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Nom</th>
            <th scope="col">Adresse électronique</th>
            <th scope="col">Durée</th>
          </tr>
        </thead>
        <tbody>
          {people.map((m) => (
            <tr key={m.email}>
              <td>{m.name}</td>
              <td>{m.email}</td>
              <td>{m.minutes} min</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function AttendanceReportPage(props: {
  ctx: PageContext;
  event: Event;
  fileName: string;
  minMinutes: number;
  report: AttendanceReport;
  appliedAt: Date | null;
  importId: string;
  result?: { recorded: number } | undefined;
}) {
  const { event, report } = props;
  return (
    <Layout ctx={props.ctx} title={`Rapport de présence — ${event.title}`}>
      <BackLink event={event} />
      <h1>Rapport de présence en ligne</h1>
      <p>
        Fichier : {props.fileName} — durée minimale : {props.minMinutes} min
      </p>
      {props.result ? (
        <p class="notice" role="status">
          {plural(props.result.recorded, 'présence enregistrée', 'présences enregistrées')}
          {props.result.recorded < report.matched.length
            ? ` (${report.matched.length - props.result.recorded} déjà connue${report.matched.length - props.result.recorded > 1 ? 's' : ''})`
            : ''}
          .
        </p>
      ) : null}
      <p role={props.result ? undefined : 'status'}>
        {plural(report.matched.length, 'personne présente', 'personnes présentes')},{' '}
        {plural(report.tooShort.length, 'présence trop courte', 'présences trop courtes')},{' '}
        {plural(report.unmatched.length, 'ligne non reconnue', 'lignes non reconnues')}.
      </p>
      <DurationsTable people={report.matched} caption={`Présent·es (au moins ${props.minMinutes} min)`} />
      <DurationsTable
        people={report.tooShort}
        caption={`Présences trop courtes (moins de ${props.minMinutes} min) : non comptées`}
      />
      {report.unmatched.length ? (
        <div class="table-scroll">
          <table>
            <caption>Lignes non reconnues et pourquoi</caption>
            <thead>
              <tr>
                <th scope="col">Ligne</th>
                <th scope="col">Adresse électronique</th>
                <th scope="col">Raison</th>
              </tr>
            </thead>
            <tbody>
              {report.unmatched.map((u) => (
                <tr key={`${u.line}-${u.email}`}>
                  <td>{u.line}</td>
                  <td>{u.email || '—'}</td>
                  <td>{u.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {props.appliedAt ? (
        <p>
          Ce rapport a été enregistré le {formatDateTime(props.appliedAt)}.{' '}
          <a href={`/gestion/evenements/${event.id}#inscriptions`}>Retour à l’événement</a>
        </p>
      ) : report.matched.length ? (
        <form
          method="post"
          action={`/gestion/evenements/${event.id}/presences-en-ligne/${props.importId}/confirmer`}
        >
          <CsrfField ctx={props.ctx} />
          <button type="submit">Enregistrer {plural(report.matched.length, 'présence', 'présences')}</button>
        </form>
      ) : (
        <p>
          Aucune présence à enregistrer.{' '}
          <a href={`/gestion/evenements/${event.id}/presences-en-ligne`}>Déposer un autre rapport</a>
        </p>
      )}
    </Layout>
  );
}
