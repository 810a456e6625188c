// Staff pages of series: the list (each series with its sessions to come and past) and a series' edit form
// (title, description shown on its public page, what it calls a session's guest).
import {
  CsrfField,
  ErrorSummary,
  Field,
  Layout,
  type PageContext,
  TextArea,
} from '../../../platform/views/layout.tsx';
import { StaffNav } from '../../../platform/views/staff-nav.tsx';
import type { Series } from '../edit-series.ts';
import type { StaffSeriesRow } from '../events.queries.ts';
import { ErrorBox, type Errors, plural, type Values } from './parts.tsx';

export function SeriesListPage(props: {
  ctx: PageContext;
  rows: StaffSeriesRow[];
  notice?: string | undefined;
}) {
  const { rows } = props;
  return (
    <Layout ctx={props.ctx} title="Séries" notice={props.notice}>
      <p>
        <a href="/gestion/evenements">← Événements</a>
      </p>
      <h1>Séries</h1>
      <StaffNav ctx={props.ctx} current="/gestion/evenements" />
      <p>
        Une série naît quand un événement en porte le nom (champ « Série » du formulaire d’un événement). Ici,
        vous en changez le titre, la description affichée sur sa page publique et le nom donné à l’invité·e de
        chaque session.
      </p>
      {rows.length === 0 ? (
        <p>Aucune série pour le moment.</p>
      ) : (
        <>
          <p>{plural(rows.length, 'série', 'séries')}.</p>
          <div class="table-scroll">
            <table class="table-cards">
              <caption>Séries, par ordre alphabétique (les sessions annulées ne sont pas comptées)</caption>
              <thead>
                <tr>
                  <th scope="col">Série</th>
                  <th scope="col">Sessions à venir ou en cours</th>
                  <th scope="col">Sessions passées</th>
                  <th scope="col">Page publique</th>
                </tr>
              </thead>
              <tbody>
                {rows.map(({ series, upcoming, past }) => (
                  <tr key={series.id}>
                    <td data-label="Série">
                      <a href={`/gestion/series/${series.id}`}>
                        {series.title}
                        <span class="visually-hidden"> (modifier)</span>
                      </a>
                    </td>
                    <td data-label="Sessions à venir ou en cours">{upcoming}</td>
                    <td data-label="Sessions passées">{past}</td>
                    <td data-label="Page publique">
                      <a href={`/agenda/series/${series.id}`}>
                        Voir la page<span class="visually-hidden"> de « {series.title} »</span>
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Layout>
  );
}

export function EditSeriesPage(props: {
  ctx: PageContext;
  series: Series;
  values: Values;
  errors?: Errors;
  error?: string | undefined;
}) {
  const { series } = props;
  const v = props.values;
  const e = props.errors ?? {};
  const heading = `Modifier la série « ${series.title} »`;
  return (
    <Layout ctx={props.ctx} title={props.errors || props.error ? `Erreur — ${heading}` : heading}>
      <p>
        <a href="/gestion/series">← Séries</a>
      </p>
      <h1>{heading}</h1>
      <p>
        <a href={`/agenda/series/${series.id}`}>Voir la page publique de la série</a>
      </p>
      <ErrorBox title="La série n’a pas été modifiée" message={props.error} />
      <ErrorSummary errors={props.errors} />
      <form method="post" action={`/gestion/series/${series.id}`} novalidate>
        <CsrfField ctx={props.ctx} />
        <Field
          name="title"
          label="Titre"
          required
          hint="Deux séries ne peuvent pas porter le même titre. Le nouveau titre est celui à écrire dans le formulaire d’un événement pour l’ajouter à la série."
          value={v.title}
          error={e.title}
          autocomplete="off"
        />
        <TextArea
          name="description"
          label="Description (facultatif)"
          hint="Texte simple, affiché en haut de la page publique de la série."
          rows={6}
          value={v.description}
          error={e.description}
        />
        <Field
          name="guestLabel"
          label="Nom donné à l’invité·e de chaque session (facultatif)"
          hint="Par exemple : Grand témoin. Sans rien, la page publique écrit « Invité·e »."
          value={v.guestLabel}
          error={e.guestLabel}
          autocomplete="off"
        />
        <button type="submit">Enregistrer les modifications</button>
      </form>
    </Layout>
  );
}
