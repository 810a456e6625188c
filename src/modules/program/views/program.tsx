// The public page of an edition: what it is, its calendar and sessions, the rule; then what the viewer can
// do: say they are interested, apply, apply for the élus of their local government, or why not.
import { Fragment } from 'preact';
import {
  CsrfField,
  ErrorSummary,
  Field,
  Layout,
  type PageContext,
  TextArea,
} from '../../../platform/views/layout.tsx';
import type { Person } from '../../organisations/people.ts';
import { type Application, applicationStatusLabels, notEligibleMessage } from '../applications.ts';
import type { Program, SessionWithEvent } from '../programs.ts';
import { calendarOf, type Errors, ruleInWords, SessionBadges, SessionFacts, type Values } from './parts.tsx';

export interface InterestSection {
  values: Values;
  errors?: Errors;
}

export interface OwnSection {
  application: Application | undefined;
  /** Why the form is not shown (window not open yet, or closed). */
  windowMessage: string | undefined;
  values: Values;
  errors?: Errors;
  error?: string | undefined;
}

export interface BehalfSection {
  organisationName: string;
  rows: { person: Person; application: Application | undefined }[];
  /** False when the élus of this organisation may not join (not a member local government). */
  eligible: boolean;
  windowMessage: string | undefined;
  values: Values;
  errors?: Errors;
  error?: string | undefined;
}

export interface ProgramPageProps {
  ctx: PageContext;
  program: Program;
  sessions: SessionWithEvent[];
  notice?: string | undefined;
  /** The expression-of-interest form, when it is shown; otherwise why not (if it would have been). */
  interest: InterestSection | undefined;
  interestClosed: string | undefined;
  own: OwnSection | undefined;
  behalf: BehalfSection | undefined;
  refused: boolean;
  staff: boolean;
}

