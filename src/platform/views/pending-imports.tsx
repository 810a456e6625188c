// Imports previewed and neither applied nor abandoned, to finish or to drop: the same table for every import
// page (organisations and people, the atlas's partnerships).
import { formatDateTime } from '../time.ts';
import { CsrfField, type PageContext } from './layout.tsx';

export interface PendingImportRow {
  id: string;
  fileName: string;
  /** What the file holds, when one page imports several kinds (« personnes »). */
  kind?: string | undefined;
  createdAt: Date;
  /** The lines counted in the column `linesLabel`, then those refused. */
  lines: number;
  refused: number;
}

export function PendingImportsTable({
  ctx,
  rows,
  base,
  headingId,
  linesLabel,
}: {
  ctx: PageContext;
  rows: PendingImportRow[];
  /** A preview's page is `<base>/<id>`; abandoning it posts to `<base>/<id>/abandonner`. */
  base: string;
  headingId: string;
  linesLabel: string;
}) {
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>Imports en attente de confirmation</h2>
      <div class="table-scroll">
        <table class="table-cards">
          <caption>Aperçus des 30 derniers jours, pas encore enregistrés</caption>
          <thead>
            <tr>
              <th scope="col">Fichier</th>
              <th scope="col">Préparé le</th>
              <th scope="col">{linesLabel}</th>
              <th scope="col">Lignes refusées</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.id}>
                <td data-label="Fichier">
                  <a href={`${base}/${p.id}`}>{p.fileName}</a>
                  {p.kind ? ` (${p.kind})` : null}
                </td>
                <td data-label="Préparé le">{formatDateTime(p.createdAt)}</td>
                <td data-label={linesLabel}>{p.lines}</td>
                <td data-label="Lignes refusées">{p.refused}</td>
                <td data-label="Action">
                  <form method="post" action={`${base}/${p.id}/abandonner`}>
                    <CsrfField ctx={ctx} />
                    <button
                      type="submit"
                      class="button-secondary"
                      aria-label={`Abandonner l’import ${p.fileName}`}
                    >
                      Abandonner
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
