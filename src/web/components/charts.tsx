// Charts drawn as SVG by the page itself: nothing to fetch, and sizes are SVG attributes, which the
// Content-Security-Policy allows (it refuses inline styles). Counts hidden by suppression draw no bar.
import { Link } from 'wouter';
import type { Count } from '../api/types.ts';
import { useI18n } from '../i18n/index.tsx';

const numeric = (value: Count): number => (typeof value === 'number' ? value : 0);

export interface Bar {
  key: string;
  label: string;
  value: Count;
  /** Draws the bar against this instead of the largest value, e.g. a capacity. */
  of?: number;
  /** Where the label leads. */
  href?: string;
}

/** Labelled horizontal bars, each with its figure; `figure` names them for tests (`data-figure`). */
export function BarList({ bars, figure }: { bars: Bar[]; figure: string }) {
  const { count, t } = useI18n();
  const largest = Math.max(1, ...bars.map((b) => numeric(b.value)));
  return (
    <ul className="bars">
      {bars.map((bar) => {
        const whole = bar.of ?? largest;
        // Over capacity shows as such (144%), with the bar full and marked.
        const ratio = whole > 0 ? numeric(bar.value) / whole : 0;
        const share = Math.min(1, ratio);
        return (
          <li key={bar.key}>
            <span className="bar-label">
              {bar.href ? <Link href={bar.href}>{bar.label}</Link> : bar.label}
            </span>
            <span className="bar-value" data-figure={`${figure}.${bar.key}`} data-value={String(bar.value)}>
              {count(bar.value)}
              {bar.of !== undefined && (
                <span className="muted">
                  {' '}
                  / {count(bar.of)} ({t('dashboard.percent', { n: Math.round(ratio * 100) })})
                </span>
              )}
            </span>
            <svg className="bar" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true">
              <rect className="bar-track" width="100" height="6" rx="1" />
              <rect
                className={bar.of !== undefined && share >= 1 ? 'bar-fill over' : 'bar-fill'}
                width={share * 100}
                height="6"
                rx="1"
              />
            </svg>
          </li>
        );
      })}
    </ul>
  );
}

export interface Series {
  key: string;
  label: string;
  /** One value per point of the x axis. */
  values: Count[];
}

/** The plot's own units; it is stretched to the width and height the stylesheet gives it. */
const WIDTH = 1000;
const HEIGHT = 100;

/**
 * Lines over time, one per series, labelled with the first, middle and last point of the x axis and
 * the largest value. Labels are HTML beside the SVG, so they keep their size however the plot is
 * stretched. Time runs left to right in every language, as on paper charts.
 */
export function LineChart({ labels, series, title }: { labels: string[]; series: Series[]; title: string }) {
  const { count } = useI18n();
  const top = Math.max(1, ...series.flatMap((s) => s.values.map(numeric)));
  const x = (i: number) => (labels.length > 1 ? (i / (labels.length - 1)) * WIDTH : 0);
  const y = (v: number) => HEIGHT - (v / top) * HEIGHT;
  const middle = Math.floor((labels.length - 1) / 2);
  return (
    <figure className="chart" dir="ltr">
      <div className="chart-plot">
        <span className="chart-top">{count(top)}</span>
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-label={title}>
          {series.map((s, n) => (
            <polyline
              key={s.key}
              className={`line series-${n}`}
              points={s.values.map((v, i) => `${x(i)},${y(numeric(v))}`).join(' ')}
            />
          ))}
        </svg>
      </div>
      <div className="chart-x">
        <span>{labels[0]}</span>
        {labels.length > 2 && <span>{labels[middle]}</span>}
        {labels.length > 1 && <span>{labels.at(-1)}</span>}
      </div>
      <figcaption className="legend">
        {series.map((s, n) => (
          <span key={s.key} className={`key series-${n}`}>
            {s.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
