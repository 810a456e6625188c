// Staff's pages of the editions: the list with a form to create one, and an edition's page (its facts, its
// sessions, the form to add one, its expressions of interest).
import type { Paged } from '../../../platform/pagination.ts';
import { formatDate, formatDateTime } from '../../../platform/time.ts';
import {
  CsrfField,
  ErrorSummary,
  Field,
  Layout,
  type PageContext,
  Select,
} from '../../../platform/views/layout.tsx';
import type { Event } from '../../events/events.ts';
import type { Program, SessionWithEvent } from '../programs.ts';
import { ProgramFacts, ProgramNav } from './edition-nav.tsx';
import { type InterestRow, InterestsSection } from './interests.tsx';
import { type Errors, SessionBadges, type Values } from './parts.tsx';

export function ProgramsPage(props: {
  ctx: PageContext;
  rows: { program: Program; applications: number; accepted: number }[];
  errors?: Errors;
  values?: Values;
  notice?: string | undefined;
}) {
  const v = props.values ?? {};
  const e = props.errors ?? {};
  return (
    <Layout ctx={props.ctx} title="Parcours « Diplomates des territoires »" notice={props.notice}>
      <h1>Parcours « Diplomates des territoires »</h1>
      <ProgramNav ctx={props.ctx} current="/gestion/parcours" />
      {props.rows.length === 0 ? (
        <p>Aucune édition pour le moment : créez la première ci-dessous.</p>
      ) : (
        <div class="table-scroll">
          <table>
            <caption>Éditions du parcours</caption>
            <thead>
              <tr>
                <th scope="col">Édition</th>
                <th scope="col">Séances exigées</th>
                <th scope="col">Places</th>
                <th scope="col">Candidatures</th>
                <th scope="col">Acceptées</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map(({ program, applications, accepted }) => (
                <tr key={program.id}>
                  <td>
                    <a href={`/gestion/parcours/${program.id}`}>{program.title}</a>
                  </td>
                  <td>{program.minSessions}</td>
                  <td>{program.cohortSize ?? 'non limitées'}</td>
                  <td>{applications}</td>
                  <td>{accepted}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section aria-labelledby="nouvelle-edition">
        <h2 id="nouvelle-edition">Créer une édition</h2>
        <ErrorSummary errors={props.errors} />
        <form method="post" action="/gestion/parcours">
          <CsrfField ctx={props.ctx} />
          <Field
            name="title"
            label="Titre"
            hint="Par exemple : Promotion 2026-2027"
            value={v.title}
            error={e.title}
            required
          />
          <Field
            name="minSessions"
            type="number"
            label="Nombre minimum de séances pour le certificat"
            hint="Les séances obligatoires se marquent ensuite, séance par séance."
            value={v.minSessions ?? '5'}
            error={e.minSessions}
            required
          />
          <Field
            name="cohortSize"
            type="number"
            label="Nombre de places dans la promotion"
            hint="Laissez vide s’il n’y a pas de limite."
            value={v.cohortSize}
            error={e.cohortSize}
          />
          <fieldset>
            <legend>Calendrier</legend>
            <Field
              name="interestOpensOn"
              type="date"
              label="Ouverture des manifestations d’intérêt"
              value={v.interestOpensOn}
              error={e.interestOpensOn}
            />
            <Field
              name="applicationsOpenAt"
              type="date"
              label="Ouverture des candidatures"
              hint="À partir de 0 h, heure de Paris."
              value={v.applicationsOpenAt}
              error={e.applicationsOpenAt}
            />
            <Field
              name="applicationsCloseAt"
              type="date"
              label="Dernier jour des candidatures"
              hint="Jusqu’à 23 h 59, heure de Paris."
              value={v.applicationsCloseAt}
              error={e.applicationsCloseAt}
            />
            <Field
              name="certificatesOn"
              type="date"
              label="Remise des certificats"
              value={v.certificatesOn}
              error={e.certificatesOn}
            />
          </fieldset>
          <fieldset>
            <legend>Signataire du certificat</legend>
            <Field name="signatoryName" label="Nom" value={v.signatoryName} error={e.signatoryName} />
            <Field
              name="signatoryTitle"
              label="Qualité"
              hint="Par exemple : Président de Cités Unies France"
              value={v.signatoryTitle}
              error={e.signatoryTitle}
            />
          </fieldset>
          <button type="submit">Créer l’édition</button>
        </form>
      </section>
    </Layout>
  );
}
export function ProgramManagePage(props: {
  ctx: PageContext;
  program: Program;
  sessions: SessionWithEvent[];
  events: Event[];
  /** More events than the list offers (the first ones are listed). */
  moreEvents: boolean;
  allEvents: boolean;
  interests: Paged<InterestRow>;
  pending: number;
  unconfirmed: number;
  canInvite: boolean;
  sessionErrors?: Errors;
  sessionValues?: Values;
  notice?: string | undefined;
}) {
  const { program, sessions } = props;
  const base = `/gestion/parcours/${program.id}`;
  const taken = new Set(sessions.map((s) => s.eventId));
  const choices = props.events.filter((e) => !taken.has(e.id));
  const e = props.sessionErrors ?? {};
  return (
    <Layout ctx={props.ctx} title={`${program.title} — séances et intérêts`} notice={props.notice}>
      <h1>{program.title}</h1>
      <ProgramNav ctx={props.ctx} program={program} current={base} />
      <ProgramFacts program={program} sessions={sessions} />
      <section aria-labelledby="seances">
        <h2 id="seances">Séances ({sessions.length})</h2>
        {sessions.length ? (
          <div class="table-scroll">
            <table>
              <caption>Séances du parcours, par date</caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Séance</th>
                  <th scope="col">Statut</th>
                </tr>
              </thead>
              <tbody>
                {sessions.map((s) => (
                  <tr key={s.id}>
                    <td>{formatDateTime(s.event.startsAt)}</td>
                    <td>
                      <a href={`/gestion/evenements/${s.eventId}`}>{s.event.title}</a>
                    </td>
                    <td>
                      {s.mandatory || s.cohortOnly ? <SessionBadges session={s} /> : 'facultative, ouverte'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>Aucune séance : ajoutez des événements de l’agenda.</p>
        )}
        <h3 id="ajouter-seance">Ajouter une séance</h3>
        <ErrorSummary errors={props.sessionErrors} />
        {choices.length === 0 ? (
          <p>
            Aucun événement {props.allEvents ? '' : 'à venir '}à ajouter.{' '}
            <a href="/gestion/evenements/nouveau">Créer un événement</a>
          </p>
        ) : (
          <form method="post" action={`${base}/seances`}>
            <CsrfField ctx={props.ctx} />
            <Select
              name="eventId"
              label={props.allEvents ? 'Événement de l’agenda' : 'Événement à venir de l’agenda'}
              options={choices.map((ev) => [ev.id, `${formatDate(ev.startsAt)} — ${ev.title}`] as const)}
              value={props.sessionValues?.eventId}
              error={e.eventId ?? e._}
              empty="Choisir"
              required
            />
            <div class="field">
              <input
                type="checkbox"
                id="mandatory"
                name="mandatory"
                checked={props.sessionValues?.mandatory === 'on'}
              />{' '}
              <label for="mandatory">Séance obligatoire pour le certificat</label>
            </div>
            <div class="field">
              <input
                type="checkbox"
                id="cohortOnly"
                name="cohortOnly"
                checked={props.sessionValues?.cohortOnly === 'on'}
              />{' '}
              <label for="cohortOnly">Réservée à la promotion (les autres ne peuvent pas s’y inscrire)</label>
            </div>
            <button type="submit">Ajouter la séance</button>
          </form>
        )}
        {props.moreEvents ? (
          <p class="hint">
            La liste s’arrête aux {props.events.length} premiers événements : un événement plus lointain
            devient une séance par l’API (POST /api/v1/programs/{program.id}/sessions).
          </p>
        ) : null}
        <p>
          {props.allEvents ? (
            <a href={`${base}#ajouter-seance`}>N’afficher que les événements à venir</a>
          ) : (
            <a href={`${base}?tous=1#ajouter-seance`}>Afficher aussi les événements passés</a>
          )}
        </p>
      </section>{' '}
      <InterestsSection
        ctx={props.ctx}
        program={program}
        interests={props.interests}
        pending={props.pending}
        unconfirmed={props.unconfirmed}
        canInvite={props.canInvite}
        pageUrl={(page) => `${base}?${props.allEvents ? 'tous=1&' : ''}page=${page}#interets`}
      />
    </Layout>
  );
}
