// The people of an organisation and the form to add one: on the staff's organisation page, and in a
// referent's « Mon espace ».
import { CsrfField, ErrorSummary, Field, type PageContext, Select } from '../../../platform/views/layout.tsx';
import { type Person, personKindLabels } from '../people.ts';

type Errors = Record<string, string> | undefined;
type Values = Record<string, string | undefined>;

export function PeopleTable({ people, link }: { people: Person[]; link: boolean }) {
  if (people.length === 0) return <p>Aucune personne enregistrée.</p>;
  return (
    <table class="table-cards">
      <caption>Personnes</caption>
      <thead>
        <tr>
          <th scope="col">Nom</th>
          <th scope="col">Type</th>
          <th scope="col">Adresse électronique</th>
        </tr>
      </thead>
      <tbody>
        {people.map((p) => (
          <tr key={p.id}>
            <td>
              {link ? (
                <a href={`/gestion/personnes/${p.id}`}>{`${p.firstName} ${p.lastName}`}</a>
              ) : (
                `${p.firstName} ${p.lastName}`
              )}
              {p.referent ? ' (référent·e)' : ''}
              {p.disabledAt ? ' — compte désactivé' : ''}
            </td>
            <td data-label="Type">{personKindLabels[p.kind]}</td>
            <td data-label="Adresse" class="long">
              {p.email}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The form to add a person: staff on an organisation page, a referent in « Mon espace ». */
export function PersonForm(props: {
  ctx: PageContext;
  action: string;
  errors?: Errors;
  values?: Values;
  allowStaffKinds: boolean;
}) {
  const values = props.values ?? {};
  const kinds = (['elected', 'officer', 'partner', 'staff'] as const)
    .filter((k) => props.allowStaffKinds || k !== 'staff')
    .map((k) => [k, personKindLabels[k]] as const);
  return (
    <form method="post" action={props.action} novalidate>
      <CsrfField ctx={props.ctx} />
      <ErrorSummary
        errors={props.errors}
        targets={{
          mandate: 'mandateTitle',
          'mandate.title': 'mandateTitle',
          'mandate.startsOn': 'mandateStartsOn',
          organisationId: '_',
        }}
      />
      <Field
        name="firstName"
        label="Prénom"
        required
        value={values.firstName}
        error={props.errors?.firstName}
        autocomplete="off"
      />
      <Field
        name="lastName"
        label="Nom"
        required
        value={values.lastName}
        error={props.errors?.lastName}
        autocomplete="off"
      />
      <Field
        name="email"
        label="Adresse électronique"
        type="email"
        required
        value={values.email}
        error={props.errors?.email}
        autocomplete="off"
      />
      <Select
        name="kind"
        label="Type"
        options={kinds}
        required
        value={values.kind}
        error={props.errors?.kind}
      />
      <fieldset>
        <legend>Mandat (pour un élu ou une élue)</legend>
        <Field
          name="mandateTitle"
          label="Intitulé du mandat"
          hint="Par exemple : adjointe au maire déléguée aux relations internationales"
          value={values.mandateTitle}
          error={props.errors?.['mandate.title'] ?? props.errors?.mandate}
        />
        <Field
          name="mandateStartsOn"
          label="Début du mandat"
          type="date"
          value={values.mandateStartsOn}
          error={props.errors?.['mandate.startsOn']}
        />
      </fieldset>
      {props.allowStaffKinds ? (
        <div class="field">
          <input
            type="checkbox"
            id="referent"
            name="referent"
            value="on"
            checked={values.referent === 'on'}
          />{' '}
          <label for="referent">Référent·e de l’organisation (gère ses personnes)</label>
        </div>
      ) : null}
      <button type="submit">Ajouter la personne</button>
    </form>
  );
}
