import { Bar, BarChart, CartesianGrid, Cell, XAxis, YAxis } from 'recharts'
import type { SessionSummary } from '@shared/qa/schemas'

/** The distribution's bands as the axis and screen readers read them. */
export const BANDS = ['0–9', '10–19', '20–29', '30–39', '40–49', '50–59', '60–69', '70–79', '80–89', '90–100']

const WIDTH = 340
const HEIGHT = 170

/**
 * A bar chart (recharts) with its data said in words: the SVG is hidden from screen readers and
 * the figure carries a label listing every bar, so the chart is readable without sight. Colours
 * come from the theme's CSS variables (qa.css), so it reads in light and dark themes alike.
 */
/** A name as a bar's label shows it: whole up to NAME_CHARS characters, else cut with "…" (the figure's label and the tables have it whole). */
const NAME_CHARS = 17
export function shortName(name: string): string {
  return name.length <= NAME_CHARS ? name : `${name.slice(0, NAME_CHARS - 1).trimEnd()}…`
}
/** A named bar's height in a chart of names, and the room its names take at the left. */
const NAMED_BAR = 22
const NAME_AXIS = 132

function Chart({
  title,
  data,
  unit,
  max,
  named = false
}: {
  title: string
  data: { name: string; value: number | null }[]
  unit: string
  max?: number
  /** Bars named by people or sections: drawn across, one per line, so long names never run into each other. */
  named?: boolean
}): React.JSX.Element {
  const spoken = data.map((d) => `${d.name}: ${d.value === null ? 'none' : `${Math.round(d.value * 10) / 10}${unit}`}`).join('; ')
  const domain: [number, number | 'auto'] = max === undefined ? [0, 'auto'] : [0, max]
  return (
    <figure className="qa-chart" role="img" aria-label={`${title}. ${spoken}`}>
      <figcaption className="qa-chart__title">{title}</figcaption>
      <div aria-hidden="true">
        <BarChart
          width={WIDTH}
          height={named ? Math.max(HEIGHT / 2, data.length * NAMED_BAR + 30) : HEIGHT}
          data={data.map((d) => ({ ...d, value: d.value ?? 0 }))}
          layout={named ? 'vertical' : 'horizontal'}
          margin={{ top: 8, right: 12, bottom: 4, left: 0 }}
          accessibilityLayer={false}
        >
          <CartesianGrid vertical={named} horizontal={!named} className="qa-chart__grid" />
          {/* Arrays, not fragments: recharts finds its axes among the chart's direct children. */}
          {named
            ? [
                <XAxis key="x" type="number" tick={{ fontSize: 10 }} allowDecimals={false} domain={domain} className="qa-chart__axis" />,
                <YAxis
                  key="y"
                  type="category"
                  dataKey="name"
                  width={NAME_AXIS}
                  interval={0}
                  tick={{ fontSize: 10 }}
                  tickFormatter={shortName}
                  className="qa-chart__axis"
                />
              ]
            : [
                <XAxis
                  key="x"
                  dataKey="name"
                  interval={0}
                  tick={{ fontSize: 10 }}
                  tickFormatter={(name: string) => name.split('–')[0] ?? name}
                  className="qa-chart__axis"
                />,
                <YAxis key="y" width={32} tick={{ fontSize: 10 }} allowDecimals={false} domain={domain} className="qa-chart__axis" />
              ]}
          <Bar dataKey="value" isAnimationActive={false} className="qa-chart__bar">
            {data.map((d) => (
              <Cell key={d.name} className={d.name === 'Auto-fail' ? 'qa-chart__bar--fail' : undefined} />
            ))}
          </Bar>
        </BarChart>
      </div>
    </figure>
  )
}

/** The summary's charts: the score distribution, section averages, and the average per agent. */
export function ScoreCharts({ summary }: { summary: SessionSummary }): React.JSX.Element | null {
  if (summary.reviewed === 0) return null
  const sections = summary.sections.length > 1 ? summary.sections : []
  return (
    <div className="qa-charts" aria-label="Charts">
      <Chart
        title="Score distribution (calls per score band, %)"
        unit=" calls"
        data={summary.distribution.map((value, i) => ({ name: BANDS[i] ?? '', value }))}
      />
      {sections.length > 0 && (
        <Chart title="Section averages (%)" unit=" %" max={100} named data={sections.map((s) => ({ name: s.label, value: s.averageScore }))} />
      )}
      <Chart
        title="Agent averages (%)"
        unit=" %"
        max={100}
        named
        data={summary.byAgent.slice(0, 12).map((a) => ({ name: a.name, value: a.averageScore }))}
      />
    </div>
  )
}
