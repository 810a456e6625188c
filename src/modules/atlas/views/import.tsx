// The staff's import of partnerships in the MEAE Atlas's style: the form with the columns it reads, the
// previews waiting, and a preview or a report, line by line.
import { formatDateTime } from '../../../platform/time.ts';
import { CsrfField, Layout, type PageContext } from '../../../platform/views/layout.tsx';
import { PendingImportsTable } from '../../../platform/views/pending-imports.tsx';
import { StaffNav } from '../../../platform/views/staff-nav.tsx';
import {
  type AtlasImport,
  importFields,
  importHeaders,
  type LineOutcome,
  type listPendingAtlasImports,
} from '../import.ts';

type Pending = Awaited<ReturnType<typeof listPendingAtlasImports>>;

const base = '/gestion/atlas/import';

/** What each column holds: the documented header set (variants of case, accents and punctuation are read too). */
const columnHelp: Record<(typeof importFields)[number], string> = {
  french:
    'obligatoire : SIREN (9 chiffres) ou code INSEE (commune « 49007 », département « 49 ») ; plusieurs collectivités d’un partenariat commun séparées par des virgules ; « département 11 » ou « région 11 » quand un code désigne les deux',
  partner: 'obligatoire : le nom de la collectivité étrangère ; créée si elle n’existe pas dans ce pays',
  country: 'obligatoire : code ISO (« SN ») ou nom français (« Sénégal »)',
  partnerRegion: 'province, région ou préfecture du partenaire',
  kind: 'jumelage, coopération décentralisée (par défaut), pacte d’amitié, protocole d’accord ou autre',
  since: 'année du début du partenariat',
  status: 'actif (par défaut), en sommeil ou terminé',
  themes:
    'thèmes de la liste du réseau, séparés par des virgules ; ajoutés à ceux du partenariat, jamais retirés',
  project: 'titre du projet ; un projet est reconnu par son titre et son année de début',
  startYear: 'obligatoire pour un projet',
  endYear: 'année de fin du projet',
  amount: 'budget du projet en euros (« 12 500 » ou « 12 500,50 »)',
  coFunders: 'cofinanceurs du projet, séparés par des virgules (AFD, DCTCIV, Union européenne…)',
};

