import type { CreatedSession, Level } from '@scaleboard/schema'
import { Plus } from 'lucide-react'
import { type FormEvent, useEffect, useState } from 'react'
import { ApiRequestError, createSession, getScenarios, type ScenarioChoice } from '../api.ts'
import { LEVEL_LABELS } from '../labels.ts'

/** Mid-level when the scenario has it: the usual round, and the organiser can change it. */
function defaultLevel(scenario: ScenarioChoice | undefined): Level | '' {
  const levels = scenario?.levels ?? []
  return levels.includes('mid') ? 'mid' : (levels[0] ?? '')
}

interface Props {
  adminToken: string
  onCreated: (session: CreatedSession) => void
  onUnauthorized: () => void
}

/**
 * Title, candidate, scenario and level for a new session. Scenarios come from the server; when
 * there are none (or the list cannot be loaded) the form simply creates a blank board.
 */
export function CreateSessionForm({ adminToken, onCreated, onUnauthorized }: Props) {
  const [scenarios, setScenarios] = useState<ScenarioChoice[]>([])
  const [title, setTitle] = useState('')
  const [candidateName, setCandidateName] = useState('')
  const [scenarioId, setScenarioId] = useState('')
  const [level, setLevel] = useState<Level | ''>('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiRequestError | null>(null)

  useEffect(() => {
    let cancelled = false
    getScenarios(adminToken)
      .then((list) => {
        if (cancelled || list.length === 0) return
        setScenarios(list)
        setScenarioId(list[0].id)
        setLevel(defaultLevel(list[0]))
      })
      .catch(() => {
        // No scenario list yet: the form still creates blank boards.
      })
    return () => {
      cancelled = true
    }
  }, [adminToken])

  const scenario = scenarios.find((s) => s.id === scenarioId)
  const levels = scenario?.levels ?? []

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const created = await createSession(adminToken, {
        title: title.trim() || undefined,
        candidateName: candidateName.trim() || undefined,
        scenarioId: scenario ? scenario.id : undefined,
        level: scenario && level ? level : undefined,
      })
      onCreated(created)
      setTitle('')
      setCandidateName('')
    } catch (caught) {
      if (caught instanceof ApiRequestError && caught.status === 401) return onUnauthorized()
      setError(caught instanceof ApiRequestError ? caught : new ApiRequestError(0, 'unknown', String(caught)))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="home-card home-create" onSubmit={submit} aria-labelledby="create-title">
      <h2 id="create-title">Create a session</h2>
      <div className="sb-field">
        <label htmlFor="session-title">Title</label>
        <input
          id="session-title"
          className="sb-input"
          value={title}
          maxLength={200}
          placeholder="e.g. ML platform engineer, system design round"
          onChange={(e) => setTitle(e.target.value)}
        />
      </div>
      <div className="sb-field">
        <label htmlFor="candidate-name">Candidate name</label>
        <input
          id="candidate-name"
          className="sb-input"
          value={candidateName}
          maxLength={200}
          autoComplete="off"
          placeholder="Shown on the board next to their cursor"
          onChange={(e) => setCandidateName(e.target.value)}
        />
      </div>
      {scenarios.length > 0 && (
        <div className="home-create__row">
          <div className="sb-field">
            <label htmlFor="scenario">Scenario</label>
            <select
              id="scenario"
              className="sb-select"
              value={scenarioId}
              onChange={(e) => {
                setScenarioId(e.target.value)
                setLevel(defaultLevel(scenarios.find((s) => s.id === e.target.value)))
              }}
            >
              {scenarios.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title}
                </option>
              ))}
              <option value="">Blank board (no scenario)</option>
            </select>
          </div>
          {levels.length > 0 && (
            <div className="sb-field home-create__level">
              <label htmlFor="level">Level</label>
              <select
                id="level"
                className="sb-select"
                value={level}
                onChange={(e) => setLevel(e.target.value as Level)}
              >
                {levels.map((l) => (
                  <option key={l} value={l}>
                    {LEVEL_LABELS[l]}
                  </option>
                ))}
              </select>
            </div>
          )}
        </div>
      )}
      {scenario?.summary && <p className="home-create__summary">{scenario.summary}</p>}
      {error && (
        <div className="sb-alert sb-alert--error" role="alert">
          {error.message}
          {error.issues.length > 0 && (
            <ul>
              {error.issues.map((issue) => (
                <li key={`${issue.path}:${issue.message}`}>
                  {issue.path ? `${issue.path}: ` : ''}
                  {issue.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div>
        <button className="sb-button sb-button--primary" type="submit" disabled={busy}>
          <Plus size={16} aria-hidden /> {busy ? 'Creating…' : 'Create session'}
        </button>
      </div>
    </form>
  )
}
