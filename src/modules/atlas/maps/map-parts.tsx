// What the world map and the France map share: the colour classes of a count, the legend, and the table that
// says in words what the colours say (RGAA: a complex image has a detailed alternative next to it).

/** A sequential blue palette, light to dark; the two darkest reach 4.5:1 against white. */
const palette = ['#9ecae1', '#6baed6', '#3182bd', '#08519c', '#08306b'] as const;
/** An area with nothing to count: grey, so that no blue is confused with it. */
export const noneFill = '#e3e3e3';
export const borderStroke = '#ffffff';

export interface Unit {
  one: string;
  many: string;
}

export const counted = (count: number, unit: Unit) =>
  `${count.toLocaleString('fr-FR')} ${count > 1 ? unit.many : unit.one}`;

export interface ColourClass {
  /** Smallest and largest count of the class, both included. */
  from: number;
  to: number;
  fill: string;
}

/**
 * At most five classes of the positive counts: one per value when there are five values or fewer, else cut at
 * the quintiles of the areas' counts, so that each colour covers about as many areas.
 */
export function colourClasses(counts: Iterable<number>): ColourClass[] {
  const sorted = [...counts].filter((c) => c > 0).sort((a, b) => a - b);
  const distinct = [...new Set(sorted)];
  let uppers: number[];
  if (distinct.length <= palette.length) uppers = distinct;
  else {
    const cuts = [1, 2, 3, 4].map((k) => sorted[Math.ceil((k * sorted.length) / palette.length) - 1]!);
    uppers = [...new Set([...cuts, sorted.at(-1)!])];
  }
  const last = uppers.length - 1;
  return uppers.map((to, i) => ({
    from: i === 0 ? sorted[0]! : uppers[i - 1]! + 1,
    to,
    // Fewer classes than colours: spread them from the lightest to the darkest, so that contrasts stay wide.
    fill: palette[last === 0 ? palette.length - 1 : Math.round((i * (palette.length - 1)) / last)]!,
  }));
}

export const fillOf = (count: number | undefined, classes: readonly ColourClass[]) =>
  (count && classes.find((c) => count <= c.to)?.fill) || noneFill;

function classLabel(c: ColourClass, unit: Unit) {
  return c.from === c.to ? counted(c.from, unit) : `de ${c.from} à ${c.to} ${unit.many}`;
}

/** The legend, in HTML beside the drawing so that it reflows on a phone and reads as a list. */
export function Legend(props: { classes: readonly ColourClass[]; unit: Unit; none: string; title: string }) {
  const swatch = (fill: string) => (
    <svg class="map-swatch" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
      <rect width="16" height="16" fill={fill} stroke="#6b6b6b" />
    </svg>
  );
  return (
    <div class="map-legend">
      <p class="map-legend-title">{props.title}</p>
      <ul>
        {props.classes.map((c) => (
          <li key={c.fill}>
            {swatch(c.fill)} {classLabel(c, props.unit)}
          </li>
        ))}
        <li>
          {swatch(noneFill)} {props.none}
        </li>
      </ul>
    </div>
  );
}

export interface Row {
  key: string;
  name: string;
  count: number;
  href?: string | undefined;
}

/** Most first, then by name in French order. */
export const byCountThenName = (a: Row, b: Row) => b.count - a.count || a.name.localeCompare(b.name, 'fr');

/** The same counts as the drawing, in a table: what a screen reader, or anyone who does not see colours, reads. */
export function CountsTable(props: { rows: readonly Row[]; caption: string; area: string; unit: Unit }) {
  return (
    <table class="map-table">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{props.area}</th>
          <th scope="col">Nombre de {props.unit.many}</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.href ? <a href={r.href}>{r.name}</a> : r.name}</th>
            <td>{r.count.toLocaleString('fr-FR')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
