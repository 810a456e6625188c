import { formatDateTime } from '../../../platform/time.ts';
import {
  CsrfField,
  ErrorSummary,
  Layout,
  type PageContext,
  TextArea,
} from '../../../platform/views/layout.tsx';
import { StaffNav } from '../../../platform/views/staff-nav.tsx';
import type { EditableText, TextVersion } from '../texts.ts';

/** HTML made by the safe Markdown renderer (markdown.ts): escaped text, checked links, no raw HTML. */
export function RichText({ html }: { html: string }) {
  return <div class="rich-text" dangerouslySetInnerHTML={{ __html: html }} />;
}

export function TextsPage(props: {
  ctx: PageContext;
  texts: EditableText[];
  versions: Map<string, number>;
  notice?: string | undefined;
}) {
  return (
    <Layout ctx={props.ctx} title="Textes du site" notice={props.notice}>
      <StaffNav ctx={props.ctx} current="/gestion/textes" />
      <h1>Textes du site</h1>
      <p>
        Ces textes s’affichent sur les pages publiques. Vous les modifiez ici, sans développeur : chaque
        enregistrement garde l’ancienne version, que vous pouvez remettre.
      </p>
      <div class="table-scroll">
        <table class="table-cards">
          <caption>{props.texts.length} textes modifiables</caption>
          <thead>
            <tr>
              <th scope="col">Texte</th>
              <th scope="col">Où il s’affiche</th>
              <th scope="col">Versions</th>
            </tr>
          </thead>
          <tbody>
            {props.texts.map((t) => (
              <tr key={t.key}>
                <td data-label="Texte">
                  <a href={`/gestion/textes/${t.key}`}>{t.label}</a>
                </td>
                <td data-label="Où">{t.where}</td>
                <td data-label="Versions">
                  {props.versions.get(t.key)
                    ? `${props.versions.get(t.key)} enregistrée(s)`
                    : 'texte d’origine'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

export function EditTextPage(props: {
  ctx: PageContext;
  text: EditableText;
  body: string;
  preview?: string | undefined;
  history: TextVersion[];
  errors?: Record<string, string> | undefined;
  notice?: string | undefined;
}) {
  const { text } = props;
  return (
    <Layout ctx={props.ctx} title={`Modifier : ${text.label}`} notice={props.notice}>
      <p>
        <a href="/gestion/textes">Tous les textes du site</a>
      </p>
      <h1>{text.label}</h1>
      <p class="muted">S’affiche : {text.where}.</p>
      <ErrorSummary errors={props.errors} />
      <form method="post" action={`/gestion/textes/${text.key}`}>
        <CsrfField ctx={props.ctx} />
        <TextArea
          name="body"
          label="Texte"
          rows={14}
          value={props.body}
          required
          error={props.errors?.body}
          hint="Une ligne vide sépare deux paragraphes. **gras**, *italique*, [un lien](https://…), « - » en début de ligne pour une liste, « ## » pour un intertitre. Le HTML n’est pas interprété."
        />
        <p class="actions">
          <button type="submit" name="action" value="preview" class="button-secondary">
            Voir l’aperçu
          </button>
          <button type="submit" name="action" value="save">
            Enregistrer et mettre en ligne
          </button>
        </p>
      </form>
      {props.preview !== undefined ? (
        <section aria-labelledby="apercu">
          <h2 id="apercu">Aperçu (non enregistré)</h2>
          <div class="preview">
            <RichText html={props.preview} />
          </div>
        </section>
      ) : null}
      <h2>Versions enregistrées</h2>
      {props.history.length === 0 ? (
        <p>Le texte d’origine n’a jamais été modifié.</p>
      ) : (
        <ol class="versions">
          {props.history.map((v, index) => (
            <li key={v.id}>
              {formatDateTime(v.savedAt)}
              {index === 0 ? (
                ' — en ligne'
              ) : (
                <form method="post" action={`/gestion/textes/${text.key}/versions/${v.id}`} class="inline">
                  <CsrfField ctx={props.ctx} />
                  <button type="submit" class="button-secondary">
                    Remettre cette version
                  </button>
                </form>
              )}
              <details>
                <summary>Voir le texte</summary>
                <pre class="mail-text">{v.body}</pre>
              </details>
            </li>
          ))}
        </ol>
      )}
    </Layout>
  );
}
