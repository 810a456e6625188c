import { CsrfField, Layout, type PageContext } from '../../../platform/views/layout.tsx';
import { PendingImportsTable } from '../../../platform/views/pending-imports.tsx';
import { StaffNav } from '../../../platform/views/staff-nav.tsx';
import type { ImportPreview, listPendingImports, RejectedLine } from '../import.ts';

type PendingImports = Awaited<ReturnType<typeof listPendingImports>>;

export function ImportPage({
  ctx,
  error,
  pending = [],
  notice,
}: {
  ctx: PageContext;
  error?: string | undefined;
  pending?: PendingImports;
  notice?: string | undefined;
}) {
  return (
    <Layout ctx={ctx} title="Importer" notice={notice}>
      <h1>Importer des organisations ou des personnes</h1>
      <StaffNav ctx={ctx} current="/gestion/import" />
      <PendingImportsTable
        ctx={ctx}
        rows={pending.map((p) => ({
          id: p.id,
          fileName: p.fileName,
          createdAt: p.createdAt,
          kind: p.kind === 'people' ? 'personnes' : 'organisations',
          lines: p.accepted,
          refused: p.rejected,
        }))}
        base="/gestion/import"
        headingId="pending-imports"
        linesLabel="Lignes acceptées"
      />
      {error ? (
        <div class="error-summary" role="alert">
          <h2>Le fichier n’a pas pu être lu</h2>
          <p>{error}</p>
        </div>
      ) : null}
      <p>
        Fichier CSV (séparateur « ; » ou « , ») ou Excel (.xlsx), 10 Mo au plus, la première ligne nommant les
        colonnes. Rien n’est enregistré avant votre confirmation.
      </p>
      <ul>
        <li>
          Personnes : <code>prénom ; nom ; email ; type</code> (élu, technicien, partenaire), et si besoin{' '}
          <code>organisation</code> (SIREN, code INSEE ou nom exact), <code>mandat</code>,{' '}
          <code>début du mandat</code>.
        </li>
        <li>
          Organisations : <code>nom ; type</code> (commune, epci, département, région, collectivité étrangère,
          institution), et <code>code INSEE</code>, <code>SIREN</code> ou <code>pays</code>.
        </li>
      </ul>
      <form method="post" action="/gestion/import" enctype="multipart/form-data">
        <CsrfField ctx={ctx} />
        <fieldset>
          <legend>Que contient le fichier ?</legend>
          <div>
            <input type="radio" id="kind-people" name="kind" value="people" checked />{' '}
            <label for="kind-people">Des personnes</label>
          </div>
          <div>
            <input type="radio" id="kind-organisations" name="kind" value="organisations" />{' '}
            <label for="kind-organisations">Des organisations</label>
          </div>
        </fieldset>
        <div class="field">
          <label for="file">Fichier</label>
          <input id="file" name="file" type="file" required accept=".csv,.xlsx,text/csv" />
        </div>
        <button type="submit">Prévisualiser</button>
      </form>
    </Layout>
  );
}

export function RejectedTable({ rejected, caption }: { rejected: RejectedLine[]; caption: string }) {
  if (rejected.length === 0) return null;
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Ligne</th>
          <th scope="col">Raison</th>
        </tr>
      </thead>
      <tbody>
        {rejected.map((r) => (
          <tr key={r.line}>
            <td>{r.line}</td>
            <td class="long">{r.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ImportPreviewPage(props: {
  ctx: PageContext;
  preview: ImportPreview;
  result?: { created: number; rejected: RejectedLine[] } | undefined;
}) {
  const { preview } = props;
  const what = preview.kind === 'people' ? 'personnes' : 'organisations';
  return (
    <Layout ctx={props.ctx} title="Import">
      <h1>Import de {what}</h1>
      <p>Fichier : {preview.fileName}</p>
      {props.result ? (
        <div role="status">
          <p class="notice">
            {props.result.created} {what} enregistrées.
            {props.result.rejected.length
              ? ` ${props.result.rejected.length} ligne(s) refusée(s) au dernier moment.`
              : ''}
          </p>
          <RejectedTable rejected={props.result.rejected} caption="Lignes refusées à l’enregistrement" />
        </div>
      ) : null}
      <p role={props.result ? undefined : 'status'}>
        {preview.rows.length} ligne(s) acceptée(s), {preview.rejected.length} ligne(s) refusée(s).
      </p>
      <RejectedTable rejected={preview.rejected} caption="Lignes refusées et pourquoi" />
      {preview.rows.length ? (
        <table>
          <caption>Lignes qui seront enregistrées</caption>
          <thead>
            <tr>
              <th scope="col">Ligne</th>
              <th scope="col">Contenu</th>
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((r) => (
              <tr key={r.line}>
                <td>{r.line}</td>
                <td class="long">{r.label}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {preview.appliedAt ? (
        <p>
          Import effectué. <a href="/gestion/organisations">Retour aux organisations</a>
        </p>
      ) : preview.rows.length ? (
        <div class="actions">
          <form method="post" action={`/gestion/import/${preview.id}/confirmer`}>
            <CsrfField ctx={props.ctx} />
            <button type="submit">
              Enregistrer {preview.rows.length} {what}
            </button>
          </form>
          <form method="post" action={`/gestion/import/${preview.id}/abandonner`}>
            <CsrfField ctx={props.ctx} />
            <button type="submit" class="button-secondary">
              Abandonner cet import
            </button>
          </form>
        </div>
      ) : (
        <div class="actions">
          <p>
            Aucune ligne à enregistrer. <a href="/gestion/import">Choisir un autre fichier</a>
          </p>
          <form method="post" action={`/gestion/import/${preview.id}/abandonner`}>
            <CsrfField ctx={props.ctx} />
            <button type="submit" class="button-secondary">
              Abandonner cet import
            </button>
          </form>
        </div>
      )}
    </Layout>
  );
}
