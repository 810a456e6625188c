// The atlas's public pages: the search (with the maps when nothing is asked yet), the directories by country,
// a country's directory (full for members in good standing, the summary for others), the publications.
import { formatCents } from '../../../platform/money.ts';
import { formatDate } from '../../../platform/time.ts';
import { Layout, type PageContext, Select } from '../../../platform/views/layout.tsx';
import { Pagination } from '../../../platform/views/pagination.tsx';
import { organisationKindLabels } from '../../organisations/organisations.ts';
import type { Card } from '../atlas.queries.ts';
import { partnershipStatuses } from '../atlas.schema.ts';
import type { Directory, DirectoryPartnership } from '../directory.types.ts';
import { FranceMap } from '../maps/france-map.tsx';
import { WorldMap } from '../maps/world-map.tsx';
import { partnershipKindLabels, partnershipStatusLabels } from '../partnerships.ts';
import { countryName, regionName } from '../places.ts';
import { type FacetName, facetLabel, pageSize, type SearchFilters, type SearchResult } from '../search.ts';
import { themeLabel } from '../themes.ts';
import type { Understood } from '../understand.ts';

const partnershipsUnit = { one: 'partenariat actif', many: 'partenariats actifs' };
const engagedUnit = { one: 'collectivité engagée', many: 'collectivités engagées' };
const plural = (n: number, one: string, many: string) => `${n.toLocaleString('fr-FR')} ${n > 1 ? many : one}`;

/** The address of a search with some filters changed (an empty value removes the filter). */
export function searchHref(
  filters: Partial<SearchFilters> & { brut?: string },
  change: Record<string, string | undefined> = {},
) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, page: undefined, ...change }))
    if (value !== undefined && value !== '' && !(key === 'page' && value === '1'))
      params.set(key, String(value));
  const query = params.toString();
  return query ? `/atlas?${query}` : '/atlas';
}

const facetTitles: Record<FacetName, string> = {
  country: 'Pays',
  theme: 'Thème',
  region: 'Région française',
  departement: 'Département',
  kind: 'Type de collectivité française',
  status: 'Statut',
  coFunder: 'Cofinanceur',
};

const valueLabel = (facet: FacetName, value: string) =>
  facet === 'kind'
    ? ((organisationKindLabels as Record<string, string>)[value] ?? value)
    : facet === 'status'
      ? (partnershipStatusLabels[value as keyof typeof partnershipStatusLabels] ?? value)
      : facetLabel(facet, value);

function FacetSelect({
  facet,
  result,
  filters,
}: {
  facet: FacetName;
  result: SearchResult;
  filters: SearchFilters;
}) {
  const counts = result.facets[facet];
  const chosen = filters[facet];
  const values = Object.keys(counts);
  if (chosen && !values.includes(chosen)) values.push(chosen);
  const options = values
    .map(
      (v) =>
        [
          v,
          `${valueLabel(facet, v)} (${(counts[v] ?? 0).toLocaleString('fr-FR')})`,
          valueLabel(facet, v),
        ] as const,
    )
    .sort((a, b) =>
      facet === 'status'
        ? partnershipStatuses.indexOf(a[0] as never) - partnershipStatuses.indexOf(b[0] as never)
        : a[2].localeCompare(b[2], 'fr'),
    )
    .map(([v, l]) => [v, l] as const);
  return (
    <Select
      name={facet}
      id={`f-${facet}`}
      label={facetTitles[facet]}
      options={options}
      value={chosen}
      empty="Tous"
    />
  );
}

function Sides({ card }: { card: Card }) {
  return <>{card.french.map((s) => s.name).join(', ')}</>;
}

