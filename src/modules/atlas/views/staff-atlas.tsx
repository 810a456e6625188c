// The atlas's staff pages: the partnerships' list (search, filters, export, archiving several after a
// confirmation), a partnership's form with its projects, the countries' introductions, the publications.
import { formatCents } from '../../../platform/money.ts';
import { type Paged, pageCount } from '../../../platform/pagination.ts';
import { formatDate } from '../../../platform/time.ts';
import {
  CsrfField,
  ErrorSummary,
  Field,
  Layout,
  type PageContext,
  Select,
  TextArea,
} from '../../../platform/views/layout.tsx';
import { Pagination } from '../../../platform/views/pagination.tsx';
import { StaffNav } from '../../../platform/views/staff-nav.tsx';
import type { Card } from '../atlas.queries.ts';
import { partnershipStatuses, publicationKinds } from '../atlas.schema.ts';
import { type Project, partnershipKindLabels, partnershipStatusLabels } from '../partnerships.ts';
import { countryName, departementName } from '../places.ts';
import type { FacetName } from '../search.ts';
import type {
  ArchivePlan,
  CountryRow,
  PartnershipValues,
  ProjectValues,
  Publication,
} from '../staff-atlas.ts';
import { publicationKindLabels } from '../staff-atlas.ts';
import { themeLabel } from '../themes.ts';
import { PartnershipFields as OwnFields, ProjectFields } from './partnership-fields.tsx';

export type Errors = Record<string, string>;

export interface FormState<V> {
  errors?: Errors | undefined;
  values?: V | undefined;
}

const base = '/gestion/atlas';

/** The atlas's own links under the staff's menu. */
function AtlasNav({ ctx, current }: { ctx: PageContext; current: string }) {
  const links = [
    [base, 'Partenariats'],
    [`${base}/repertoires`, 'Répertoires par pays'],
    [`${base}/publications`, 'Publications'],
  ] as const;
  return (
    <>
      <StaffNav ctx={ctx} current={base} />
      <nav aria-label="Atlas" class="actions">
        {links.map(([href, label]) => (
          <a key={href} href={href} aria-current={current === href ? 'page' : undefined}>
            {label}
          </a>
        ))}
      </nav>
    </>
  );
}

const names = (card: Card) => card.french.map((s) => s.name).join(', ');
export const cardLabel = (card: Card) => `${names(card)} — ${card.partner.name}`;

// ——— The list ———

export interface ListFilters {
  q?: string | undefined;
  country?: string | undefined;
  theme?: string | undefined;
  status?: string | undefined;
  archives?: 'avec' | undefined;
}

/** The list's address with its filters (and a page, or another path: the exports). */
export function listQuery(filters: ListFilters, page?: number): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) params.set(k, v);
  if (page && page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `?${query}` : '';
}

const facetOptions = (facets: Record<string, number>, label: (v: string) => string) =>
  Object.entries(facets)
    .map(([v, n]) => [v, `${label(v)} (${n})`] as const)
    .sort((a, b) => a[1].localeCompare(b[1], 'fr'));

