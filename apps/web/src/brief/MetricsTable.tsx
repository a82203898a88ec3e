import { formatCount, formatFraction } from '@scaleboard/components/schema'
import type { TierMetrics } from '@scaleboard/schema'
import { formatMs } from './format.ts'

interface Props {
  tiers: TierMetrics[]
  /** component id → name, from the current architecture */
  names: ReadonlyMap<string, string>
}

const dash = <span className="brief-metrics__none">–</span>

/** The current state's figures at peak: one group of rows per tier (name, then its numbers, then notes). */
export function MetricsTable({ tiers, names }: Props) {
  return (
    <table className="brief-metrics" data-testid="brief-metrics">
      <thead>
        <tr>
          <th scope="col" title="Requests per second at peak">
            rps
          </th>
          <th scope="col" title="Median latency">
            p50
          </th>
          <th scope="col" title="99th percentile latency">
            p99
          </th>
          <th scope="col" title="CPU or GPU utilisation">
            Util.
          </th>
          <th scope="col" title="Error rate">
            Errors
          </th>
          <th scope="col" title="Requests waiting: the highest sample in the hour">
            Queue (peak)
          </th>
        </tr>
      </thead>
      {tiers.map((tier) => {
        const utilisation = tier.gpuUtilisation ?? tier.cpuUtilisation
        const generation = [
          tier.ttftP50Ms !== undefined ? `First token p50 ${formatMs(tier.ttftP50Ms)}` : null,
          tier.ttftP99Ms !== undefined ? `p99 ${formatMs(tier.ttftP99Ms)}` : null,
          tier.outputTokensPerSecond !== undefined
            ? `${formatCount(tier.outputTokensPerSecond)} output tokens/s`
            : null,
        ].filter(Boolean)
        return (
          <tbody key={tier.componentId}>
            <tr className="brief-metrics__tier">
              <th scope="rowgroup" colSpan={6}>
                {names.get(tier.componentId) ?? tier.componentId}
              </th>
            </tr>
            <tr className="brief-metrics__values">
              <td>{tier.rps !== undefined ? formatCount(tier.rps) : dash}</td>
              <td>{formatMs(tier.p50LatencyMs)}</td>
              <td>{formatMs(tier.p99LatencyMs)}</td>
              <td>
                {utilisation !== undefined ? (
                  <>
                    {formatFraction(utilisation)}
                    <span className="brief-metrics__unit">
                      {tier.gpuUtilisation !== undefined ? ' GPU' : ' CPU'}
                    </span>
                  </>
                ) : (
                  dash
                )}
              </td>
              <td>{formatFraction(tier.errorRate)}</td>
              <td>{tier.queueDepth !== undefined ? formatCount(tier.queueDepth) : dash}</td>
            </tr>
            {(generation.length > 0 || tier.note) && (
              <tr className="brief-metrics__note">
                <td colSpan={6}>
                  {generation.length > 0 && <span>{generation.join(' · ')}. </span>}
                  {tier.note}
                </td>
              </tr>
            )}
          </tbody>
        )
      })}
    </table>
  )
}
