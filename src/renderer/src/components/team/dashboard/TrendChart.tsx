import { CartesianGrid, Line, LineChart, ResponsiveContainer, XAxis, YAxis } from 'recharts'
import { chartRows, describeTrend, type ChartSeries } from '@renderer/lib/team-dashboard'

/** The width drawn before the figure's own is known; then the chart fills the figure's width. */
const INITIAL_WIDTH = 440
const HEIGHT = 200

/** Eight line colours told apart in light and dark themes and by most colour-blind readers (Okabe–Ito). */
export const SERIES_COLOURS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#7f7f7f', '#b8a300']

/**
 * Lines over the dashboard's time axis (recharts, as the session summary's charts), with its data
 * said in words: the SVG is hidden from screen readers and the figure's label gives each line's
 * first and last value; the table beside each chart holds every figure. A legend in text names
 * the lines by colour and marker, so colour is never the only cue.
 */
export function TrendChart({
  title,
  labels,
  series,
  unit,
  max
}: {
  title: string
  labels: readonly string[]
  series: readonly ChartSeries[]
  unit: string
  max?: number
}): React.JSX.Element {
  const rows = chartRows(labels, series)
  return (
    <figure className="qa-chart team-dash__chart" role="img" aria-label={`${title}. ${describeTrend(labels, series, unit)}`}>
      <figcaption className="qa-chart__title">{title}</figcaption>
      <div aria-hidden="true">
        <ResponsiveContainer width="100%" height={HEIGHT} initialDimension={{ width: INITIAL_WIDTH, height: HEIGHT }}>
          <LineChart data={rows} margin={{ top: 8, right: 12, bottom: 4, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid vertical={false} className="qa-chart__grid" />
            <XAxis dataKey="label" tick={{ fontSize: 10 }} minTickGap={16} className="qa-chart__axis" />
            <YAxis width={36} tick={{ fontSize: 10 }} domain={max === undefined ? [0, 'auto'] : [0, max]} className="qa-chart__axis" />
            {series.map((s, n) => (
              <Line
                key={s.name}
                type="linear"
                dataKey={(row: { values: (number | null)[] }) => row.values[n]}
                name={s.name}
                stroke={SERIES_COLOURS[n % SERIES_COLOURS.length]}
                strokeWidth={2}
                dot={{ r: 2.5 }}
                connectNulls
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
        {series.length > 1 && (
          <ul className="team-dash__legend">
            {series.map((s, n) => (
              <li key={s.name}>
                <span className="team-dash__swatch" style={{ background: SERIES_COLOURS[n % SERIES_COLOURS.length] }} />
                {s.name}
              </li>
            ))}
          </ul>
        )}
      </div>
    </figure>
  )
}