export function ProgramsIndexPage(props: { ctx: PageContext; programs: Program[] }) {
  return (
    <Layout ctx={props.ctx} title="Diplomates des territoires">
      <h1>Parcours « Diplomates des territoires »</h1>
      <Intro />
      {props.programs.length === 0 ? (
        <p>Aucune promotion n’est encore annoncée.</p>
      ) : (
        <ul>
          {[...props.programs].reverse().map((p) => (
            <li key={p.id}>
              <a href={`/parcours/${p.id}`}>{p.title}</a>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

function Intro() {
  return (
    <>
      <p>
        Un parcours d’immersion de Cités Unies France pour les élus locaux en charge des relations
        internationales des collectivités adhérentes : un cycle de réunions et d’événements pour mieux
        comprendre les enjeux géopolitiques, l’écosystème et la construction de la diplomatie en France. Une
        attention particulière est portée aux élus arrivés aux élections municipales de mars 2026.
      </p>
      <p>
        Les séances sont ouvertes aussi aux techniciens des collectivités adhérentes ; seuls les élus peuvent
        faire partie de la promotion et recevoir le certificat d’« Auditeur de Cités Unies France ».
      </p>
    </>
  );
}

function InterestForm({
  ctx,
  program,
  interest,
}: {
  ctx: PageContext;
  program: Program;
  interest: InterestSection;
}) {
  const v = interest.values;
  const e = interest.errors ?? {};
  const targets = {
    firstName: 'interet-firstName',
    lastName: 'interet-lastName',
    email: 'interet-email',
    organisationName: 'interet-organisationName',
    mandate: 'interet-mandate',
  };
  return (
    <section aria-labelledby="interet">
      <h2 id="interet">Manifester mon intérêt</h2>
      <p>
        Laissez vos coordonnées : un courriel vous demandera de confirmer votre adresse, puis nous vous
        écrirons dès l’ouverture des candidatures. Cela ne vous engage à rien, et chacun de nos courriels
        permet de retirer votre intérêt.
      </p>
      <ErrorSummary errors={interest.errors} targets={targets} />
      <form method="post" action={`/parcours/${program.id}/interet`} novalidate>
        <CsrfField ctx={ctx} />
        <Field
          id={targets.firstName}
          name="firstName"
          label="Prénom"
          value={v.firstName}
          error={e.firstName}
          autocomplete="given-name"
          required
        />
        <Field
          id={targets.lastName}
          name="lastName"
          label="Nom"
          value={v.lastName}
          error={e.lastName}
          autocomplete="family-name"
          required
        />
        <Field
          id={targets.email}
          name="email"
          type="email"
          label="Adresse électronique"
          hint="Celle que votre collectivité utilise avec le réseau, par exemple prenom.nom@ville.fr"
          value={v.email}
          error={e.email}
          autocomplete="email"
          required
        />
        <Field
          id={targets.organisationName}
          name="organisationName"
          label="Collectivité"
          value={v.organisationName}
          error={e.organisationName}
          autocomplete="organization"
          required
        />
        <Field
          id={targets.mandate}
          name="mandate"
          label="Mandat"
          hint="Par exemple : adjointe au maire déléguée aux relations internationales"
          value={v.mandate}
          error={e.mandate}
          autocomplete="organization-title"
          required
        />
        <button type="submit">Envoyer</button>
      </form>
    </section>
  );
}

function ApplicationStatus({ application, who }: { application: Application; who: 'own' | 'other' }) {
  return (
    <>
      <p role="status">
        <strong>
          {who === 'own' ? 'Votre candidature' : 'Candidature'} :{' '}
          {applicationStatusLabels[application.status]}
        </strong>
      </p>
      {application.decisionComment ? <p>{application.decisionComment}</p> : null}
      {who === 'own' && application.status === 'accepted' ? (
        <p>
          <a href="/mon-parcours">Suivre mon parcours</a>
        </p>
      ) : null}
    </>
  );
}

function OwnApplication({ ctx, program, own }: { ctx: PageContext; program: Program; own: OwnSection }) {
  const e = own.errors ?? {};
  const targets = {
    mandate: 'candidature-mandate',
    motivation: 'candidature-motivation',
    availability: 'candidature-availability',
  };
  return (
    <section aria-labelledby="candidature">
      <h2 id="candidature">Ma candidature</h2>
      {own.application ? (
        <ApplicationStatus application={own.application} who="own" />
      ) : own.windowMessage ? (
        <p role="status">{own.windowMessage}</p>
      ) : (
        <>
          {own.error ? (
            <p class="error-summary" role="alert">
              {own.error}
            </p>
          ) : null}
          <ErrorSummary errors={own.errors} targets={targets} />
          <form method="post" action={`/parcours/${program.id}/candidature`}>
            <CsrfField ctx={ctx} />
            <Field
              id={targets.mandate}
              name="mandate"
              label="Mon mandat"
              hint="Tel qu’il figurera sur le certificat ; corrigez-le si besoin."
              value={own.values.mandate}
              error={e.mandate}
            />
            <TextArea
              id={targets.motivation}
              name="motivation"
              label="Pourquoi souhaitez-vous rejoindre la promotion ?"
              value={own.values.motivation}
              error={e.motivation}
            />
            <TextArea
              id={targets.availability}
              name="availability"
              label="Vos disponibilités"
              hint="Par exemple : pas disponible le lundi ; en visioconférence de préférence."
              value={own.values.availability}
              error={e.availability}
              rows={3}
            />
            <button type="submit">Déposer ma candidature</button>
          </form>
        </>
      )}
    </section>
  );
}

function BehalfApplications({
  ctx,
  program,
  behalf,
}: {
  ctx: PageContext;
  program: Program;
  behalf: BehalfSection;
}) {
  const e = behalf.errors ?? {};
  const targets = {
    personId: 'pour-personId',
    mandate: 'pour-mandate',
    motivation: 'pour-motivation',
    availability: 'pour-availability',
  };
  const candidates = behalf.rows.filter((r) => !r.application);
  const applied = behalf.rows.filter((r) => r.application);
  return (
    <section aria-labelledby="pour-les-elus">
      <h2 id="pour-les-elus">Candidatures des élus de {behalf.organisationName}</h2>
      {!behalf.eligible ? (
        <p role="status">{notEligibleMessage}</p>
      ) : behalf.rows.length === 0 ? (
        <p>
          Aucun élu de votre collectivité n’est enregistré. Ajoutez-les depuis{' '}
          <a href="/mon-espace#collegues">Mon espace</a>, puis revenez ici.
        </p>
      ) : behalf.windowMessage ? (
        <p role="status">{behalf.windowMessage}</p>
      ) : candidates.length === 0 ? (
        <p>Tous les élus de votre collectivité ont déjà candidaté.</p>
      ) : (
        <>
          <p>
            En tant que référent·e, vous pouvez déposer la candidature d’un ou d’une élue de votre
            collectivité.
          </p>
          {behalf.error ? (
            <p class="error-summary" role="alert">
              {behalf.error}
            </p>
          ) : null}
          <ErrorSummary errors={behalf.errors} targets={targets} />
          <form method="post" action={`/parcours/${program.id}/candidature`}>
            <CsrfField ctx={ctx} />
            <div class={e.personId ? 'field field-error' : 'field'}>
              <label for={targets.personId}>
                Élu ou élue <span class="required"> (obligatoire)</span>
              </label>
              {e.personId ? (
                <p class="error" id={`${targets.personId}-error`}>
                  {e.personId}
                </p>
              ) : null}
              <select
                id={targets.personId}
                name="personId"
                required
                aria-invalid={e.personId ? 'true' : undefined}
                aria-describedby={e.personId ? `${targets.personId}-error` : undefined}
              >
                <option value="">Choisir</option>
                {candidates.map(({ person }) => (
                  <option key={person.id} value={person.id} selected={behalf.values.personId === person.id}>
                    {`${person.firstName} ${person.lastName}`}
                  </option>
                ))}
              </select>
            </div>
            <Field
              id={targets.mandate}
              name="mandate"
              label="Son mandat"
              hint="Laissez vide pour reprendre son mandat en cours."
              value={behalf.values.mandate}
              error={e.mandate}
            />
            <TextArea
              id={targets.motivation}
              name="motivation"
              label="Motivation"
              value={behalf.values.motivation}
              error={e.motivation}
            />
            <TextArea
              id={targets.availability}
              name="availability"
              label="Disponibilités"
              value={behalf.values.availability}
              error={e.availability}
              rows={3}
            />
            <button type="submit">Déposer la candidature</button>
          </form>
        </>
      )}
      {applied.length ? (
        <>
          <h3>Candidatures déjà déposées</h3>
          <ul>
            {applied.map(({ person, application }) => (
              <li key={person.id}>
                {`${person.firstName} ${person.lastName}`} : {applicationStatusLabels[application!.status]}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

export function ProgramPage(p: ProgramPageProps) {
  const { program, sessions } = p;
  const mandatoryTotal = sessions.filter((s) => s.mandatory).length;
  const calendar = calendarOf(program, sessions);
  return (
    <Layout ctx={p.ctx} title={`Diplomates des territoires — ${program.title}`} notice={p.notice}>
      <h1>« Diplomates des territoires » — {program.title}</h1>
      <Intro />
      <p>
        <a href="#participer">Participer</a>
        {p.staff ? (
          <>
            {' · '}
            <a href={`/gestion/parcours/${program.id}`}>Gérer ce parcours</a>
          </>
        ) : null}
      </p>
      {calendar.length ? (
        <section aria-labelledby="calendrier">
          <h2 id="calendrier">Calendrier</h2>
          <dl class="facts">
            {calendar.map(([label, value]) => (
              <Fragment key={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </Fragment>
            ))}
          </dl>
        </section>
      ) : null}
      <section aria-labelledby="certificat">
        <h2 id="certificat">Le certificat</h2>
        <p>
          Pour obtenir le certificat d’« Auditeur de Cités Unies France », il faut assister à{' '}
          <strong>{ruleInWords(program.minSessions, sessions.length, mandatoryTotal)}</strong>. Seules les
          présences enregistrées à l’émargement comptent.
        </p>
      </section>
      <section aria-labelledby="seances">
        <h2 id="seances">Les séances ({sessions.length})</h2>
        {sessions.length === 0 ? (
          <p>Le programme des séances sera bientôt publié.</p>
        ) : (
          <ol class="cards">
            {sessions.map((s) => (
              <li key={s.id} class="card">
                <h3>
                  <a href={`/agenda/${s.eventId}`}>{s.event.title}</a>
                  <SessionBadges session={s} />
                </h3>
                <SessionFacts session={s} />
              </li>
            ))}
          </ol>
        )}
      </section>
      <div id="participer">
        {p.own ? <OwnApplication ctx={p.ctx} program={program} own={p.own} /> : null}
        {p.interest ? <InterestForm ctx={p.ctx} program={program} interest={p.interest} /> : null}
        {!p.interest && p.interestClosed ? (
          <section aria-labelledby="interet">
            <h2 id="interet">Participer</h2>
            <p role="status">{p.interestClosed}</p>
          </section>
        ) : null}
        {p.behalf ? <BehalfApplications ctx={p.ctx} program={program} behalf={p.behalf} /> : null}
        {p.refused ? (
          <section aria-labelledby="promotion">
            <h2 id="promotion">Rejoindre la promotion</h2>
            <p role="status">{notEligibleMessage}</p>
            <p>
              <a href="/agenda">Voir les séances ouvertes dans l’agenda</a>
            </p>
          </section>
        ) : null}
        {!p.ctx.viewer ? (
          <p>
            Élu ou élue d’une collectivité adhérente ? <a href="/connexion">Connectez-vous</a> pour déposer
            votre candidature ; le ou la référente de votre collectivité peut aussi la déposer pour vous.
          </p>
        ) : null}
      </div>
    </Layout>
  );
}