/** A partnership in a list: who with whom, since when, on what; the description and projects for members. */
function PartnershipItem({
  card,
  full,
  showSides = true,
}: {
  card: Card;
  full: boolean;
  showSides?: boolean;
}) {
  return (
    <li class="card">
      <h3>
        {showSides ? (
          <>
            <Sides card={card} /> ↔{' '}
          </>
        ) : null}
        {card.partner.name}{' '}
        <span class="muted">
          ({countryName(card.partner.country)}
          {card.partner.region ? `, ${card.partner.region}` : ''})
        </span>
      </h3>
      <p>
        {partnershipKindLabels[card.kind]}
        {card.since ? ` depuis ${card.since}` : ''} — {partnershipStatusLabels[card.status].toLowerCase()}
        {card.themes.length ? ` — ${card.themes.map(themeLabel).join(', ')}` : ''}
      </p>
      {full && card.description ? <p>{card.description}</p> : null}
      {card.projects.length ? (
        <details>
          <summary>{plural(card.projects.length, 'projet', 'projets')}</summary>
          <ul>
            {card.projects.map((p) => (
              <li key={p.id}>
                {p.title} ({p.startYear}
                {p.endYear && p.endYear !== p.startYear ? `–${p.endYear}` : ''})
                {full && p.budgetCents !== null && p.currency === 'EUR'
                  ? ` — ${formatCents(p.budgetCents)}`
                  : ''}
                {p.coFunders.length ? ` — cofinancé par ${p.coFunders.join(', ')}` : ''}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </li>
  );
}

function Contacts({ cards, signedIn }: { cards: Card[]; signedIn: boolean }) {
  const contacts = new Map(cards.flatMap((c) => c.contacts).map((c) => [c.id, c]));
  if (!signedIn)
    return (
      <p class="muted">
        Contact : connectez-vous pour voir les personnes à contacter, ou écrivez à l’équipe du réseau.
      </p>
    );
  if (contacts.size === 0)
    return <p class="muted">Pas de contact renseigné : l’équipe du réseau peut vous mettre en relation.</p>;
  return (
    <p>
      Contact :{' '}
      {[...contacts.values()].map((c, i) => (
        <span key={c.id}>
          {i ? ', ' : ''}
          {c.firstName} {c.lastName} (<a href={`mailto:${c.email}`}>{c.email}</a>)
        </span>
      ))}
    </p>
  );
}

export interface AtlasPageProps {
  ctx: PageContext;
  filters: SearchFilters;
  /** The filters as asked (before the question was read): the search box shows the question as typed. */
  asked: SearchFilters;
  /** What the question was read as, when it named a theme, a country or a région. */
  understood: Understood | undefined;
  result: SearchResult;
  cards: Card[];
  full: boolean;
  signedIn: boolean;
  /** The maps (`AtlasMaps`, rendered once per version of the atlas), when nothing is searched yet. */
  mapsHtml?: string | undefined;
  sameRegion?: { organisation: string; partner: string; region: string; country: string }[] | undefined;
  notice?: string | undefined;
}

export function AtlasPage(props: AtlasPageProps) {
  const { filters, result, understood } = props;
  const searching = Boolean(
    filters.q || Object.entries(filters).some(([k, v]) => k !== 'page' && k !== 'q' && v),
  );
  // Results grouped by French local government: « who works on water in Senegal » answers with who.
  const byOrganisation = new Map<string, { name: string; cards: Card[] }>();
  for (const card of props.cards)
    for (const side of card.french) {
      const entry = byOrganisation.get(side.id) ?? { name: side.name, cards: [] };
      entry.cards.push(card);
      byOrganisation.set(side.id, entry);
    }
  return (
    <Layout ctx={props.ctx} title="Atlas des partenariats" notice={props.notice}>
      <h1>Atlas des partenariats de coopération décentralisée</h1>
      <p>
        Qui coopère avec qui, sur quoi : les partenariats entre collectivités françaises et collectivités
        étrangères, tenus à jour par les collectivités elles-mêmes et l’équipe du réseau.
      </p>
      <search>
        <form method="get" action="/atlas" class="search-form">
          <div class="field">
            <label for="q">Votre question ou des mots</label>
            <p class="hint" id="q-hint">
              Par exemple : « qui travaille sur l’eau au Sénégal ? », « jumelage Japon », « Récap’Alimentaire
              ».
            </p>
            <input
              id="q"
              name="q"
              type="search"
              value={props.asked.q ?? ''}
              aria-describedby="q-hint"
              maxLength={200}
            />
          </div>
          <fieldset class="facets">
            <legend>Affiner</legend>
            {(['country', 'theme', 'region', 'status', 'kind', 'coFunder'] as const).map((f) => (
              <FacetSelect key={f} facet={f} result={result} filters={filters} />
            ))}
          </fieldset>
          <button type="submit">Chercher</button>
          {searching ? (
            <>
              {' '}
              <a href="/atlas">Tout effacer</a>
            </>
          ) : null}
        </form>
      </search>
      {understood ? (
        <p class="notice" role="status">
          Nous avons compris :{' '}
          {[
            understood.theme ? `thème « ${themeLabel(understood.theme)} »` : null,
            understood.country ? `pays « ${countryName(understood.country)} »` : null,
            understood.region ? `région « ${regionName(understood.region)} »` : null,
            understood.rest ? `mots « ${understood.rest} »` : null,
          ]
            .filter(Boolean)
            .join(', ')}
          . <a href={searchHref({ ...props.asked, brut: '1' })}>Chercher plutôt le texte tel quel</a>
        </p>
      ) : null}
      {searching ? (
        <section aria-labelledby="resultats">
          <h2 id="resultats">
            {result.total === 0
              ? 'Aucun partenariat trouvé'
              : plural(result.total, 'partenariat trouvé', 'partenariats trouvés')}
          </h2>
          {result.total === 0 ? (
            <p>Essayez moins de mots, ou retirez un filtre. Les accents et les majuscules ne comptent pas.</p>
          ) : null}
          {[...byOrganisation].map(([id, entry]) => (
            <section key={id} class="atlas-organisation" aria-labelledby={`org-${id}`}>
              <h3 id={`org-${id}`}>{entry.name}</h3>
              <ul class="cards">
                {entry.cards.map((card) => (
                  <PartnershipItem
                    key={card.id}
                    card={card}
                    full={props.full}
                    showSides={card.french.length > 1}
                  />
                ))}
              </ul>
              <Contacts cards={entry.cards} signedIn={props.signedIn} />
            </section>
          ))}
          <Pagination
            paged={{ page: filters.page, total: result.total, pageSize }}
            query={(page) => searchHref(filters, { page: String(page) })}
            label="Pages des résultats"
          />
        </section>
      ) : null}
      {props.sameRegion?.length ? (
        <section aria-labelledby="meme-region">
          <h2 id="meme-region">Les collectivités qui coopèrent avec la même région que vous</h2>
          <ul>
            {props.sameRegion.map((r) => (
              <li key={`${r.organisation}-${r.partner}`}>
                {r.organisation} — avec {r.partner} ({r.region}, {countryName(r.country)})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {props.mapsHtml ? <div dangerouslySetInnerHTML={{ __html: props.mapsHtml }} /> : null}
      <p>
        <a href="/repertoires">Les répertoires par pays</a> · <a href="/publications">Les publications</a> ·{' '}
        <a href="/atlas/donnees.csv">Les données ouvertes (CSV)</a> · <a href="/api/openapi.json">L’API</a>
      </p>
    </Layout>
  );
}

/** The atlas's two maps: the same for everyone until the atlas changes (see atlas.pages.tsx). */
export function AtlasMaps(props: { world: Map<string, number>; france: Map<string, number> }) {
  return (
    <>
      <h2>Les partenariats actifs dans le monde</h2>
      <WorldMap
        counts={props.world}
        href={(code) => `/repertoires/${code}`}
        caption="Partenariats actifs par pays (chaque pays mène à son répertoire)"
        unit={partnershipsUnit}
      />
      <h2>Les collectivités françaises engagées, par région</h2>
      <FranceMap
        counts={props.france}
        href={(code) => searchHref({}, { region: code })}
        caption="Collectivités françaises ayant au moins un partenariat actif, par région"
        unit={engagedUnit}
      />
    </>
  );
}

export function DirectoriesPage(props: {
  ctx: PageContext;
  countries: { code: string; name: string; total: number; active: number }[];
  world: Map<string, number>;
}) {
  return (
    <Layout ctx={props.ctx} title="Répertoires des partenariats par pays">
      <h1>Répertoires des partenariats par pays</h1>
      <p>
        Chaque répertoire présente les partenariats entre collectivités françaises et collectivités d’un pays,
        leurs projets et la décentralisation du pays. Il est tenu à jour en continu ; sa version PDF est
        gratuite pour les collectivités adhérentes à jour de leur cotisation.
      </p>
      <WorldMap
        counts={props.world}
        href={(code) => `/repertoires/${code}`}
        caption="Partenariats actifs par pays (chaque pays mène à son répertoire)"
        unit={partnershipsUnit}
      />
      <h2>Tous les pays</h2>
      <ul class="columns">
        {props.countries.map((c) => (
          <li key={c.code}>
            <a href={`/repertoires/${c.code}`}>{c.name}</a> — {plural(c.total, 'partenariat', 'partenariats')}
            {c.active !== c.total ? ` dont ${c.active} actif${c.active > 1 ? 's' : ''}` : ''}
          </li>
        ))}
      </ul>
    </Layout>
  );
}

function DirectoryEntry({ p, full }: { p: DirectoryPartnership; full: boolean }) {
  return (
    <li class="card">
      <h4>
        {p.frenchOrganisations.map((o) => o.name).join(', ')} ↔ {p.partner.name}
        {p.partner.region ? <span class="muted"> ({p.partner.region})</span> : null}
      </h4>
      <p>
        {p.kind}
        {p.since ? ` depuis ${p.since}` : ''} — {p.status.toLowerCase()}
        {p.themes.length ? ` — ${p.themes.join(', ')}` : ''}
      </p>
      {full ? (
        <>
          {p.agreement ? <p>{p.agreement}</p> : null}
          {p.description ? <p>{p.description}</p> : null}
          {p.projects.length ? (
            <ul>
              {p.projects.map((project) => (
                <li key={`${project.title}-${project.startYear}`}>
                  <strong>{project.title}</strong> ({project.startYear}
                  {project.endYear && project.endYear !== project.startYear ? `–${project.endYear}` : ''})
                  {project.budgetCents !== null && project.currency === 'EUR'
                    ? ` — ${formatCents(project.budgetCents)}`
                    : ''}
                  {project.coFunders.length ? ` — cofinancé par ${project.coFunders.join(', ')}` : ''}
                  {project.description ? <p>{project.description}</p> : null}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
    </li>
  );
}

export function DirectoryPage(props: {
  ctx: PageContext;
  directory: Directory;
  full: boolean;
  regions: Map<string, number>;
  orderText: string;
}) {
  const { directory: d, full } = props;
  const f = d.figures;
  return (
    <Layout ctx={props.ctx} title={`Répertoire ${d.country.name}`}>
      <h1>Répertoire des partenariats de coopération décentralisée — {d.country.name}</h1>
      <p class="muted">Données à jour le {formatDate(d.editedOn)}.</p>
      {full ? (
        <p>
          <a href={`/repertoires/${d.country.code}.pdf`} download>
            Télécharger le répertoire en PDF
          </a>
        </p>
      ) : (
        <p class="notice">{props.orderText}</p>
      )}
      {d.introduction.length ? (
        <section aria-labelledby="introduction">
          <h2 id="introduction">La décentralisation dans le pays</h2>
          {d.introduction.map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </section>
      ) : null}
      <section aria-labelledby="chiffres">
        <h2 id="chiffres">En chiffres</h2>
        <ul>
          <li>
            {plural(f.partnerships, 'partenariat', 'partenariats')}, dont{' '}
            {plural(f.activePartnerships, 'actif', 'actifs')}
          </li>
          <li>
            {plural(
              f.frenchOrganisations,
              'collectivité française engagée',
              'collectivités françaises engagées',
            )}
          </li>
          <li>{plural(f.projects, 'projet', 'projets')}</li>
          {f.themes.length ? (
            <li>Thèmes : {f.themes.map((t) => `${t.label} (${t.count})`).join(', ')}</li>
          ) : null}
          {f.coFunders.length ? (
            <li>Cofinancements : {f.coFunders.map((c) => `${c.name} (${c.count})`).join(', ')}</li>
          ) : null}
        </ul>
        <FranceMap
          counts={props.regions}
          caption={`Collectivités françaises engagées avec ${d.country.name}, par région`}
          unit={engagedUnit}
        />
      </section>
      <section aria-labelledby="partenariats">
        <h2 id="partenariats">Les partenariats, par région française</h2>
        {d.regions.map((r) => (
          <section key={r.name} aria-label={r.name}>
            <h3>{r.name}</h3>
            <ul class="cards">
              {r.partnerships.map((p) => (
                <DirectoryEntry key={p.id} p={p} full={full} />
              ))}
            </ul>
          </section>
        ))}
      </section>
    </Layout>
  );
}

export interface PublicationRow {
  title: string;
  kind: string;
  description: string | null;
  editedOn: string;
  href: string | null;
}

export function PublicationsPage(props: {
  ctx: PageContext;
  directories: { code: string; name: string; total: number }[];
  publications: PublicationRow[];
  orderText: string;
  email: string;
}) {
  return (
    <Layout ctx={props.ctx} title="Publications">
      <h1>Publications</h1>
      <p>
        {props.orderText} Adresse : <a href={`mailto:${props.email}`}>{props.email}</a>.
      </p>
      <h2>Répertoires des partenariats par pays</h2>
      <p>Tenus à jour en continu à partir de l’atlas : l’édition est celle du jour où vous les ouvrez.</p>
      <ul class="columns">
        {props.directories.map((d) => (
          <li key={d.code}>
            <a href={`/repertoires/${d.code}`}>Répertoire {d.name}</a> —{' '}
            {plural(d.total, 'partenariat', 'partenariats')}
          </li>
        ))}
      </ul>
      <h2>Guides et documents du réseau</h2>
      {props.publications.length === 0 ? <p>Aucune publication pour le moment.</p> : null}
      <ul class="cards">
        {props.publications.map((p) => (
          <li key={p.title} class="card">
            <h3>{p.href ? <a href={p.href}>{p.title}</a> : p.title}</h3>
            <p class="muted">
              {p.kind} — édition du {formatDate(p.editedOn)}
            </p>
            {p.description ? <p>{p.description}</p> : null}
          </li>
        ))}
      </ul>
    </Layout>
  );
}
