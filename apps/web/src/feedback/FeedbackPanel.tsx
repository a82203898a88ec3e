import type { Feedback, FeedbackPoint, Phase, Role } from '@scaleboard/schema'
import { Sparkles, Target } from 'lucide-react'
import { useId, useState } from 'react'
import type { Editor } from 'tldraw'
import { saveFeedback } from '../api.ts'
import { clockStampTitle, formatClockStamp } from '../interview/clockStamp.ts'
import { PanelError } from '../interview/PanelError.tsx'
import { LoadState } from '../interview/PanelSection.tsx'
import type { LiveResource } from '../interview/useLiveResource.ts'
import { usePanelAction } from '../interview/usePanelAction.ts'
import { sameAnchors } from './anchors.ts'
import { AnchorEditor, AnchorSummary } from './FeedbackAnchors.tsx'
import { useAnchorableSelection } from './useFeedbackAnchors.ts'

interface Props {
  sessionId: string
  token: string
  role: Role
  phase: Phase | null
  feedback: LiveResource<Feedback | null>
  /** the board's editor (null until mounted): feedback anchors to its components and highlights them */
  editor: Editor | null
}

/** One strength and one improvement: the interviewer writes and releases them; the candidate reads them once released. */
export function FeedbackPanel({ sessionId, token, role, phase, feedback, editor }: Props) {
  const { data, error, reload, set } = feedback
  // `null` is also the answer "nothing released yet": `loaded` tells the two apart.
  if (!feedback.loaded) return <LoadState error={error} onRetry={reload} what="the feedback" />
  if (role === 'interviewer') {
    return (
      <FeedbackEditor
        sessionId={sessionId}
        token={token}
        phase={phase}
        editor={editor}
        current={data}
        onSaved={(next) => set(() => next)}
      />
    )
  }
  if (!data?.released) {
    return (
      <p className="panel-empty" data-testid="feedback-pending">
        {role === 'candidate'
          ? 'The interviewer’s feedback appears here once they share it, after the walkthrough.'
          : 'The feedback appears here once the interviewer releases it.'}
      </p>
    )
  }
  return <FeedbackView feedback={data} editor={editor} />
}

export function FeedbackView({ feedback, editor }: { feedback: Feedback; editor: Editor | null }) {
  return (
    <div className="feedback" data-testid="feedback">
      <div className="feedback__point feedback__point--strength">
        <h4>
          <Sparkles size={14} aria-hidden /> Strength
        </h4>
        <p data-testid="feedback-strength">{feedback.strength.text}</p>
        <AnchorSummary
          editor={editor}
          pointKey="feedback:strength"
          tone="strength"
          shapeIds={feedback.strength.shapeIds}
        />
      </div>
      <div className="feedback__point feedback__point--improvement">
        <h4>
          <Target size={14} aria-hidden /> To improve
        </h4>
        <p data-testid="feedback-improvement">{feedback.improvement.text}</p>
        <AnchorSummary
          editor={editor}
          pointKey="feedback:improvement"
          tone="improvement"
          shapeIds={feedback.improvement.shapeIds}
        />
      </div>
    </div>
  )
}