export function StaffAtlasPage(props: {
  ctx: PageContext;
  filters: ListFilters;
  paged: Paged<Card>;
  facets: Record<FacetName, Record<string, number>>;
  notice?: string | undefined;
  /** A refused bulk action: its message, and what stays ticked. */
  bulk?: { error: string; selected: Set<string>; action: string } | undefined;
}) {
  const { filters, paged } = props;
  const query = listQuery(filters);
  const selected = props.bulk?.selected ?? new Set<string>();
  return (
    <Layout ctx={props.ctx} title="Atlas des partenariats — gestion" notice={props.notice}>
      <h1>Atlas des partenariats</h1>
      <AtlasNav ctx={props.ctx} current={base} />
      <p>
        <a class="button" href={`${base}/partenariats/nouveau`}>
          Ajouter un partenariat
        </a>
      </p>
      <form method="get" action={base} class="filters" aria-label="Filtrer les partenariats">
        <Field name="q" label="Recherche" type="search" value={filters.q} hint="Nom, pays, thème, projet…" />
        <Select
          name="country"
          label="Pays"
          options={facetOptions(props.facets.country, countryName)}
          value={filters.country}
          empty="Tous"
        />
        <Select
          name="theme"
          label="Thème"
          options={facetOptions(props.facets.theme, themeLabel)}
          value={filters.theme}
          empty="Tous"
        />
        <Select
          name="status"
          label="État"
          options={partnershipStatuses.map((s) => [s, partnershipStatusLabels[s]] as const)}
          value={filters.status}
          empty="Tous"
        />
        <Select
          name="archives"
          label="Archivés"
          options={[['avec', 'Avec les archivés']]}
          value={filters.archives}
          empty="Sans les archivés"
        />
        <div class="field">
          <button type="submit">Filtrer</button>
        </div>
      </form>
      <p role="status">
        {paged.total} partenariat{paged.total > 1 ? 's' : ''} — page {paged.page} sur {pageCount(paged)}.
        Exporter cette liste : <a href={`${base}/partenariats.csv${query}`}>CSV</a>,{' '}
        <a href={`${base}/partenariats.xlsx${query}`}>Excel</a>
      </p>
      {paged.items.length === 0 ? (
        <p>Aucun partenariat ne correspond.</p>
      ) : (
        <form method="post" action={`${base}/archivage${query}`} aria-labelledby="action-groupee">
          <CsrfField ctx={props.ctx} />
          {props.bulk ? (
            <div class="error-summary" role="alert">
              <h2>L’action n’est pas prête</h2>
              <p>{props.bulk.error}</p>
            </div>
          ) : null}
          <div class="table-scroll">
            <table class="table-cards">
              <caption>Les partenariats, les plus pertinents puis les derniers modifiés</caption>
              <thead>
                <tr>
                  <th scope="col">
                    <span class="visually-hidden">Choisir</span>
                  </th>
                  <th scope="col">Collectivités françaises</th>
                  <th scope="col">Partenaire</th>
                  <th scope="col">Nature</th>
                  <th scope="col">État</th>
                  <th scope="col">Projets</th>
                  <th scope="col">Modifié le</th>
                </tr>
              </thead>
              <tbody>
                {paged.items.map((card) => (
                  <tr key={card.id}>
                    <td data-label="Choisir">
                      <input
                        type="checkbox"
                        id={`choix-${card.id}`}
                        name={`choix_${card.id}`}
                        value="oui"
                        checked={selected.has(card.id)}
                      />
                      <label for={`choix-${card.id}`} class="visually-hidden">
                        Choisir le partenariat {cardLabel(card)}
                      </label>
                    </td>
                    <th scope="row" class="name">
                      <a href={`${base}/partenariats/${card.id}`}>{names(card) || '—'}</a>
                      {card.archivedAt ? (
                        <>
                          {' '}
                          <span class="badge badge-warn">archivé</span>
                        </>
                      ) : null}
                    </th>
                    <td data-label="Partenaire">
                      {card.partner.name} ({countryName(card.partner.country)})
                    </td>
                    <td data-label="Nature">{partnershipKindLabels[card.kind]}</td>
                    <td data-label="État">{partnershipStatusLabels[card.status]}</td>
                    <td data-label="Projets">{card.projects.length}</td>
                    <td data-label="Modifié le">{formatDate(card.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <fieldset>
            <legend id="action-groupee">Pour les partenariats cochés</legend>
            <div class="choice">
              <input
                type="radio"
                id="action-archiver"
                name="action"
                value="archiver"
                checked={props.bulk?.action !== 'restaurer'}
              />{' '}
              <label for="action-archiver">
                Archiver (ils sortent de l’atlas, leur historique est gardé)
              </label>
            </div>
            <div class="choice">
              <input
                type="radio"
                id="action-restaurer"
                name="action"
                value="restaurer"
                checked={props.bulk?.action === 'restaurer'}
              />{' '}
              <label for="action-restaurer">Restaurer (ils reviennent dans l’atlas)</label>
            </div>
            <button type="submit" name="etape" value="apercu">
              Voir ce qui changera avant de confirmer
            </button>
          </fieldset>
        </form>
      )}
      <Pagination
        paged={paged}
        query={(page) => `${base}${listQuery(filters, page)}`}
        label="Pages des partenariats"
      />
    </Layout>
  );
}

/** Before archiving or restoring several: which change, which stay as they are. */
export function ArchivePreviewPage(props: { ctx: PageContext; plan: ArchivePlan; back: string }) {
  const { plan } = props;
  const changing = plan.rows.filter((r) => r.changes);
  const unchanged = plan.rows.filter((r) => !r.changes);
  const verb = plan.archive ? 'archivés' : 'restaurés';
  return (
    <Layout ctx={props.ctx} title="Confirmer — atlas des partenariats">
      <h1>{plan.archive ? 'Archiver' : 'Restaurer'} : à confirmer</h1>
      <AtlasNav ctx={props.ctx} current={base} />
      {changing.length ? (
        <>
          <h2>
            {changing.length} partenariat{changing.length > 1 ? 's' : ''} ser
            {changing.length > 1 ? 'ont' : 'a'} {changing.length > 1 ? verb : verb.slice(0, -1)}
          </h2>
          <ul>
            {changing.map((r) => (
              <li key={r.id}>{r.label}</li>
            ))}
          </ul>
        </>
      ) : (
        <p>Aucun des partenariats cochés ne change : ils sont déjà dans cet état.</p>
      )}
      {unchanged.length ? (
        <>
          <h2>Déjà {verb}, inchangés</h2>
          <ul>
            {unchanged.map((r) => (
              <li key={r.id}>{r.label}</li>
            ))}
          </ul>
        </>
      ) : null}
      {changing.length ? (
        <form method="post" action={`${base}/archivage`}>
          <CsrfField ctx={props.ctx} />
          {plan.rows.map((r) => (
            <input key={r.id} type="hidden" name={`choix_${r.id}`} value="oui" />
          ))}
          <input type="hidden" name="action" value={plan.archive ? 'archiver' : 'restaurer'} />
          <button type="submit" name="etape" value="confirmer">
            Confirmer : {plan.archive ? 'archiver' : 'restaurer'} {changing.length} partenariat
            {changing.length > 1 ? 's' : ''}
          </button>
        </form>
      ) : null}
      <p>
        <a href={props.back}>Revenir à la liste sans rien changer</a>
      </p>
    </Layout>
  );
}

// ——— A partnership ———

export interface Choice {
  id: string;
  label: string;
}

/** What the partnership's form chooses among. */
export interface PartnershipChoices {
  french: Choice[];
  partners: Choice[];
  /** People of the French side's organisations (a contact left them stays offered). */
  contacts: Choice[];
  countries: Choice[];
}

/** A form's errors by field: « themes.2 » is about the themes' boxes, « frenchOrganisationIds.0 » the sides. */
export function byField(errors: Errors | undefined, rename: Record<string, string> = {}): Errors {
  const out: Errors = {};
  for (const [key, message] of Object.entries(errors ?? {})) {
    const head = key.split('.')[0]!;
    const field = rename[head] ?? head;
    out[field] ??= message;
  }
  return out;
}

function PartnershipFields(props: {
  values: PartnershipValues;
  errors: Errors;
  choices: PartnershipChoices;
}) {
  const { values: v, errors: e, choices } = props;
  // The sides chosen, then two empty lists to add one (a side is removed by choosing « — »).
  const sides = [...v.french, '', ''];
  const frenchOptions = choices.french.map((c) => [c.id, c.label] as const);
  return (
    <>
      <fieldset id="french" aria-describedby={e.french ? 'french-error' : undefined}>
        <legend>Collectivités françaises (une ou plusieurs)</legend>
        {e.french ? (
          <p class="error" id="french-error">
            {e.french}
          </p>
        ) : null}
        {sides.map((id, i) => (
          <Select
            key={i}
            id={`french-${i}`}
            name="french"
            label={i < v.french.length ? `Collectivité ${i + 1}` : `Ajouter une collectivité (${i + 1})`}
            options={frenchOptions}
            value={id}
            empty="—"
          />
        ))}
      </fieldset>
      <fieldset>
        <legend>Collectivité partenaire (étrangère)</legend>
        <Select
          name="partnerId"
          label="Choisir dans la liste"
          options={choices.partners.map((c) => [c.id, c.label] as const)}
          value={v.partnerId}
          error={e.partnerId}
          empty="—"
        />
        <p>Ou, si elle n’est pas dans la liste, créez-la :</p>
        <Field
          name="newPartnerName"
          label="Nom de la nouvelle collectivité"
          value={v.newPartnerName}
          error={e.newPartnerName}
        />
        <Select
          name="newPartnerCountry"
          label="Son pays"
          options={choices.countries.map((c) => [c.id, c.label] as const)}
          value={v.newPartnerCountry}
          error={e.newPartnerCountry}
          empty="—"
        />
        <Field
          name="newPartnerRegion"
          label="Sa région, province ou préfecture (facultatif)"
          value={v.newPartnerRegion}
          error={e.newPartnerRegion}
        />
      </fieldset>
      <OwnFields values={v} errors={e} />
      <fieldset id="contactIds" aria-describedby={e.contactIds ? 'contactIds-error' : undefined}>
        <legend>Personnes à contacter</legend>
        {e.contactIds ? (
          <p class="error" id="contactIds-error">
            {e.contactIds}
          </p>
        ) : null}
        {choices.contacts.length === 0 ? (
          <p class="muted">
            Aucune personne enregistrée dans les collectivités françaises choisies (enregistrez d’abord le
            partenariat pour voir celles d’une collectivité ajoutée).
          </p>
        ) : (
          choices.contacts.map((c) => (
            <div key={c.id} class="choice">
              <input
                type="checkbox"
                id={`contact-${c.id}`}
                name="contactIds"
                value={c.id}
                checked={v.contactIds.includes(c.id)}
              />{' '}
              <label for={`contact-${c.id}`}>{c.label}</label>
            </div>
          ))
        )}
      </fieldset>
    </>
  );
}

const partnershipTargets = {
  french: 'french',
  partnerId: 'partnerId',
  themes: 'themes',
  contactIds: 'contactIds',
  _: '_',
};

export function NewPartnershipPage(props: {
  ctx: PageContext;
  choices: PartnershipChoices;
  form: Required<FormState<PartnershipValues>>;
}) {
  const errors = props.form.errors;
  return (
    <Layout ctx={props.ctx} title="Nouveau partenariat — atlas">
      <p>
        <a href={base}>← Atlas des partenariats</a>
      </p>
      <h1>Nouveau partenariat</h1>
      <ErrorSummary errors={errors} targets={partnershipTargets} />
      <form method="post" action={`${base}/partenariats/nouveau`}>
        <CsrfField ctx={props.ctx} />
        <PartnershipFields values={props.form.values} errors={errors} choices={props.choices} />
        <button type="submit">Créer le partenariat</button>
      </form>
    </Layout>
  );
}

export interface ProjectForms {
  /** The form that was refused: « nouveau », or the project's id. */
  which: string;
  state: Required<FormState<ProjectValues>>;
}

export const projectValuesOf = (p: Project): ProjectValues => ({
  title: p.title,
  startYear: String(p.startYear),
  endYear: p.endYear === null ? '' : String(p.endYear),
  // Typed back the French way: « 12 500,50 ».
  budget:
    p.budgetCents === null
      ? ''
      : (p.budgetCents / 100).toLocaleString('fr-FR', { minimumFractionDigits: 0, maximumFractionDigits: 2 }),
  currency: p.currency,
  coFunders: p.coFunders.join(', '),
  themes: p.themes,
  description: p.description ?? '',
  place: p.place ?? '',
});

const emptyProject: ProjectValues = {
  title: '',
  startYear: '',
  endYear: '',
  budget: '',
  currency: 'EUR',
  coFunders: '',
  themes: [],
  description: '',
  place: '',
};

/** A project form's fields have prefixed ids (several forms on one page): its errors link to them. */
const prefixed = (prefix: string, errors: Errors) =>
  Object.fromEntries(Object.keys(errors).map((k) => [k, k === '_' ? '_' : `${prefix}${k}`]));

export function PartnershipPage(props: {
  ctx: PageContext;
  card: Card;
  choices: PartnershipChoices;
  form: Required<FormState<PartnershipValues>>;
  project?: ProjectForms | undefined;
  notice?: string | undefined;
}) {
  const { card, ctx } = props;
  const url = `${base}/partenariats/${card.id}`;
  const errors = props.form.errors;
  const projectForm = (which: string, values: ProjectValues) =>
    props.project?.which === which
      ? {
          values: props.project.state.values,
          errors: byField(props.project.state.errors, { budgetCents: 'budget' }),
        }
      : { values, errors: {} };
  const fresh = projectForm('nouveau', emptyProject);
  return (
    <Layout ctx={ctx} title={`${cardLabel(card)} — atlas`} notice={props.notice}>
      <p>
        <a href={base}>← Atlas des partenariats</a>
      </p>
      <h1>{cardLabel(card)}</h1>
      {card.archivedAt ? (
        <p>
          <span class="badge badge-warn">archivé</span> le {formatDate(card.archivedAt)} : ce partenariat
          n’apparaît pas dans l’atlas.
        </p>
      ) : null}
      <p class="actions">
        <a href={`${url}/historique`}>Voir l’historique des modifications</a>
      </p>
      <form method="post" action={`${url}/${card.archivedAt ? 'restaurer' : 'archiver'}`}>
        <CsrfField ctx={ctx} />
        <button type="submit" class="button-secondary">
          {card.archivedAt ? 'Restaurer dans l’atlas' : 'Archiver ce partenariat'}
        </button>
      </form>

      <h2 id="fiche">Le partenariat</h2>
      <ErrorSummary errors={errors} targets={partnershipTargets} />
      <form method="post" action={url}>
        <CsrfField ctx={ctx} />
        <PartnershipFields values={props.form.values} errors={errors} choices={props.choices} />
        <button type="submit">Enregistrer le partenariat</button>
      </form>

      <h2 id="projets">Projets ({card.projects.length})</h2>
      {card.projects.map((p) => {
        const state = projectForm(p.id, projectValuesOf(p));
        return (
          <details key={p.id} open={props.project?.which === p.id}>
            <summary>
              {p.title} ({p.startYear}
              {p.endYear ? `–${p.endYear}` : ''})
              {p.budgetCents !== null
                ? ` · ${p.currency === 'EUR' ? formatCents(p.budgetCents) : `${(p.budgetCents / 100).toLocaleString('fr-FR')} ${p.currency}`}`
                : ''}
            </summary>
            <ErrorSummary errors={state.errors} targets={prefixed(`projet-${p.id}-`, state.errors)} />
            <form
              method="post"
              action={`${url}/projets/${p.id}`}
              aria-label={`Modifier le projet ${p.title}`}
            >
              <CsrfField ctx={ctx} />
              <ProjectFields
                prefix={`projet-${p.id}-`}
                values={state.values}
                errors={state.errors}
                required
                currencyAndThemes
              />
              <button type="submit">Enregistrer le projet</button>
            </form>
            <form method="post" action={`${url}/projets/${p.id}/supprimer`}>
              <CsrfField ctx={ctx} />
              <button type="submit" class="button-secondary">
                Supprimer le projet<span class="visually-hidden"> {p.title}</span>
              </button>
            </form>
          </details>
        );
      })}
      <h3 id="nouveau-projet">Ajouter un projet</h3>
      <ErrorSummary errors={fresh.errors} targets={prefixed('nouveau-', fresh.errors)} />
      <form method="post" action={`${url}/projets`} aria-labelledby="nouveau-projet">
        <CsrfField ctx={ctx} />
        <ProjectFields
          prefix="nouveau-"
          values={fresh.values}
          errors={fresh.errors}
          required
          currencyAndThemes
        />
        <button type="submit">Ajouter le projet</button>
      </form>
    </Layout>
  );
}

// ——— Directories ———

export function DirectoriesPage(props: {
  ctx: PageContext;
  rows: CountryRow[];
  notice?: string | undefined;
}) {
  return (
    <Layout ctx={props.ctx} title="Répertoires par pays — atlas" notice={props.notice}>
      <h1>Répertoires par pays</h1>
      <AtlasNav ctx={props.ctx} current={`${base}/repertoires`} />
      <p>Chaque répertoire s’ouvre sur une introduction à la décentralisation du pays, écrite ici.</p>
      <div class="table-scroll">
        <table class="table-cards">
          <caption>Les pays des partenariats ({props.rows.length})</caption>
          <thead>
            <tr>
              <th scope="col">Pays</th>
              <th scope="col">Partenariats</th>
              <th scope="col">Archivés</th>
              <th scope="col">Introduction</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr key={r.code}>
                <th scope="row" class="name">
                  <a href={`${base}/repertoires/${r.code}`}>{r.name}</a>
                </th>
                <td data-label="Partenariats">{r.partnerships}</td>
                <td data-label="Archivés">{r.archived}</td>
                <td data-label="Introduction">{r.introduction ? 'Écrite' : 'À écrire'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

export function DirectoryEditPage(props: {
  ctx: PageContext;
  country: { code: string; name: string };
  form: Required<FormState<{ introduction: string }>>;
  updated?: { at: Date } | undefined;
}) {
  const { country } = props;
  const url = `${base}/repertoires/${country.code}`;
  return (
    <Layout ctx={props.ctx} title={`${country.name} : introduction du répertoire — atlas`}>
      <p>
        <a href={`${base}/repertoires`}>← Répertoires par pays</a>
      </p>
      <h1>{country.name} : introduction du répertoire</h1>
      {props.updated ? <p>Modifiée le {formatDate(props.updated.at)}.</p> : null}
      <ErrorSummary errors={props.form.errors} />
      <form method="post" action={url}>
        <CsrfField ctx={props.ctx} />
        <TextArea
          name="introduction"
          label="Introduction"
          hint="Texte simple ; laissez une ligne vide entre deux paragraphes."
          value={props.form.values.introduction}
          error={props.form.errors.introduction}
          rows={14}
        />
        <button type="submit">Enregistrer l’introduction</button>
      </form>
    </Layout>
  );
}

// ——— Publications ———

export interface PublicationValues {
  kind: string;
  title: string;
  description: string;
  editedOn: string;
  url: string;
}

export const publicationValuesOf = (p: Publication): PublicationValues => ({
  kind: p.kind,
  title: p.title,
  description: p.description ?? '',
  editedOn: p.editedOn,
  url: p.url ?? '',
});

function PublicationFields({ values: v, errors: e }: { values: PublicationValues; errors: Errors }) {
  return (
    <>
      <Select
        name="kind"
        label="Nature"
        options={publicationKinds.map((k) => [k, publicationKindLabels[k]] as const)}
        value={v.kind}
        required
        error={e.kind}
      />
      <Field name="title" label="Titre" value={v.title} required error={e.title} />
      <TextArea name="description" label="Description" value={v.description} error={e.description} />
      <Field
        name="editedOn"
        label="Date d’édition"
        type="date"
        value={v.editedOn}
        required
        error={e.editedOn}
      />
      <Field
        name="url"
        label="Adresse où la lire ou la commander"
        type="url"
        hint="Commençant par https://"
        value={v.url}
        error={e.url}
      />
    </>
  );
}

export function PublicationsPage(props: {
  ctx: PageContext;
  rows: Publication[];
  form: Required<FormState<PublicationValues>>;
  notice?: string | undefined;
}) {
  return (
    <Layout ctx={props.ctx} title="Publications — atlas" notice={props.notice}>
      <h1>Publications</h1>
      <AtlasNav ctx={props.ctx} current={`${base}/publications`} />
      {props.rows.length ? (
        <div class="table-scroll">
          <table class="table-cards">
            <caption>Le catalogue des publications, les plus récentes d’abord</caption>
            <thead>
              <tr>
                <th scope="col">Titre</th>
                <th scope="col">Nature</th>
                <th scope="col">Édition</th>
                <th scope="col">Dans le catalogue</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((p) => (
                <tr key={p.id}>
                  <th scope="row" class="name">
                    <a href={`${base}/publications/${p.id}`}>{p.title}</a>
                  </th>
                  <td data-label="Nature">{publicationKindLabels[p.kind]}</td>
                  <td data-label="Édition">{formatDate(p.editedOn)}</td>
                  <td data-label="Dans le catalogue">{p.archivedAt ? 'Non : archivée' : 'Oui'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>Aucune publication pour le moment : ajoutez la première ci-dessous.</p>
      )}
      <h2 id="ajouter">Ajouter une publication</h2>
      <ErrorSummary errors={props.form.errors} />
      <form method="post" action={`${base}/publications`}>
        <CsrfField ctx={props.ctx} />
        <PublicationFields values={props.form.values} errors={props.form.errors} />
        <button type="submit">Ajouter au catalogue</button>
      </form>
    </Layout>
  );
}

export function PublicationPage(props: {
  ctx: PageContext;
  publication: Publication;
  form: Required<FormState<PublicationValues>>;
  notice?: string | undefined;
}) {
  const { publication: p } = props;
  const url = `${base}/publications/${p.id}`;
  return (
    <Layout ctx={props.ctx} title={`${p.title} — publications`} notice={props.notice}>
      <p>
        <a href={`${base}/publications`}>← Publications</a>
      </p>
      <h1>{p.title}</h1>
      {p.archivedAt ? (
        <p>
          <span class="badge badge-warn">archivée</span> le {formatDate(p.archivedAt)} : elle n’apparaît pas
          dans le catalogue.
        </p>
      ) : null}
      <ErrorSummary errors={props.form.errors} />
      {p.archivedAt ? null : (
        <form method="post" action={url}>
          <CsrfField ctx={props.ctx} />
          <PublicationFields values={props.form.values} errors={props.form.errors} />
          <button type="submit">Enregistrer la publication</button>
        </form>
      )}
      <form method="post" action={`${url}/${p.archivedAt ? 'restaurer' : 'archiver'}`}>
        <CsrfField ctx={props.ctx} />
        <button type="submit" class="button-secondary">
          {p.archivedAt ? 'Restaurer dans le catalogue' : 'Archiver la publication'}
        </button>
      </form>
    </Layout>
  );
}

/** A French local government as the lists name it: « Angers (Maine-et-Loire) ». */
export const frenchLabel = (o: { name: string; kind: string; departementCode: string | null }) =>
  o.kind === 'commune' && o.departementCode ? `${o.name} (${departementName(o.departementCode)})` : o.name;
