// A partnership's fields and a project's fields, as both the staff's forms and the referents' proposals show
// them: one set of labels, hints and ids for the same data wherever it is typed.
import { Field, Select, TextArea } from '../../../platform/views/layout.tsx';
import { partnershipKinds, partnershipStatuses } from '../atlas.schema.ts';
import { partnershipKindLabels, partnershipStatusLabels } from '../partnerships.ts';
import { themes } from '../themes.ts';

export type Errors = Record<string, string>;

const kindOptions = partnershipKinds.map((k) => [k, partnershipKindLabels[k]] as const);
const statusOptions = partnershipStatuses.map((s) => [s, partnershipStatusLabels[s]] as const);

/** The themes' boxes; `prefix` tells the ids apart when a page shows several (a project's form each). */
export function ThemeBoxes({
  prefix,
  selected,
  error,
}: {
  prefix: string;
  selected: string[];
  error?: string | undefined;
}) {
  return (
    <fieldset id={`${prefix}themes`} aria-describedby={error ? `${prefix}themes-error` : undefined}>
      <legend>Thèmes</legend>
      {error ? (
        <p class="error" id={`${prefix}themes-error`}>
          {error}
        </p>
      ) : null}
      {themes.map((t) => (
        <div key={t.code} class="choice">
          <input
            type="checkbox"
            id={`${prefix}theme-${t.code}`}
            name="themes"
            value={t.code}
            checked={selected.includes(t.code)}
          />{' '}
          <label for={`${prefix}theme-${t.code}`}>{t.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** What a partnership's own fields show (its sides, partner and contacts are chosen apart). */
export interface PartnershipFieldValues {
  kind?: string | undefined;
  since?: string | undefined;
  status?: string | undefined;
  agreementReference?: string | undefined;
  agreementOn?: string | undefined;
  themes: string[];
  description?: string | undefined;
}

/** A partnership's own fields: nature, since, state, agreement, themes, presentation. */
export function PartnershipFields({
  values: v,
  errors: e,
}: {
  values: PartnershipFieldValues;
  errors: Errors;
}) {
  return (
    <>
      <Select name="kind" label="Nature" options={kindOptions} value={v.kind} required error={e.kind} />
      <Field name="since" label="Depuis (année)" type="number" value={v.since} error={e.since} />
      <Select
        name="status"
        label="État"
        options={statusOptions}
        value={v.status || 'active'}
        required
        error={e.status}
      />
      <Field
        name="agreementReference"
        label="Référence de la convention"
        value={v.agreementReference}
        error={e.agreementReference}
      />
      <Field
        name="agreementOn"
        label="Date de la convention"
        type="date"
        value={v.agreementOn}
        error={e.agreementOn}
      />
      <ThemeBoxes prefix="" selected={v.themes} error={e.themes} />
      <TextArea
        name="description"
        label="Présentation"
        hint="L’histoire du partenariat, ses objectifs."
        value={v.description}
        error={e.description}
        rows={6}
      />
    </>
  );
}

/** What a project's fields show, by their bare names (`themes` only where they are offered). */
export interface ProjectFieldValues {
  title?: string | undefined;
  startYear?: string | undefined;
  endYear?: string | undefined;
  budget?: string | undefined;
  currency?: string | undefined;
  coFunders?: string | undefined;
  themes?: string[] | undefined;
  description?: string | undefined;
  place?: string | undefined;
}

/**
 * A project's fields. Their ids start with `prefix` (several projects on one page); their names too when one
 * form holds several projects (a referent's proposal), otherwise they are bare (the staff's form of one
 * project). Staff also set the currency and the themes: a referent's proposal keeps a project's as they are.
 */
export function ProjectFields({
  prefix,
  prefixNames = false,
  values: v,
  errors: e,
  required,
  currencyAndThemes,
}: {
  prefix: string;
  prefixNames?: boolean;
  values: ProjectFieldValues;
  /** By bare field name. */
  errors: Errors;
  required: boolean;
  currencyAndThemes: boolean;
}) {
  const at = (name: string) => ({ id: `${prefix}${name}`, name: prefixNames ? `${prefix}${name}` : name });
  return (
    <>
      <Field {...at('title')} label="Titre du projet" value={v.title} required={required} error={e.title} />
      <Field
        {...at('startYear')}
        label="Année de début"
        type="number"
        value={v.startYear}
        required={required}
        error={e.startYear}
      />
      <Field {...at('endYear')} label="Année de fin" type="number" value={v.endYear} error={e.endYear} />
      <Field
        {...at('budget')}
        label="Budget"
        hint={
          currencyAndThemes
            ? 'En euros (ou dans la devise ci-dessous), par exemple 12 500,50.'
            : 'En euros, par exemple 12 500,50.'
        }
        value={v.budget}
        error={e.budget}
      />
      {currencyAndThemes ? (
        <Field
          {...at('currency')}
          label="Devise (code ISO, EUR par défaut)"
          value={v.currency}
          error={e.currency}
        />
      ) : null}
      <Field
        {...at('coFunders')}
        label="Cofinanceurs"
        hint="Séparés par des virgules : DAECT, Agence de l’eau Loire-Bretagne."
        value={v.coFunders}
        error={e.coFunders}
      />
      {currencyAndThemes ? <ThemeBoxes prefix={prefix} selected={v.themes ?? []} error={e.themes} /> : null}
      <TextArea
        {...at('description')}
        label="Présentation du projet"
        value={v.description}
        error={e.description}
        rows={3}
      />
      <Field {...at('place')} label="Lieu" value={v.place} error={e.place} />
    </>
  );
}

/** The entries of a form's record whose names start with `prefix`, by their bare names. */
export function unprefixed<T>(record: Record<string, T>, prefix: string): Record<string, T> {
  return Object.fromEntries(
    Object.entries(record)
      .filter(([k]) => k.startsWith(prefix))
      .map(([k, v]) => [k.slice(prefix.length), v]),
  );
}
