import type { RequirementChange } from '@scaleboard/schema'
import { Megaphone, Plus } from 'lucide-react'
import { type FormEvent, useId, useState } from 'react'
import { addRequirementChange } from '../api.ts'
import { newestFirst, suggestedChangesFor } from '../brief/updates.ts'
import { useSessionBrief } from '../brief/useSessionBrief.ts'
import { clockStampTitle, formatClockStamp } from '../interview/clockStamp.ts'
import type { LiveResource } from '../interview/useLiveResource.ts'
import { usePanelAction } from '../interview/usePanelAction.ts'
import './requirementChanges.css'
import { PanelError } from '../interview/PanelError.tsx'

interface Props {
  sessionId: string
  token: string
  /** the session's requirement changes, kept live by the board page */
  requirements: LiveResource<RequirementChange[]>
  /** after a change is added: its checklist item is new too */
  onAdded: () => void
}

const MAX_LENGTH = 300

/**
 * The interviewer announces a requirement change ("traffic doubles in 6 months"): it shows at
 * once, marked new, in everyone's brief, and joins the checklist under "Latency, throughput,
 * budget and reliability met". The scenario's suggestions for the session's level are one click.
 */
export function RequirementChanges({ sessionId, token, requirements, onAdded }: Props) {
  const { state: brief } = useSessionBrief(sessionId, token)
  const [text, setText] = useState('')
  const { busy, error, run } = usePanelAction()
  const textId = useId()
  const hintId = useId()
  const made = requirements.data ?? []
  const suggestions =
    brief.status === 'ready' ? suggestedChangesFor(brief.brief.guidance, brief.brief.level, made) : []

  const add = async (value: string) => {
    const trimmed = value.trim()
    if (!trimmed || busy) return false
    return run('Could not add the requirement change', async () => {
      const change = await addRequirementChange(sessionId, token, { text: trimmed })
      requirements.set((current) => keep(current, change))
      onAdded()
    })
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (await add(text)) setText('')
  }

  return (
    <div className="requirement-changes" data-testid="requirement-changes">
      <h4 className="checklist__group-title">
        <Megaphone size={13} aria-hidden /> Requirement changes
      </h4>
      <p className="panel-hint" id={hintId}>
        Not private: the candidate and observers see each change at once, marked new, at the top of the brief.
        It also joins this checklist.
      </p>
      {made.length > 0 && (
        <ul className="requirement-changes__list" aria-label="Requirement changes made">
          {newestFirst(made).map((change) => (
            <li key={change.id} className="requirement-changes__item" data-testid="requirement-change">
              <span>{change.text}</span>
              <time className="panel-stamp" dateTime={change.at.at} title={clockStampTitle(change.at)}>
                {formatClockStamp(change.at)}
              </time>
            </li>
          ))}
        </ul>
      )}
      {requirements.error && (
        <p className="panel-error" role="alert">
          Could not refresh the requirement changes: {requirements.error}
        </p>
      )}
      {suggestions.length > 0 && (
        <div className="requirement-changes__suggestions">
          <p className="panel-label" id={`${hintId}-suggested`}>
            Suggested for this level
          </p>
          <ul className="requirement-changes__chips" aria-labelledby={`${hintId}-suggested`}>
            {suggestions.map((suggestion) => (
              <li key={suggestion}>
                <button
                  type="button"
                  className="requirement-chip"
                  disabled={busy}
                  title="Announce this change now"
                  onClick={() => void add(suggestion)}
                >
                  <Plus size={12} aria-hidden /> {suggestion}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <form className="panel-form" onSubmit={submit} aria-label="Add a requirement change">
        <label htmlFor={textId} className="panel-label">
          Add a requirement change
        </label>
        <input
          id={textId}
          className="panel-input"
          value={text}
          maxLength={MAX_LENGTH}
          aria-describedby={hintId}
          placeholder="e.g. Traffic doubles in 6 months"
          onChange={(event) => setText(event.target.value)}
        />
        <div className="panel-form__row">
          <span className="panel-hint">{busy ? 'Announcing…' : `${text.length}/${MAX_LENGTH}`}</span>
          <button type="submit" className="sb-button sb-button--small" disabled={busy || !text.trim()}>
            <Megaphone size={14} aria-hidden /> Announce
          </button>
        </div>
        <PanelError message={error} />
      </form>
    </div>
  )
}

function keep(current: RequirementChange[] | null, change: RequirementChange): RequirementChange[] {
  const list = current ?? []
  return list.some((c) => c.id === change.id) ? list : [...list, change]
}
