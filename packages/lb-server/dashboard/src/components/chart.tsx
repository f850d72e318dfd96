/**
 * A small live chart in inline SVG: requests per second of each server over the last minute,
 * stacked (each server's band on top of the previous ones, so equal servers do not hide each
 * other and the top edge is the service's total), scaled to the busiest second.
 */

/** Band colours, cycled by server index (also used by the legend and the share bars). */
export const SERIES_COLORS = ['#2563eb', '#16a34a', '#d97706', '#db2777', '#7c3aed', '#0891b2', '#dc2626', '#65a30d'];

/** One band of the chart. */
export interface Series {
  readonly label: string;
  readonly values: readonly number[];
}

const W = 600;
const H = 100;

const x = (i: number, n: number): number => (n <= 1 ? 0 : (i * W) / (n - 1));
const y = (v: number, max: number): number => H - (v / max) * (H - 6);

/** The closed outline of a band between the `lower` and `upper` cumulative values. */
function band(lower: readonly number[], upper: readonly number[], max: number): string {
  const n = upper.length;
  const top = upper.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(i, n).toFixed(1)},${y(v, max).toFixed(1)}`).join(' ');
  const bottom = lower
    .map((v, i) => `L${x(i, n).toFixed(1)},${y(v, max).toFixed(1)}`)
    .reverse()
    .join(' ');
  return `${top} ${bottom} Z`;
}

/** The chart; `title` is read by screen readers. */
export function RequestsChart({ series, title }: { series: readonly Series[]; title: string }) {
  const n = Math.max(0, ...series.map((s) => s.values.length));
  const stacks: number[][] = [];
  let lower = new Array<number>(n).fill(0);
  for (const s of series) {
    const upper = lower.map((v, i) => v + (s.values[i] ?? 0));
    stacks.push(lower, upper);
    lower = upper;
  }
  const max = Math.max(1, ...lower);
  const now = lower.at(-2) ?? 0;
  const idle = lower.every((v) => v === 0);
  return (
    <figure class="chart">
      {idle ? (
        <div class="chart-idle" role="img" aria-label={title}>
          No request in the last minute
        </div>
      ) : (
        <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-label={title}>
          {[0.25, 0.5, 0.75].map((f) => (
            <line key={f} x1={0} x2={W} y1={H * f} y2={H * f} class="gridline" />
          ))}
          {series.map((s, i) => {
            const color = SERIES_COLORS[i % SERIES_COLORS.length];
            return (
              <path
                key={s.label}
                class="band"
                d={band(stacks[i * 2]!, stacks[i * 2 + 1]!, max)}
                fill={color}
                fill-opacity={0.28}
                stroke={color}
                stroke-width={1.5}
                vector-effect="non-scaling-stroke"
                stroke-linejoin="round"
              />
            );
          })}
        </svg>
      )}
      <figcaption>
        <span class="muted">
          req/s over 60 s · now {now} · peak {idle ? 0 : max}
        </span>
        {series.map((s, i) => (
          <span key={s.label} class="legend">
            <i style={{ background: SERIES_COLORS[i % SERIES_COLORS.length] }} />
            {s.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
