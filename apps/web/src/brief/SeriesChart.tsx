import type { TimeSeries } from '@scaleboard/schema'
import { Maximize2, X } from 'lucide-react'
import { type ReactNode, useEffect, useId, useMemo, useRef, useState } from 'react'
import { Area, AreaChart, CartesianGrid, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts'
import {
  formatAxisValue,
  formatSeriesValue,
  isFractionMetric,
  type SeriesPoint,
  seriesAxisLabel,
  seriesPoints,
} from './format.ts'

interface Props {
  series: TimeSeries
  /** the component the series is about, by name */
  componentName?: string
  /** clock time the tier figures were taken at, marked on the chart */
  peakAt?: string
}

/**
 * A chart of one metric over time, e.g. rps over a weekday: as wide as the panel, with an Expand
 * control that opens it large in a dialog. Static: no animation. A sentence says what it shows to
 * screen readers; the drawing itself is hidden from them.
 */
export function SeriesChart({ series, componentName, peakAt }: Props) {
  const points = useMemo(() => seriesPoints(series), [series])
  const [expanded, setExpanded] = useState(false)
  const expand = useRef<HTMLButtonElement>(null)
  const values = series.values
  const max = Math.max(...values)
  const min = Math.min(...values)
  const maxAt = points[values.indexOf(max)]?.time
  const format = (value: number) => formatSeriesValue(series.metric, value)
  const summary = `${series.title}${componentName ? `, ${componentName}` : ''}: from ${format(min)} to ${format(max)}, highest at ${maxAt}.`
  const plot = { series, points, peakAt }

  return (
    <figure className="brief-chart" data-testid={`series-${series.id}`}>
      <figcaption className="brief-chart__caption">
        <span className="brief-chart__title">
          {series.title}
          {componentName && <span className="brief-chart__component">{componentName}</span>}
        </span>
        <span className="brief-chart__peak">max {format(max)}</span>
        <button
          ref={expand}
          type="button"
          className="brief-chart__expand"
          onClick={() => setExpanded(true)}
          title="Expand the chart"
          aria-haspopup="dialog"
        >
          <Maximize2 size={13} aria-hidden />
          <span className="sb-visually-hidden">Expand the chart: {series.title}</span>
        </button>
      </figcaption>
      <p className="sb-visually-hidden">{summary}</p>
      <div aria-hidden>
        <SeriesPlot {...plot} size="small" />
      </div>
      {expanded && (
        <ChartDialog
          title={series.title}
          componentName={componentName}
          summary={summary}
          onClose={() => {
            setExpanded(false)
            expand.current?.focus()
          }}
        >
          <SeriesPlot {...plot} size="large" />
        </ChartDialog>
      )}
    </figure>
  )
}

/** A modal <dialog>: Escape, the close button or a click beside it closes it; focus goes back. */
function ChartDialog({
  title,
  componentName,
  summary,
  onClose,
  children,
}: {
  title: string
  componentName?: string
  summary: string
  onClose: () => void
  children: ReactNode
}) {
  const dialog = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const closeRef = useRef(onClose)
  closeRef.current = onClose
  useEffect(() => {
    const element = dialog.current
    if (!element) return
    element.showModal()
    // The dialog's own close (Escape included) tells React; a dialog unmounted while open closes too.
    const closed = () => closeRef.current()
    element.addEventListener('close', closed)
    return () => {
      element.removeEventListener('close', closed)
      if (element.open) element.close()
    }
  }, [])
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: a click on the backdrop closes it; Escape does the same from the keyboard
    <dialog
      ref={dialog}
      className="brief-chart-dialog"
      aria-labelledby={titleId}
      data-testid="chart-dialog"
      onClick={(e) => {
        // A click on the backdrop lands on the dialog itself, outside its content box.
        if (e.target === e.currentTarget) e.currentTarget.close()
      }}
    >
      <div className="brief-chart-dialog__body">
        <header className="brief-chart-dialog__header">
          <h2 id={titleId}>
            {title}
            {componentName && <span className="brief-chart__component">{componentName}</span>}
          </h2>
          <button
            type="button"
            className="board-side__toggle"
            onClick={() => dialog.current?.close()}
            aria-label="Close the chart"
            title="Close (Esc)"
          >
            <X size={16} aria-hidden />
          </button>
        </header>
        <p className="brief-chart-dialog__summary">{summary}</p>
        <div aria-hidden className="brief-chart-dialog__plot">
          {children}
        </div>
      </div>
    </dialog>
  )
}

const SIZES = {
  small: {
    height: 120,
    font: 10.5,
    yWidth: 40,
    xGap: 24,
    yTicks: 4,
    fractionTicks: [0, 0.5, 1],
    margin: { top: 6, right: 10, bottom: 0, left: 0 },
  },
  large: {
    height: 380,
    font: 12,
    yWidth: 64,
    xGap: 10,
    yTicks: 6,
    fractionTicks: [0, 0.25, 0.5, 0.75, 1],
    margin: { top: 10, right: 24, bottom: 22, left: 12 },
  },
} as const

function SeriesPlot({
  series,
  points,
  peakAt,
  size,
}: {
  series: TimeSeries
  points: SeriesPoint[]
  peakAt?: string
  size: keyof typeof SIZES
}) {
  const s = SIZES[size]
  const large = size === 'large'
  const tick = { fontSize: s.font, fill: '#5b6475' }
  const format = (value: number) => formatSeriesValue(series.metric, value)
  const label = seriesAxisLabel(series.metric)
  return (
    <AreaChart
      data={points}
      responsive
      style={{ width: '100%', height: s.height }}
      margin={s.margin}
      accessibilityLayer={false}
    >
      <CartesianGrid vertical={large} stroke="#eceff4" />
      <XAxis
        dataKey="time"
        tick={tick}
        tickLine={large}
        axisLine={{ stroke: '#c5ccd8' }}
        interval="preserveStartEnd"
        minTickGap={s.xGap}
        label={
          large
            ? { value: 'Time of day', position: 'insideBottom', offset: -14, fontSize: 12, fill: '#1a2233' }
            : undefined
        }
      />
      <YAxis
        width={s.yWidth}
        tick={tick}
        tickLine={false}
        axisLine={large ? { stroke: '#c5ccd8' } : false}
        tickFormatter={(value: number) => formatAxisValue(series.metric, value)}
        domain={isFractionMetric(series.metric) ? [0, 1] : [0, 'auto']}
        ticks={isFractionMetric(series.metric) ? [...s.fractionTicks] : undefined}
        tickCount={s.yTicks}
        label={
          large
            ? {
                value: label,
                angle: -90,
                position: 'insideLeft',
                offset: 0,
                fontSize: 12,
                fill: '#1a2233',
                style: { textAnchor: 'middle' },
              }
            : undefined
        }
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
        strokeWidth={large ? 2 : 1.5}
        fill="#1f3a8a"
        fillOpacity={0.12}
        isAnimationActive={false}
        dot={large ? { r: 2.5, fill: '#1f3a8a', strokeWidth: 0 } : false}
      />
    </AreaChart>
  )
}
