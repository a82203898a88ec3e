import type { Growth } from '@scaleboard/schema'
import { summariseGrowth } from './format.ts'

/** Today's demand next to the target's, with the peak rates the design has to carry. */
export function GrowthFacts({ growth }: { growth: Growth }) {
  const g = summariseGrowth(growth)
  return (
    <div className="brief-growth" data-testid="brief-growth">
      <dl className="brief-growth__grid">
        <div>
          <dt>Today</dt>
          <dd>
            <strong>{g.now}</strong> {g.unit}/day
          </dd>
          <dd className="brief-growth__peak">peak {g.peakNow}</dd>
        </div>
        <div className="brief-growth__arrow" aria-hidden>
          →
        </div>
        <div>
          <dt>Target in {g.horizon}</dt>
          <dd>
            <strong>{g.target}</strong> {g.unit}/day
          </dd>
          <dd className="brief-growth__peak">peak {g.peakTarget}</dd>
        </div>
      </dl>
      <p className="brief-growth__factor">
        <strong>{g.factor}</strong> today’s volume; the peak hour runs at {growth.peakToAverage}× the daily
        average.
        {growth.tokensPerRequest && (
          <>
            {' '}
            Each request averages {growth.tokensPerRequest.input.toLocaleString('en-US')} input and{' '}
            {growth.tokensPerRequest.output.toLocaleString('en-US')} output tokens.
          </>
        )}
      </p>
      {growth.notes && <p className="brief-growth__notes">{growth.notes}</p>}
    </div>
  )
}