export function AtlasImportPage({
  ctx,
  pending,
  error,
  notice,
}: {
  ctx: PageContext;
  pending: Pending;
  error?: string | undefined;
  notice?: string | undefined;
}) {
  return (
    <Layout ctx={ctx} title="Importer des partenariats" notice={notice}>
      <h1>Importer des partenariats</h1>
      <StaffNav ctx={ctx} current="/gestion/atlas" />
      <PendingImportsTable
        ctx={ctx}
        rows={pending}
        base={base}
        headingId="pending-atlas-imports"
        linesLabel="Lignes"
      />
      {error ? (
        <div class="error-summary" role="alert">
          <h2>Le fichier n’a pas pu être lu</h2>
          <p>{error}</p>
        </div>
      ) : null}
      <p>
        Un fichier CSV (séparateur « ; » ou « , ») ou Excel (.xlsx) de 10 Mo au plus, à la manière de l’Atlas
        français de la coopération décentralisée : une ligne par partenariat, ou par projet d’un partenariat.
        La première ligne nomme les colonnes. Rien n’est enregistré avant votre confirmation ; importer deux
        fois le même fichier ne change rien la seconde fois.
      </p>
      <div class="table-scroll">
        <table class="table-cards">
          <caption>Les colonnes lues (majuscules et accents indifférents)</caption>
          <thead>
            <tr>
              <th scope="col">Colonne</th>
              <th scope="col">Contenu</th>
            </tr>
          </thead>
          <tbody>
            {importFields.map((field) => (
              <tr key={field}>
                <th scope="row" data-label="Colonne">
                  {importHeaders[field]}
                </th>
                <td data-label="Contenu" class="long">
                  {columnHelp[field]}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        Un partenariat est reconnu par ses collectivités françaises et son partenaire : il est mis à jour s’il
        existe, créé sinon. Une collectivité française absente de la plateforme est ajoutée depuis le
        référentiel officiel. Une ligne erronée est signalée et ne change rien.
      </p>
      <form method="post" action={base} enctype="multipart/form-data">
        <CsrfField ctx={ctx} />
        <div class="field">
          <label for="file">Fichier CSV ou Excel</label>
          <input id="file" name="file" type="file" required accept=".csv,.xlsx,text/csv" />
        </div>
        <button type="submit">Prévisualiser</button>
      </form>
    </Layout>
  );
}

const statusLabels: Record<LineOutcome['status'], string> = {
  changed: 'À enregistrer',
  unchanged: 'Déjà à jour',
  refused: 'Refusée',
};
const reportLabels: Record<LineOutcome['status'], string> = {
  changed: 'Enregistrée',
  unchanged: 'Déjà à jour',
  refused: 'Refusée',
};

function LinesTable({
  lines,
  caption,
  labels,
}: {
  lines: LineOutcome[];
  caption: string;
  labels: Record<LineOutcome['status'], string>;
}) {
  return (
    <div class="table-scroll">
      <table class="table-cards">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Ligne</th>
            <th scope="col">Partenariat</th>
            <th scope="col">État</th>
            <th scope="col">Détail</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.line}>
              <td data-label="Ligne">{l.line}</td>
              <td data-label="Partenariat" class="long">
                {l.label || '—'}
              </td>
              <td data-label="État">{labels[l.status]}</td>
              <td data-label="Détail" class="long">
                {l.details.join(' ; ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const counts = (lines: LineOutcome[]) => ({
  changed: lines.filter((l) => l.status === 'changed').length,
  unchanged: lines.filter((l) => l.status === 'unchanged').length,
  refused: lines.filter((l) => l.status === 'refused').length,
});

export function AtlasImportPreviewPage({
  ctx,
  atlasImport,
  error,
}: {
  ctx: PageContext;
  atlasImport: AtlasImport;
  error?: string | undefined;
}) {
  const report = atlasImport.report;
  const shown = report ?? atlasImport.preview;
  const n = counts(shown);
  return (
    <Layout ctx={ctx} title={report ? 'Import enregistré' : 'Aperçu de l’import'}>
      <h1>{report ? 'Import de partenariats enregistré' : 'Aperçu de l’import de partenariats'}</h1>
      <p>
        Fichier : {atlasImport.fileName}, préparé le {formatDateTime(atlasImport.createdAt)}
        {atlasImport.appliedAt ? `, enregistré le ${formatDateTime(atlasImport.appliedAt)}` : ''}.
      </p>
      {error ? (
        <div class="error-summary" role="alert">
          <h2>L’import n’a pas été enregistré</h2>
          <p>{error}</p>
        </div>
      ) : null}
      <p role="status">
        {report ? `${n.changed} ligne(s) enregistrée(s)` : `${n.changed} ligne(s) à enregistrer`},{' '}
        {n.unchanged} ligne(s) déjà à jour, {n.refused} ligne(s) refusée(s).
      </p>
      <LinesTable
        lines={shown}
        labels={report ? reportLabels : statusLabels}
        caption={
          report ? 'Ce que chaque ligne a fait' : 'Ce que chaque ligne fera, ou pourquoi elle est refusée'
        }
      />
      {atlasImport.appliedAt ? (
        <p>
          <a href={base}>Importer un autre fichier</a>
        </p>
      ) : (
        <div class="actions">
          {n.changed ? (
            <form method="post" action={`${base}/${atlasImport.id}/confirmer`}>
              <CsrfField ctx={ctx} />
              <button type="submit">Enregistrer {n.changed} ligne(s)</button>
            </form>
          ) : (
            <p>
              Aucune ligne à enregistrer. <a href={base}>Choisir un autre fichier</a>
            </p>
          )}
          <form method="post" action={`${base}/${atlasImport.id}/abandonner`}>
            <CsrfField ctx={ctx} />
            <button type="submit" class="button-secondary">
              Abandonner cet import
            </button>
          </form>
        </div>
      )}
    </Layout>
  );
}
