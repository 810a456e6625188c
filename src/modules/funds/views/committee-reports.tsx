// A fund's reports for staff: all of them, published or not, with their text; a report's form; the
// confirmation of a publication (or withdrawal) of several at once.
import { formatDate, formatDateTime } from '../../../platform/time.ts';
import {
  CsrfField,
  ErrorSummary,
  Field,
  type PageContext,
  Select,
  TextArea,
} from '../../../platform/views/layout.tsx';
import { renderMarkdown } from '../../content/markdown.ts';
import { RichText } from '../../content/views/texts.tsx';
import type { Fund } from '../funds.ts';
import { type FundReport, reportKindLabels } from '../reports.ts';
import { FundFrame } from './committee.tsx';
import { type FormState, fundPaths } from './fund-nav.tsx';

export type BulkAction = 'publier' | 'retirer';

const bulkFormId = 'publication-groupee';

export function ReportsPage(props: {
  ctx: PageContext;
  fund: Fund;
  reports: FundReport[];
  /** Project names by allocation id. */
  projects: Map<string, string>;
  /** A refused action on the list (a bulk change, a deletion): why, and the boxes ticked. */
  refused?: { error: string; ticked: Set<string> } | undefined;
  notice?: string | undefined;
}) {
  const { fund, reports } = props;
  const paths = fundPaths(fund.id);
  const ticked = props.refused?.ticked ?? new Set<string>();
  return (
    <FundFrame ctx={props.ctx} fund={fund} title="Rapports" current={paths.reports} notice={props.notice}>
      <p>
        Les points d’étape et rapports finals du fonds ou de ses projets. Un rapport publié paraît sur la page
        publique du fonds ; un rapport jamais publié peut être supprimé.
      </p>
      <p>
        <a href={paths.newReport}>Écrire un rapport</a>
      </p>
      {props.refused ? (
        <div class="error-summary" role="alert" tabIndex={-1}>
          <p>{props.refused.error}</p>
        </div>
      ) : null}
      {reports.length === 0 ? (
        <p>Aucun rapport pour ce fonds.</p>
      ) : (
        <>
          <div class="table-scroll">
            <table class="table-cards">
              <caption>Rapports du fonds, les plus récents d’abord</caption>
              <thead>
                <tr>
                  <th scope="col">Choisir</th>
                  <th scope="col">Titre</th>
                  <th scope="col">Nature</th>
                  <th scope="col">Sujet</th>
                  <th scope="col">Daté du</th>
                  <th scope="col">Publication</th>
                  <th scope="col">Texte</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {reports.map((r) => (
                  <tr key={r.id} id={`rapport-${r.id}`}>
                    <td>
                      <input
                        type="checkbox"
                        id={`choix-${r.id}`}
                        name="reportIds"
                        value={r.id}
                        form={bulkFormId}
                        checked={ticked.has(r.id)}
                      />
                      <label for={`choix-${r.id}`} class="visually-hidden">
                        Choisir « {r.title} »
                      </label>
                    </td>
                    <th scope="row" class="name">
                      {r.title}
                    </th>
                    <td data-label="Nature">{reportKindLabels[r.kind]}</td>
                    <td data-label="Sujet">
                      {r.allocationId ? `Projet : ${props.projects.get(r.allocationId) ?? '—'}` : 'Le fonds'}
                    </td>
                    <td data-label="Daté du">{formatDate(r.reportedOn)}</td>
                    <td data-label="Publication">
                      {r.publishedAt ? `Publié le ${formatDateTime(r.publishedAt)}` : 'Non publié'}
                    </td>
                    <td data-label="Texte">
                      <details>
                        <summary>
                          Lire<span class="visually-hidden"> « {r.title} »</span>
                        </summary>
                        <RichText html={renderMarkdown(r.body)} />
                      </details>
                    </td>
                    <td data-label="Actions">
                      <a href={`${paths.reports}/${r.id}/modifier`}>
                        Modifier<span class="visually-hidden"> « {r.title} »</span>
                      </a>
                      <form
                        class="inline"
                        method="post"
                        action={`${paths.reports}/${r.id}/${r.publishedAt ? 'retirer' : 'publier'}`}
                      >
                        <CsrfField ctx={props.ctx} />
                        <button type="submit">
                          {r.publishedAt ? 'Retirer de la page publique' : 'Publier'}
                          <span class="visually-hidden"> « {r.title} »</span>
                        </button>
                      </form>
                      {r.publishedAt ? null : (
                        <form class="inline" method="post" action={`${paths.reports}/${r.id}/supprimer`}>
                          <CsrfField ctx={props.ctx} />
                          <button type="submit">
                            Supprimer<span class="visually-hidden"> « {r.title} »</span>
                          </button>
                        </form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <form id={bulkFormId} method="post" action={paths.bulkReports} class="actions">
            <CsrfField ctx={props.ctx} />
            <span>Les rapports cochés :</span>
            <button type="submit" name="action" value="publier">
              Publier
            </button>
            <button type="submit" name="action" value="retirer">
              Retirer de la page publique
            </button>
          </form>
        </>
      )}
    </FundFrame>
  );
}

export function ReportFormPage(props: {
  ctx: PageContext;
  fund: Fund;
  /** The report edited; none for a new one. */
  report?: FundReport | undefined;
  projects: [string, string][];
  form: FormState;
}) {
  const { fund, report, form } = props;
  const paths = fundPaths(fund.id);
  const v = form.values;
  const e = form.errors;
  const action = report ? `${paths.reports}/${report.id}/modifier` : paths.newReport;
  return (
    <FundFrame
      ctx={props.ctx}
      fund={fund}
      title={report ? `Modifier « ${report.title} »` : 'Un nouveau rapport'}
      current={paths.reports}
    >
      {report?.publishedAt ? (
        <p>Ce rapport est publié : vos modifications paraîtront aussitôt sur la page publique du fonds.</p>
      ) : null}
      <form method="post" action={action} novalidate>
        <CsrfField ctx={props.ctx} />
        <ErrorSummary errors={e} />
        <Select
          name="kind"
          label="Nature"
          required
          options={Object.entries(reportKindLabels)}
          value={v.kind}
          error={e.kind}
        />
        <Field name="title" label="Titre" required value={v.title} error={e.title} />
        <Field
          name="reportedOn"
          type="date"
          label="Daté du"
          required
          value={v.reportedOn}
          error={e.reportedOn}
        />
        <Select
          name="allocationId"
          label="Sujet"
          options={props.projects}
          value={v.allocationId}
          empty="Le fonds dans son ensemble"
          error={e.allocationId}
        />
        <TextArea
          name="body"
          label="Texte"
          rows={12}
          required
          hint="Paragraphes séparés par une ligne vide ; *italique*, **gras**, listes avec « - », liens [texte](https://…), titres avec « ## »."
          value={v.body}
          error={e.body}
        />
        <button type="submit">{report ? 'Enregistrer' : 'Enregistrer le rapport (non publié)'}</button>
      </form>
      <p>
        <a href={paths.reports}>Revenir aux rapports sans rien enregistrer</a>
      </p>
    </FundFrame>
  );
}

export function BulkPreviewPage(props: {
  ctx: PageContext;
  fund: Fund;
  action: BulkAction;
  changing: FundReport[];
  unchanged: FundReport[];
}) {
  const { fund, action, changing, unchanged } = props;
  const paths = fundPaths(fund.id);
  const publish = action === 'publier';
  const n = changing.length;
  return (
    <FundFrame
      ctx={props.ctx}
      fund={fund}
      title={publish ? 'Publier des rapports : à confirmer' : 'Retirer des rapports : à confirmer'}
      current={paths.reports}
    >
      {n ? (
        <>
          <h2>
            {n} rapport{n > 1 ? 's' : ''} {publish ? 'paraîtr' : 'disparaîtr'}
            {n > 1 ? 'ont' : 'a'} {publish ? 'sur' : 'de'} la page publique du fonds
          </h2>
          <ul>
            {changing.map((r) => (
              <li key={r.id}>
                {r.title} ({reportKindLabels[r.kind]}, {formatDate(r.reportedOn)})
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>Aucun des rapports cochés ne change : ils sont déjà dans cet état.</p>
      )}
      {unchanged.length ? (
        <>
          <h2>Déjà {publish ? 'publiés' : 'retirés'}, inchangés</h2>
          <ul>
            {unchanged.map((r) => (
              <li key={r.id}>{r.title}</li>
            ))}
          </ul>
        </>
      ) : null}
      {n ? (
        <form method="post" action={paths.bulkReports}>
          <CsrfField ctx={props.ctx} />
          {changing.map((r) => (
            <input key={r.id} type="hidden" name="reportIds" value={r.id} />
          ))}
          <input type="hidden" name="action" value={action} />
          <button type="submit" name="etape" value="confirmer">
            Confirmer : {publish ? 'publier' : 'retirer'} {n} rapport{n > 1 ? 's' : ''}
          </button>
        </form>
      ) : null}
      <p>
        <a href={paths.reports}>Revenir aux rapports sans rien changer</a>
      </p>
    </FundFrame>
  );
}
