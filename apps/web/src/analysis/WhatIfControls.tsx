import type { BoardAnalysis } from '@scaleboard/analysis'
import type { AnalysisState, WhatIf } from '@scaleboard/schema'
import { RotateCcw } from 'lucide-react'
import { useId, useState } from 'react'
import { type Editor, useValue } from 'tldraw'
import { sendWhatIf } from '../api.ts'
import { PanelError } from '../interview/PanelError.tsx'
import { usePanelAction } from '../interview/usePanelAction.ts'
import { shapeNameOf } from './showShapes.ts'
import { changeWhatIf, loseReplica, normaliseWhatIf, toggleLostRegion } from './whatIf.ts'

const MULTIPLIERS = [2, 5, 10] as const

interface Props {
  sessionId: string
  token: string
  editor: Editor | null
  analysis: BoardAnalysis | null
  whatIf: WhatIf | null
  /** adopts the server's answer before the `changed` frame's refetch confirms it */
  onState: (state: AnalysisState) => void
}

/**
 * The interviewer's injections. The server keeps one what-if: each control sends the injection in
 * force with its own change, so they combine; Reset clears it all.
 */
export function WhatIfControls({ sessionId, token, editor, analysis, whatIf, onState }: Props) {
  const { busy, error, run } = usePanelAction()
  const current = normaliseWhatIf(whatIf)
  const send = (next: WhatIf | null) =>
    run('Could not apply the what-if', async () => onState(await sendWhatIf(sessionId, token, next)))

  const [custom, setCustom] = useState('')
  const [extraMs, setExtraMs] = useState('50')
  const nameOf = shapeNameOf(editor, 'Region')
  const regionIds = [...new Set((analysis?.components ?? []).flatMap((c) => c.regionId ?? []))]
  const [regionChoice, setRegionChoice] = useState('')
  const region = regionIds.includes(regionChoice) ? regionChoice : (regionIds[0] ?? '')
  const regionLost = current?.lostRegionIds?.includes(region) ?? false
  const selected = useSelectedComponent(editor, analysis)
  const ids = { custom: useId(), latency: useId(), region: useId() }

  const multiplier = current?.trafficMultiplier ?? 1
  const customValue = Number(custom)
  const customValid =
    custom.trim() !== '' && Number.isFinite(customValue) && customValue > 0 && customValue <= 1000
  const extraValue = Number(extraMs)
  const extraValid =
    extraMs.trim() !== '' && Number.isFinite(extraValue) && extraValue > 0 && extraValue <= 600_000

  return (
    <div className="analysis-whatif" data-testid="analysis-whatif-controls">
      <div className="analysis-whatif__head">
        <p className="analysis-subtitle">What-if</p>
        <button
          type="button"
          className="sb-button sb-button--small"
          disabled={busy || !current}
          onClick={() => send(null)}
        >
          <RotateCcw size={13} aria-hidden /> Reset
        </button>
      </div>

      <fieldset className="analysis-whatif__row" disabled={busy}>
        <legend className="analysis-whatif__label">Traffic</legend>
        {MULTIPLIERS.map((n) => (
          <button
            key={n}
            type="button"
            className="sb-button sb-button--small analysis-choice"
            aria-pressed={multiplier === n}
            onClick={() =>
              send(changeWhatIf(current, { trafficMultiplier: multiplier === n ? undefined : n }))
            }
          >
            {n}×
          </button>
        ))}
        <label className="sb-visually-hidden" htmlFor={ids.custom}>
          Custom traffic multiplier
        </label>
        <input
          id={ids.custom}
          className="panel-input analysis-whatif__number"
          type="number"
          min={0.1}
          max={1000}
          step="any"
          placeholder="×"
          value={custom}
          onChange={(event) => setCustom(event.target.value)}
        />
        <button
          type="button"
          className="sb-button sb-button--small"
          disabled={!customValid}
          onClick={() => send(changeWhatIf(current, { trafficMultiplier: customValue }))}
        >
          Set
        </button>
      </fieldset>

      <fieldset className="analysis-whatif__row" disabled={busy}>
        <legend className="analysis-whatif__label">Model latency</legend>
        <label className="sb-visually-hidden" htmlFor={ids.latency}>
          Extra model latency in milliseconds
        </label>
        <span aria-hidden>+</span>
        <input
          id={ids.latency}
          className="panel-input analysis-whatif__number"
          type="number"
          min={1}
          step={1}
          value={extraMs}
          onChange={(event) => setExtraMs(event.target.value)}
        />
        <span aria-hidden>ms</span>
        <button
          type="button"
          className="sb-button sb-button--small"
          disabled={!extraValid}
          onClick={() => send(changeWhatIf(current, { extraModelLatencyMs: extraValue }))}
        >
          Add
        </button>
        {current?.extraModelLatencyMs !== undefined && (
          <button
            type="button"
            className="sb-button sb-button--small sb-button--quiet"
            onClick={() => send(changeWhatIf(current, { extraModelLatencyMs: undefined }))}
          >
            Remove
          </button>
        )}
      </fieldset>

      <fieldset className="analysis-whatif__row" disabled={busy}>
        <legend className="analysis-whatif__label">Failures</legend>
        <label className="panel-switch">
          <input
            type="checkbox"
            role="switch"
            aria-checked={current?.coldCache ?? false}
            checked={current?.coldCache ?? false}
            onChange={() => send(changeWhatIf(current, { coldCache: current?.coldCache ? undefined : true }))}
          />
          <span>Cold cache</span>
        </label>
      </fieldset>

      <div className="analysis-whatif__row">
        {regionIds.length === 0 ? (
          <p className="panel-hint">No component sits in a region: draw regions to lose one.</p>
        ) : (
          <>
            <label className="sb-visually-hidden" htmlFor={ids.region}>
              Region
            </label>
            <select
              id={ids.region}
              className="panel-select"
              value={region}
              disabled={busy}
              onChange={(event) => setRegionChoice(event.target.value)}
            >
              {regionIds.map((id) => (
                <option key={id} value={id}>
                  {nameOf(id)}
                  {current?.lostRegionIds?.includes(id) ? ' (lost)' : ''}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="sb-button sb-button--small"
              disabled={busy}
              aria-pressed={regionLost}
              onClick={() => send(toggleLostRegion(current, region))}
            >
              {regionLost ? 'Restore region' : 'Lose region'}
            </button>
          </>
        )}
      </div>

      <div className="analysis-whatif__row">
        <button
          type="button"
          className="sb-button sb-button--small"
          disabled={busy || !selected}
          onClick={() => selected && send(loseReplica(current, selected.id))}
        >
          {selected ? `Lose a replica of ${selected.name}` : 'Lose a replica'}
        </button>
        {!selected && <span className="panel-hint">Select a component on the board first.</span>}
      </div>
      <PanelError message={error} />
    </div>
  )
}

/** The one analysed component that is selected on the board (the replica to lose), if any. */
function useSelectedComponent(
  editor: Editor | null,
  analysis: BoardAnalysis | null,
): { id: string; name: string } | null {
  const selectedId = useValue('selected component for what-if', () => {
    const ids = editor?.getSelectedShapeIds() ?? []
    return ids.length === 1 ? (ids[0] as string) : null
  }, [editor])
  const component = analysis?.components.find((c) => c.shapeId === selectedId)
  return component && component.replicas !== null && component.replicas > 0
    ? { id: component.shapeId, name: component.name }
    : null
}