function FeedbackEditor({
  sessionId,
  token,
  phase,
  editor,
  current,
  onSaved,
}: {
  sessionId: string
  token: string
  phase: Phase | null
  editor: Editor | null
  current: Feedback | null
  onSaved: (feedback: Feedback) => void
}) {
  const [strength, setStrength] = useState<string | null>(null)
  const [improvement, setImprovement] = useState<string | null>(null)
  const [strengthAnchors, setStrengthAnchors] = useState<string[] | null>(null)
  const [improvementAnchors, setImprovementAnchors] = useState<string[] | null>(null)
  const { busy, error, run } = usePanelAction()
  const anchoring = useAnchorableSelection(editor).length > 0
  const strengthId = useId()
  const improvementId = useId()
  const shownStrength = strength ?? current?.strength.text ?? ''
  const shownImprovement = improvement ?? current?.improvement.text ?? ''
  const savedStrengthAnchors = current?.strength.shapeIds ?? []
  const savedImprovementAnchors = current?.improvement.shapeIds ?? []
  const shownStrengthAnchors = strengthAnchors ?? savedStrengthAnchors
  const shownImprovementAnchors = improvementAnchors ?? savedImprovementAnchors
  const released = current?.released ?? false
  const complete = shownStrength.trim() !== '' && shownImprovement.trim() !== ''
  const edited =
    (strength !== null && strength !== (current?.strength.text ?? '')) ||
    (improvement !== null && improvement !== (current?.improvement.text ?? '')) ||
    !sameAnchors(shownStrengthAnchors, savedStrengthAnchors) ||
    !sameAnchors(shownImprovementAnchors, savedImprovementAnchors)

  const save = async (release: boolean) => {
    const saved = await run('Could not save the feedback', async () =>
      onSaved(
        await saveFeedback(sessionId, token, {
          strength: point(shownStrength, shownStrengthAnchors),
          improvement: point(shownImprovement, shownImprovementAnchors),
          released: release,
        }),
      ),
    )
    if (!saved) return
    setStrength(null)
    setImprovement(null)
    setStrengthAnchors(null)
    setImprovementAnchors(null)
  }

  return (
    <form
      className="panel-form feedback-editor"
      data-testid="feedback-editor"
      aria-label="Feedback"
      onSubmit={(event) => {
        event.preventDefault()
        if (complete) void save(released)
      }}
    >
      {phase !== null && phase !== 'feedback' && !current && (
        <p className="panel-hint">Written in the feedback phase: one strength and one thing to improve.</p>
      )}
      {editor && !anchoring && shownStrengthAnchors.length + shownImprovementAnchors.length === 0 && (
        <p className="panel-hint" data-testid="feedback-anchor-hint">
          To point at components, select them on the board, then “Anchor to selection”.
        </p>
      )}
      <label htmlFor={strengthId} className="panel-label">
        One strength
      </label>
      <textarea
        id={strengthId}
        className="panel-textarea"
        rows={3}
        maxLength={2000}
        value={shownStrength}
        onChange={(event) => setStrength(event.target.value)}
      />
      <AnchorEditor
        editor={editor}
        pointKey="feedback:strength"
        tone="strength"
        what="strength"
        shapeIds={shownStrengthAnchors}
        onChange={setStrengthAnchors}
      />
      <label htmlFor={improvementId} className="panel-label">
        One thing to improve (the revision works on it)
      </label>
      <textarea
        id={improvementId}
        className="panel-textarea"
        rows={3}
        maxLength={2000}
        value={shownImprovement}
        onChange={(event) => setImprovement(event.target.value)}
      />
      <AnchorEditor
        editor={editor}
        pointKey="feedback:improvement"
        tone="improvement"
        what="improvement"
        shapeIds={shownImprovementAnchors}
        onChange={setImprovementAnchors}
      />
      <p className="panel-hint" role="status" data-testid="feedback-state">
        {released
          ? 'Released: the candidate sees it.'
          : current
            ? 'Draft: only you see it.'
            : 'Not saved yet.'}
        {current && (
          <>
            {' '}
            Last saved{' '}
            <time dateTime={current.updatedAt.at} title={clockStampTitle(current.updatedAt)}>
              {formatClockStamp(current.updatedAt)}
            </time>
            .
          </>
        )}
      </p>
      <div className="panel-form__row">
        <button type="submit" className="sb-button sb-button--small" disabled={busy || !complete || !edited}>
          {released ? 'Save changes' : 'Save draft'}
        </button>
        {released ? (
          <button
            type="button"
            className="sb-button sb-button--small sb-button--quiet"
            disabled={busy}
            onClick={() => save(false)}
          >
            Withdraw
          </button>
        ) : (
          <button
            type="button"
            className="sb-button sb-button--small sb-button--primary"
            disabled={busy || !complete}
            onClick={() => save(true)}
          >
            Release to candidate
          </button>
        )}
      </div>
      {!complete && <p className="panel-hint">Write both to save or release.</p>}
      <PanelError message={error} />
    </form>
  )
}

/** A point as the API takes it: no `shapeIds` when it is anchored to nothing. */
function point(text: string, shapeIds: readonly string[]): FeedbackPoint {
  return shapeIds.length > 0 ? { text: text.trim(), shapeIds: [...shapeIds] } : { text: text.trim() }
}
