// The documents part of an event's staff page: minutes and documents, and the form to add one.
import { formatDateTime } from '../../../platform/time.ts';
import {
  CsrfField,
  ErrorSummary,
  Field,
  FileField,
  type PageContext,
  Select,
} from '../../../platform/views/layout.tsx';
import type { Event } from '../events.ts';
import type { FormState } from './parts.tsx';

export interface DocumentRow {
  id: string;
  kind: 'minutes' | 'document';
  title: string;
  fileName: string;
  size: number;
  createdAt: Date;
}

export function DocumentsSection(p: {
  ctx: PageContext;
  event: Event;
  documents: DocumentRow[];
  form: FormState | undefined;
}) {
  const { event } = p;
  const dv = p.form?.values ?? {};
  const de = p.form?.errors;
  const base = `/gestion/evenements/${event.id}`;
  return (
    <>
      <h2 id="documents">Compte rendu et documents</h2>
      {p.documents.length ? (
        <ul>
          {p.documents.map((d) => (
            <li key={d.id}>
              <a href={`/agenda/${event.id}/documents/${d.id}`}>
                {d.kind === 'minutes' ? `Compte rendu : ${d.title}` : d.title}
              </a>{' '}
              <span class="muted">
                ({d.fileName}, {Math.max(1, Math.round(d.size / 1024))} Ko, ajouté le{' '}
                {formatDateTime(d.createdAt)})
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p>Aucun document.</p>
      )}
      <p>Les documents sont visibles par le public de l’événement, sur sa page.</p>
      <form method="post" action={`${base}/documents`} enctype="multipart/form-data" novalidate>
        <CsrfField ctx={p.ctx} />
        <ErrorSummary errors={de} />
        <Select
          name="kind"
          label="Nature"
          required
          options={[
            ['document', 'Document'],
            ['minutes', 'Compte rendu'],
          ]}
          value={dv.kind ?? 'document'}
          error={de?.kind}
        />
        <Field
          name="title"
          label="Titre"
          hint="Laisser vide pour reprendre le nom du fichier."
          value={dv.title}
          error={de?.title}
        />
        <FileField
          name="file"
          label="Fichier"
          required
          hint="PDF ou bureautique (Word, Excel, PowerPoint, OpenDocument), 10 Mo au plus."
          accept=".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp"
          error={de?.file}
        />
        <button type="submit">Ajouter le document</button>
      </form>
    </>
  );
}
