import type { TimeSeries } from '@scaleboard/schema'
import { useMemo } from 'react'
import { Area, AreaChart, CartesianGrid, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts'
import { formatSeriesValue, isFractionMetric, seriesPoints } from './format.ts'

interface Props {
  series: TimeSeries
  /** the component the series is about, by name */
  componentName?: string
  /** clock time the tier figures were taken at, marked on the chart */
  peakAt?: string
}

const AXIS_TICK = { fontSize: 10, fill: '#5b6475' }

/** A small chart of one metric over time, e.g. rps over a weekday. Static: no animation. */
export function SeriesChart({ series, componentName, peakAt }: Props) {
  const points = useMemo(() => seriesPoints(series), [series])
  const values = series.values
  const max = Math.max(...values)
  const min = Math.min(...values)
  const maxAt = points[values.indexOf(max)]?.time
  const format = (value: number) => formatSeriesValue(series.metric, value)
  const axisFormat = (value: number) =>
    isFractionMetric(series.metric) ? `${Math.round(value * 100)}%` : compact(value)
  const summary = `${series.title}${componentName ? `, ${componentName}` : ''}: from ${format(min)} to ${format(max)}, highest at ${maxAt}.`

  return (
    <figure className="brief-chart" data-testid={`series-${series.id}`}>
      <figcaption className="brief-chart__caption">
        <span className="brief-chart__title">
          {series.title}
          {componentName && <span className="brief-chart__component">{componentName}</span>}
        </span>
        <span className="brief-chart__peak">max {format(max)}</span>
      </figcaption>
      <p className="sb-visually-hidden">{summary}</p>
      <div aria-hidden>
        <AreaChart
          data={points}
          responsive
          style={{ width: '100%', height: 92 }}
          margin={{ top: 4, right: 6, bottom: 0, left: 0 }}
          accessibilityLayer={false}
        >
          <CartesianGrid vertical={false} stroke="#eceff4" />
          <XAxis
            dataKey="time"
            tick={AXIS_TICK}
            tickLine={false}
            axisLine={{ stroke: '#dfe3ea' }}
            interval="preserveStartEnd"
            minTickGap={28}
          />
          <YAxis
            width={36}
            tick={AXIS_TICK}
            tickLine={false}
            axisLine={false}
            tickFormatter={axisFormat}
            domain={isFractionMetric(series.metric) ? [0, 1] : [0, 'auto']}
            tickCount={3}
          />
          <Tooltip
            formatter={(value) => [format(Number(value)), series.title]}
            contentStyle={{ fontSize: 12, padding: '4px 8px', borderRadius: 6 }}
            labelStyle={{ fontWeight: 600 }}
            isAnimationActive={false}
          />
          {peakAt && points.some((p) => p.time === peakAt) && (
            <ReferenceLine x={peakAt} stroke="#b42318" strokeDasharray="3 3" />
          )}
          <Area
            type="monotone"
            dataKey="value"
            stroke="#1f3a8a"
            strokeWidth={1.5}
            fill="#1f3a8a"
            fillOpacity={0.12}
            isAnimationActive={false}
          />
        </AreaChart>
      </div>
    </figure>
  )
}

/** Axis labels stay short: 1,200 → "1.2k". */
function compact(value: number): string {
  if (value >= 1e6) return `${Number((value / 1e6).toFixed(1))}M`
  if (value >= 1e3) return `${Number((value / 1e3).toFixed(1))}k`
  return String(Number(value.toFixed(1)))
}
