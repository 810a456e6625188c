// Staff's pages of « La Lettre »: the issues (drafts and published), an issue's form (its content in one text
// box, « ## rubrique », « ### article », « Lien : … »), publishing, taking back and deleting a draft.

import type { ComponentChildren } from 'preact';
import {
  CsrfField,
  ErrorSummary,
  Field,
  Layout,
  type PageContext,
  TextArea,
} from '../../../platform/views/layout.tsx';
import { StaffNav } from '../../../platform/views/staff-nav.tsx';
import type { Issue } from '../issues.ts';
import { issueHref, periodOf } from './issue.tsx';

export const staffBase = '/gestion/lettre';

export interface IssueValues {
  title: string;
  periodStart: string;
  periodEnd: string;
  editorial: string;
  editorialAuthor: string;
  content: string;
}

export function IssuesPage(props: { ctx: PageContext; issues: Issue[]; notice?: string | undefined }) {
  return (
    <Layout ctx={props.ctx} title="La Lettre — gestion" notice={props.notice}>
      <h1>La Lettre</h1>
      <StaffNav ctx={props.ctx} current={staffBase} />
      <p>
        <a class="button" href={`${staffBase}/nouvelle`}>
          Préparer une Lettre
        </a>{' '}
        <a href="/lettre">Les archives publiques</a> · <a href={`${staffBase}/abonnes`}>Les abonnés</a>
      </p>
      {props.issues.length === 0 ? (
        <p>Aucune Lettre pour l’instant.</p>
      ) : (
        <div class="table-scroll">
          <table class="table-cards">
            <caption>Les Lettres, la plus récente d’abord</caption>
            <thead>
              <tr>
                <th scope="col">Lettre</th>
                <th scope="col">Période</th>
                <th scope="col">État</th>
              </tr>
            </thead>
            <tbody>
              {props.issues.map((issue) => (
                <tr key={issue.id}>
                  <th scope="row" class="name">
                    <a href={`${staffBase}/${issue.id}`}>{issue.title}</a>
                  </th>
                  <td data-label="Période">{periodOf(issue)}</td>
                  <td data-label="État">{issue.publishedAt ? 'Publiée' : 'Brouillon'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

const contentHint =
  'Une ligne « ## Titre de la rubrique » ouvre une rubrique ; « ### Titre de l’article » ouvre un article, suivi de son texte (paragraphes, **gras**, listes, liens) ; une dernière ligne « Lien : https://… » donne son « Pour plus d’informations ». L’agenda de la période se génère seul, à partir des événements.';

export function IssueFormPage(props: {
  ctx: PageContext;
  issue?: Issue | undefined;
  values: IssueValues;
  errors?: Record<string, string> | undefined;
}) {
  const { issue, values: v } = props;
  const e = props.errors ?? {};
  const action = issue ? `${staffBase}/${issue.id}/modifier` : `${staffBase}/nouvelle`;
  const title = issue ? `Modifier « ${issue.title} »` : 'Préparer une Lettre';
  return (
    <Layout ctx={props.ctx} title={title}>
      <p>
        <a href={issue ? `${staffBase}/${issue.id}` : staffBase}>← Retour</a>
      </p>
      <h1>{title}</h1>
      <ErrorSummary errors={props.errors} />
      <form method="post" action={action}>
        <CsrfField ctx={props.ctx} />
        <Field
          name="title"
          label="Titre"
          required
          value={v.title}
          error={e.title}
          hint="Par exemple : Novembre & Décembre 2025"
        />
        <Field
          name="periodStart"
          label="Début de la période"
          type="date"
          required
          value={v.periodStart}
          error={e.periodStart}
          hint="L’agenda de la Lettre reprend les événements qui commencent dans la période."
        />
        <Field
          name="periodEnd"
          label="Fin de la période"
          type="date"
          required
          value={v.periodEnd}
          error={e.periodEnd}
        />
        <TextArea name="editorial" label="Éditorial" value={v.editorial} error={e.editorial} rows={8} />
        <Field
          name="editorialAuthor"
          label="Signature de l’éditorial"
          value={v.editorialAuthor}
          error={e.editorialAuthor}
          hint="Par exemple : Virginie Rouquette, directrice générale"
        />
        <TextArea
          name="content"
          label="Rubriques et articles"
          value={v.content}
          error={e.content}
          rows={24}
          hint={contentHint}
        />
        <button type="submit">Enregistrer le brouillon</button>
      </form>
    </Layout>
  );
}

export function IssueStaffPage(props: {
  ctx: PageContext;
  issue: Issue;
  sections: number;
  items: number;
  events: number;
  notice?: string | undefined;
  error?: string | undefined;
  /** The sending part (views/sending.tsx). */
  children?: ComponentChildren;
}) {
  const { issue } = props;
  const path = `${staffBase}/${issue.id}`;
  return (
    <Layout ctx={props.ctx} title={`${issue.title} — La Lettre`} notice={props.notice}>
      <p>
        <a href={staffBase}>← Toutes les Lettres</a>
      </p>
      <h1>{issue.title}</h1>
      {props.error ? (
        <div class="error-summary" role="alert">
          <p>{props.error}</p>
        </div>
      ) : null}
      <p>
        {issue.publishedAt ? 'Publiée' : 'Brouillon'} · période {periodOf(issue)} · {props.sections} rubrique
        {props.sections > 1 ? 's' : ''}, {props.items} article{props.items > 1 ? 's' : ''}, {props.events}{' '}
        événement{props.events > 1 ? 's' : ''} à l’agenda.
      </p>
      <p>
        <a class="button" href={issueHref(issue.id)}>
          Voir la version web
        </a>{' '}
        <a href={`${path}/modifier`}>Modifier</a>
      </p>
      <form method="post" action={`${path}/publication`}>
        <CsrfField ctx={props.ctx} />
        <input type="hidden" name="publier" value={issue.publishedAt ? 'non' : 'oui'} />
        <button type="submit">
          {issue.publishedAt ? 'Dépublier (revenir au brouillon)' : 'Publier la version web'}
        </button>
      </form>
      {issue.publishedAt ? null : (
        <form method="post" action={`${path}/suppression`}>
          <CsrfField ctx={props.ctx} />
          <button type="submit" class="button-secondary">
            Supprimer le brouillon
          </button>
        </form>
      )}
      {props.children}
    </Layout>
  );
}
