// The search that narrows a staff form's choice of organisations (a fund's contributor, a call's town): by
// name, SIREN or INSEE code, with how many match when the list offers only the first ones.
import { Field } from '../../../platform/views/layout.tsx';

export function OrganisationSearch(props: {
  /** Where the search goes (the page itself, at the form's anchor). */
  action: string;
  /** What is searched, in the label: « une organisation », « une collectivité ». */
  what: string;
  q: string;
  total: number;
  shown: number;
  /** In what order the list offers them: « les contributrices, puis par nom ». */
  order: string;
}) {
  return (
    <>
      <form method="get" action={props.action} class="filters" aria-label={`Chercher ${props.what}`}>
        <Field
          name="organisation"
          label={`Chercher ${props.what}`}
          type="search"
          value={props.q}
          hint="Nom, SIREN ou code INSEE : les listes des formulaires ci-dessous n’offrent que celles qui correspondent."
        />
        <div class="field">
          <button type="submit">Chercher</button>
        </div>
      </form>
      {props.total > props.shown ? (
        <p role="status">
          {props.total} correspondent : les listes n’en offrent que {props.shown} ({props.order}). Précisez la
          recherche pour trouver les autres.
        </p>
      ) : null}
    </>
  );
}
