// The world map of the atlas: each country coloured by its count (of active partnerships), drawn on the server
// as inline SVG from Natural Earth's boundaries (world-atlas), with its legend and the same counts in a table.
import { type GeoPermissibleObjects, geoCentroid, geoEqualEarth, geoPath } from 'd3-geo';
import isoCountries from 'i18n-iso-countries';
import {
  borderStroke,
  byCountThenName,
  CountsTable,
  colourClasses,
  counted,
  fillOf,
  Legend,
  type Row,
  type Unit,
} from './map-parts.tsx';
import { type Country, naturalEarthCountries } from './natural-earth.ts';

const countryNames = new Intl.DisplayNames(['fr'], { type: 'region', fallback: 'none' });
const countryName = (code: string) => countryNames.of(code) ?? code;

/** Natural Earth gives Kosovo no ISO number: its user-assigned alpha-2 code is the one CLDR names. */
const codesByName: Record<string, string> = { Kosovo: 'XK' };

export interface CountryShape {
  /** ISO 3166-1 alpha-2, or null for a territory without one (Somaliland, Northern Cyprus). */
  code: string | null;
  /** Its French name (« Sénégal »), or null without a code. */
  name: string | null;
  /** The SVG path, in the map's coordinates rounded to a tenth; null for a country drawn as a dot only. */
  d: string | null;
  /** Where to draw a dot for a country too small to be seen or pointed at (Palestine, Comores); else null. */
  dot: [number, number] | null;
}

export interface WorldShapes {
  width: number;
  height: number;
  shapes: CountryShape[];
  codes: ReadonlySet<string>;
}

const width = 960;
/** Under this area (in the map's square units), a country is hard to see and to point at: it gets a dot. */
const tinyArea = 8;

const codeOf = (country: Country) =>
  (country.id !== undefined ? isoCountries.numericToAlpha2(String(country.id)) : undefined) ??
  codesByName[country.properties.name] ??
  null;

const rounded = ([x, y]: [number, number]): [number, number] => [
  Math.round(x * 10) / 10,
  Math.round(y * 10) / 10,
];

let cached: WorldShapes | undefined;

/**
 * The countries projected once per process (Equal Earth, without Antarctica where no partnership is). Shapes at
 * Natural Earth's 1:110m scale keep the page light (about 120 kB of HTML, 40 kB compressed; 1 MB at 1:50m);
 * the 64 countries missing at that scale, often partners (Cap-Vert, Comores, Maurice), are placed as dots from
 * the 1:50m file.
 */
export function worldShapes(): WorldShapes {
  if (cached) return cached;
  const countries = naturalEarthCountries('110m').filter((c) => c.id !== '010');
  const collection: GeoPermissibleObjects = { type: 'FeatureCollection', features: countries };
  const projection = geoEqualEarth().fitWidth(width, collection);
  const path = geoPath(projection).digits(1);
  // fitWidth puts the top edge at 0: the bottom edge is the height.
  const [, [, bottom]] = path.bounds(collection);
  const shapes: CountryShape[] = [];
  for (const country of countries) {
    const code = codeOf(country);
    const d = path(country);
    if (!d) continue;
    const dot = path.area(country) < tinyArea ? rounded(path.centroid(country)) : null;
    shapes.push({ code, name: code ? countryName(code) : null, d, dot });
  }
  const drawn = new Set(shapes.flatMap((s) => (s.code ? [s.code] : [])));
  for (const country of naturalEarthCountries('50m')) {
    const code = codeOf(country);
    if (!code || drawn.has(code) || country.id === '010') continue;
    // The centroid on the sphere, projected: a planar centroid of a country across the antimeridian (Kiribati)
    // would fall in the middle of the map.
    const point = projection(geoCentroid(country));
    if (!point) continue;
    shapes.push({ code, name: countryName(code), d: null, dot: rounded(point) });
  }
  cached = {
    width,
    height: Math.ceil(bottom),
    shapes,
    codes: new Set(shapes.flatMap((s) => (s.code ? [s.code] : []))),
  };
  return cached;
}

const captionId = 'carte-monde-titre';

export function WorldMap(props: {
  counts: ReadonlyMap<string, number>;
  href: (code: string) => string;
  caption: string;
  unit: Unit;
}) {
  const world = worldShapes();
  const rows: Row[] = [...props.counts]
    .filter(([, count]) => count > 0)
    .map(([code, count]) => ({ key: code, name: countryName(code), count, href: props.href(code) }))
    .sort(byCountThenName);
  const classes = colourClasses(rows.map((r) => r.count));
  const countOf = (code: string | null) => (code ? props.counts.get(code) : undefined) || 0;
  // The countries with a count are drawn last, so that the outline of a focused link is not hidden by a neighbour.
  const grey = world.shapes.filter((s) => s.d !== null && countOf(s.code) === 0);
  const linked = world.shapes.filter((s) => countOf(s.code) > 0);
  const unmapped = rows.filter((r) => !world.codes.has(r.key));
  return (
    <figure class="map map-world">
      <figcaption id={captionId}>{props.caption}</figcaption>
      <svg
        class="map-svg"
        viewBox={`0 0 ${world.width} ${world.height}`}
        aria-labelledby={captionId}
        xmlns="http://www.w3.org/2000/svg"
      >
        <title>{props.caption}</title>
        <g fill={fillOf(0, classes)} stroke={borderStroke} stroke-width="0.4">
          {grey.map((s, i) => (
            <path key={s.code ?? i} d={s.d!}>
              {s.name ? <title>{s.name}</title> : null}
            </path>
          ))}
        </g>
        <g stroke={borderStroke} stroke-width="0.4">
          {linked.map((s) => {
            const code = s.code!;
            const count = countOf(code);
            const fill = fillOf(count, classes);
            return (
              <a key={code} href={props.href(code)} class="map-area">
                <title>{`${s.name} : ${counted(count, props.unit)}`}</title>
                {s.d ? <path d={s.d} fill={fill} /> : null}
                {s.dot ? <circle cx={s.dot[0]} cy={s.dot[1]} r="3" fill={fill} stroke="#1a1a1a" /> : null}
              </a>
            );
          })}
        </g>
      </svg>
      <Legend classes={classes} unit={props.unit} none={counted(0, props.unit)} title="Légende" />
      {unmapped.length > 0 ? (
        <p class="map-note">
          Trop petits pour être dessinés à cette échelle, mais comptés dans le tableau :{' '}
          {unmapped.map((r) => `${r.name} (${r.count.toLocaleString('fr-FR')})`).join(', ')}.
        </p>
      ) : null}
      <details class="map-details">
        <summary>Le détail par pays, en tableau</summary>
        <CountsTable rows={rows} caption={props.caption} area="Pays" unit={props.unit} />
      </details>
    </figure>
  );
}
