import type { FlowMode } from '@scaleboard/schema'
import { useId, useState } from 'react'
import { type Editor, type TLArrowShape, useValue } from 'tldraw'
import { getArrowFlow, setArrowFlow } from './arrowFlow.ts'

interface FlowInspectorProps {
  editor: Editor
}

/**
 * The selected arrow as a data flow: what flows, sync or async, and requests per second at peak.
 * Writes the arrow's label ("features · sync · 800 rps") and dash, so the figures stay readable on
 * the canvas and capacity analysis can read them back.
 */
export function FlowInspector({ editor }: FlowInspectorProps) {
  const arrow = useValue('inspected arrow', () => {
    const shape = editor.getOnlySelectedShape()
    return shape?.type === 'arrow' ? (shape as TLArrowShape) : null
  }, [editor])
  const disabled = useValue(
    'flow inspector disabled',
    () => editor.getIsReadonly() || (!!arrow && editor.isShapeOrAncestorLocked(arrow.id)),
    [editor, arrow?.id],
  )
  return (
    <section className="sb-inspector" aria-label="Data flow inspector" data-testid="flow-inspector">
      {arrow ? (
        <FlowForm key={arrow.id} editor={editor} arrow={arrow} disabled={disabled} />
      ) : (
        <p className="sb-inspector__empty">Select one arrow to describe the data flow.</p>
      )}
    </section>
  )
}

function FlowForm({ editor, arrow, disabled }: { editor: Editor; arrow: TLArrowShape; disabled: boolean }) {
  const initial = getArrowFlow(arrow)
  const [label, setLabel] = useState(initial?.label ?? '')
  const [mode, setMode] = useState<FlowMode>(initial?.mode ?? 'sync')
  const [rps, setRps] = useState(initial?.rps === undefined ? '' : String(initial.rps))
  const [calls, setCalls] = useState(
    initial?.callsPerRequest === undefined ? '' : String(initial.callsPerRequest),
  )
  const rpsValue = numberOrEmpty(rps)
  const rpsError = rpsValue !== undefined && !(Number.isFinite(rpsValue) && rpsValue >= 0)
  const callsValue = numberOrEmpty(calls)
  const callsError = callsValue !== undefined && !(Number.isFinite(callsValue) && callsValue > 0)
  const ids = {
    label: useId(),
    mode: useId(),
    rps: useId(),
    error: useId(),
    calls: useId(),
    callsError: useId(),
  }

  const apply = (next: { label?: string; mode?: FlowMode }) => {
    if (rpsError || callsError) return
    setArrowFlow(editor, arrow.id, {
      label: next.label ?? label,
      mode: next.mode ?? mode,
      rps: rpsValue,
      ...(callsValue !== undefined ? { callsPerRequest: callsValue } : {}),
    })
  }

  return (
    <>
      <div className="sb-inspector__head">
        <span className="sb-inspector__title">Data flow</span>
      </div>
      {disabled && (
        <p className="sb-inspector__notice" role="note">
          {editor.getIsReadonly() ? 'Read-only: you can look, not change.' : 'Locked: copy it to change it.'}
        </p>
      )}
      <div className="sb-field">
        <label className="sb-field__label" htmlFor={ids.label}>
          What flows
        </label>
        <div className="sb-field__control">
          <input
            id={ids.label}
            className="sb-field__input"
            type="text"
            maxLength={60}
            placeholder="e.g. features"
            value={label}
            disabled={disabled}
            onChange={(e) => setLabel(e.target.value)}
            onBlur={() => apply({})}
            data-testid="flow-label"
          />
        </div>
      </div>
      <div className="sb-field">
        <label className="sb-field__label" htmlFor={ids.mode}>
          Mode
        </label>
        <div className="sb-field__control">
          <select
            id={ids.mode}
            className="sb-field__input"
            value={mode}
            disabled={disabled}
            onChange={(e) => {
              const next = e.target.value as FlowMode
              setMode(next)
              apply({ mode: next })
            }}
            data-testid="flow-mode"
          >
            <option value="sync">sync (request/response)</option>
            <option value="async">async (queue, stream, batch)</option>
          </select>
        </div>
      </div>
      <div className="sb-field">
        <label className="sb-field__label" htmlFor={ids.rps}>
          Peak rate
        </label>
        <div className="sb-field__control">
          <input
            id={ids.rps}
            className="sb-field__input"
            type="text"
            inputMode="decimal"
            placeholder="e.g. 800"
            value={rps}
            disabled={disabled}
            aria-invalid={rpsError}
            aria-describedby={rpsError ? ids.error : undefined}
            onChange={(e) => setRps(e.target.value)}
            onBlur={() => apply({})}
            onKeyDown={(e) => {
              if (e.key === 'Enter') apply({})
            }}
            data-testid="flow-rps"
          />
          <span className="sb-field__unit">rps</span>
        </div>
        {rpsError && (
          <span id={ids.error} className="sb-field__error" role="alert" data-testid="flow-rps-error">
            Enter a number of requests per second, 0 or more.
          </span>
        )}
      </div>
      <div className="sb-field">
        <label className="sb-field__label" htmlFor={ids.calls}>
          Calls per request
        </label>
        <div className="sb-field__control">
          <input
            id={ids.calls}
            className="sb-field__input"
            type="text"
            inputMode="decimal"
            placeholder="1"
            value={calls}
            disabled={disabled}
            aria-invalid={callsError}
            aria-describedby={callsError ? ids.callsError : undefined}
            title="How many calls on this arrow one incoming request makes (e.g. 2 feature lookups per prediction); used when no peak rate is given"
            onChange={(e) => setCalls(e.target.value)}
            onBlur={() => apply({})}
            onKeyDown={(e) => {
              if (e.key === 'Enter') apply({})
            }}
            data-testid="flow-calls"
          />
          <span className="sb-field__unit">×</span>
        </div>
        {callsError && (
          <span id={ids.callsError} className="sb-field__error" role="alert" data-testid="flow-calls-error">
            Enter how many calls one request makes, more than 0.
          </span>
        )}
      </div>
    </>
  )
}

/** The number typed in a field, or undefined when it is empty (NaN when it is not a number). */
function numberOrEmpty(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text.trim())
}
