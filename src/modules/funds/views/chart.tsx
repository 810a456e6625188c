// A fund's money over time, drawn on the server as SVG: what had been received, allocated and disbursed at the
// end of each month (steps: the figures change with movements, not in between). Each line has its own dash
// pattern and its name written at its end, so that nothing depends on colour; the same figures follow in a
// table (RGAA: a complex image has a detailed alternative next to it).
import { scaleLinear, scaleUtc } from 'd3-scale';
import { curveStepAfter, line } from 'd3-shape';
import { formatCents } from '../../../platform/money.ts';
import type { MonthTotals } from '../queries.ts';

const width = 720;
const height = 320;
const margin = { top: 16, right: 96, bottom: 36, left: 88 };

interface Series {
  key: 'receivedCents' | 'allocatedCents' | 'disbursedCents';
  label: string;
  colour: string;
  dash: string | undefined;
  strokeWidth: number;
}

const series: Series[] = [
  { key: 'receivedCents', label: 'Reçu', colour: '#1a3d8f', dash: undefined, strokeWidth: 2.5 },
  { key: 'allocatedCents', label: 'Affecté', colour: '#a34700', dash: '9 5', strokeWidth: 2.5 },
  { key: 'disbursedCents', label: 'Versé', colour: '#1b6b3a', dash: '2 4', strokeWidth: 3 },
];

// Months are calendar months: read and drawn in UTC, so that the server's time zone moves no month.
const monthName = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const shortMonth = new Intl.DateTimeFormat('fr-FR', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const euroTick = new Intl.NumberFormat('fr-FR', {
  style: 'currency',
  currency: 'EUR',
  notation: 'compact',
  maximumFractionDigits: 1,
});

const dayOf = (month: string) => new Date(`${month}T00:00:00Z`);
const nextMonth = (date: Date) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1));

/** « novembre 2025 ». */
export const monthLabel = (month: string) => monthName.format(dayOf(month));

/** The direct labels at the lines' ends, moved apart when the figures are close (a closed fund's are equal). */
function labelPositions(ys: number[], gap = 15): number[] {
  const order = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y);
  for (let k = 1; k < order.length; k++) order[k]!.y = Math.max(order[k]!.y, order[k - 1]!.y + gap);
  const placed: number[] = [];
  for (const { y, i } of order) placed[i] = y;
  return placed;
}

export function FundChart({ months, caption }: { months: MonthTotals[]; caption: string }) {
  if (months.length === 0) return null;
  const first = dayOf(months[0]!.month);
  const end = nextMonth(dayOf(months.at(-1)!.month));
  const x = scaleUtc()
    .domain([first, end])
    .range([margin.left, width - margin.right]);
  const top = Math.max(1, ...months.flatMap((m) => series.map((s) => m[s.key])));
  const y = scaleLinear()
    .domain([0, top / 100])
    .nice()
    .range([height - margin.bottom, margin.top]);
  // Each month's figure holds from its first day; the last one until the end of the month.
  const points = (key: Series['key']): [Date, number][] => [
    ...months.map((m) => [dayOf(m.month), m[key] / 100] as [Date, number]),
    [end, months.at(-1)![key] / 100],
  ];
  const path = line<[Date, number]>()
    .x(([d]) => x(d))
    .y(([, v]) => y(v))
    .curve(curveStepAfter);
  const last = months.at(-1)!;
  const ends = labelPositions(series.map((s) => y(last[s.key] / 100)));
  const xTicks = x.ticks(Math.min(6, months.length));
  return (
    <figure class="fund-chart">
      <figcaption id="graphique-titre">{caption}</figcaption>
      <svg
        role="img"
        aria-labelledby="graphique-svg-titre graphique-description"
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        xmlns="http://www.w3.org/2000/svg"
      >
        <title id="graphique-svg-titre">{caption}</title>
        <desc id="graphique-description">
          {`Fin ${monthLabel(last.month)} : ${series.map((s) => `${s.label.toLowerCase()} ${formatCents(last[s.key])}`).join(', ')}. Le détail mois par mois suit en tableau.`}
        </desc>
        <g font-size="12" fill="#1e1e1e">
          {y.ticks(5).map((v) => (
            <g key={`y${v}`}>
              <line x1={margin.left} x2={width - margin.right} y1={y(v)} y2={y(v)} stroke="#d0d0d0" />
              <text x={margin.left - 8} y={y(v)} text-anchor="end" dominant-baseline="middle">
                {euroTick.format(v)}
              </text>
            </g>
          ))}
          {xTicks.map((d) => (
            <text key={`x${d.toISOString()}`} x={x(d)} y={height - margin.bottom + 20} text-anchor="middle">
              {shortMonth.format(d)}
            </text>
          ))}
        </g>
        <line
          x1={margin.left}
          x2={width - margin.right}
          y1={height - margin.bottom}
          y2={height - margin.bottom}
          stroke="#6b6b6b"
        />
        {series.map((s, i) => (
          <g key={s.key}>
            <path
              d={path(points(s.key)) ?? ''}
              fill="none"
              stroke={s.colour}
              stroke-width={s.strokeWidth}
              stroke-dasharray={s.dash}
            />
            <text
              x={width - margin.right + 6}
              y={ends[i]}
              dominant-baseline="middle"
              font-size="13"
              font-weight="bold"
              fill={s.colour}
            >
              {s.label}
            </text>
          </g>
        ))}
      </svg>
      <ul class="fund-chart-legend">
        {series.map((s) => (
          <li key={s.key}>
            <svg width="36" height="12" viewBox="0 0 36 12" aria-hidden="true">
              <line
                x1="0"
                x2="36"
                y1="6"
                y2="6"
                stroke={s.colour}
                stroke-width={s.strokeWidth}
                stroke-dasharray={s.dash}
              />
            </svg>{' '}
            {s.label} {s.dash ? (s.dash === '2 4' ? '(pointillés)' : '(tirets)') : '(trait plein)'}
          </li>
        ))}
      </ul>
      <details>
        <summary>Les montants mois par mois, en tableau</summary>
        <div class="table-scroll">
          <table class="fund-months">
            <caption>{caption} : montants cumulés à la fin de chaque mois</caption>
            <thead>
              <tr>
                <th scope="col">Mois</th>
                {series.map((s) => (
                  <th key={s.key} scope="col">
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {months.map((m) => (
                <tr key={m.month}>
                  <th scope="row">{monthLabel(m.month)}</th>
                  {series.map((s) => (
                    <td key={s.key}>{formatCents(m[s.key])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
