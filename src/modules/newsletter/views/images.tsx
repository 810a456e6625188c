// The images part of an issue's staff page: each image with the line that places it in an item, the form that
// adds one, deleting one no item shows.
import { CsrfField, FileField, type PageContext } from '../../../platform/views/layout.tsx';
import { type Image, imageHref } from '../images.ts';
import { staffBase } from './staff.tsx';

export function ImagesPart(props: {
  ctx: PageContext;
  issueId: string;
  images: Image[];
  error?: string | undefined;
}) {
  const path = `${staffBase}/${props.issueId}/images`;
  return (
    <section aria-labelledby="images">
      <h2 id="images">Images</h2>
      <p>
        Pour placer une image dans un article, recopiez sa ligne dans le texte de l’article et remplacez la
        description par ce que l’image montre (lue à ceux qui ne la voient pas).
      </p>
      {props.images.length ? (
        <ul>
          {props.images.map((image) => (
            <li key={image.id}>
              <img src={imageHref(image.id)} alt={`Aperçu : ${image.fileName}`} width={120} />{' '}
              <code>Image : {image.id} | description de l’image</code>
              <form method="post" action={`${path}/${image.id}/suppression`}>
                <CsrfField ctx={props.ctx} />
                <button type="submit" class="button-secondary">
                  Supprimer {image.fileName}
                </button>
              </form>
            </li>
          ))}
        </ul>
      ) : (
        <p>Aucune image pour l’instant.</p>
      )}
      <form method="post" action={path} enctype="multipart/form-data">
        <CsrfField ctx={props.ctx} />
        <FileField
          name="file"
          label="Ajouter une image"
          accept="image/png,image/jpeg"
          hint="PNG ou JPEG, 2 Mo au plus ; 1 200 pixels de large suffisent."
          error={props.error}
          required
        />
        <button type="submit">Ajouter l’image</button>
      </form>
    </section>
  );
}
