// A dossier's attachments as each reader sees them: every expected document of its form version, the file
// joined (to download), and — for the town while it may still change its dossier — the form to join or
// replace it and the button to remove it.
import { formatDate } from '../../../platform/time.ts';
import { CsrfField, FileField, type PageContext } from '../../../platform/views/layout.tsx';
import type { AttachmentCard } from '../attachments.ts';
import type { CallQuestion } from '../calls.schema.ts';

export const documentTypes = '.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp';

export function Attachments(props: {
  ctx: PageContext;
  expected: CallQuestion[];
  joined: AttachmentCard[];
  /** Where a document is downloaded: `${href}/${id}`. */
  href: string;
  /** The town may join, replace and remove documents (draft, or submitted before instruction). */
  editable?: boolean;
  /** A refused file, by expected attachment. */
  errors?: Record<string, string> | undefined;
}) {
  if (props.expected.length === 0) return null;
  return (
    <section aria-labelledby="pieces">
      <h2 id="pieces">Pièces jointes</h2>
      {/* A refusal that came when the forms are no longer shown (instruction started meanwhile). */}
      {!props.editable && props.errors ? (
        <div class="error-summary" role="alert">
          <p>{Object.values(props.errors).join(' ')}</p>
        </div>
      ) : null}
      <ul class="thread">
        {props.expected.map((a) => {
          const file = props.joined.find((j) => j.key === a.key);
          return (
            <li key={a.key}>
              <p>
                <strong>{a.label}</strong> {a.required ? '(obligatoire pour déposer)' : '(facultative)'} :{' '}
                {file ? (
                  <>
                    <a href={`${props.href}/${file.id}`}>{file.fileName}</a> (
                    {Math.max(1, Math.round(file.bytes / 1024))} Ko, joint le {formatDate(file.createdAt)})
                  </>
                ) : (
                  'pas encore jointe'
                )}
              </p>
              {props.editable ? (
                <>
                  <form method="post" action={props.href} enctype="multipart/form-data">
                    <CsrfField ctx={props.ctx} />
                    <input type="hidden" name="key" value={a.key} />
                    <FileField
                      id={`piece-${a.key}`}
                      name="file"
                      label={file ? `Remplacer « ${a.label} »` : `Joindre « ${a.label} »`}
                      hint="PDF ou bureautique (Word, Excel, PowerPoint, OpenDocument), 10 Mo au plus."
                      accept={documentTypes}
                      required
                      error={props.errors?.[a.key]}
                    />
                    <button type="submit" class="button-secondary">
                      {file ? 'Remplacer la pièce' : 'Joindre la pièce'}
                    </button>
                  </form>
                  {file ? (
                    <form method="post" action={`${props.href}/${file.id}/suppression`}>
                      <CsrfField ctx={props.ctx} />
                      <button type="submit" class="button-secondary">
                        Retirer « {file.fileName} »
                      </button>
                    </form>
                  ) : null}
                </>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
