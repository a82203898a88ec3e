import { Link2, X } from 'lucide-react'
import { useEffect, useId, useRef } from 'react'
import type { Editor } from 'tldraw'
import { addAnchors, type ResolvedAnchor } from './anchors.ts'
import { type FeedbackTone, ShowOnBoard, useFeedbackHighlight } from './FeedbackHighlight.tsx'
import { useAnchorableSelection, useResolvedAnchors } from './useFeedbackAnchors.ts'
import './feedback.css'

/** The components a feedback point is about, as chips; removable when `onRemove` is given. */
export function AnchorChips({
  anchors,
  onRemove,
  clear,
}: {
  anchors: readonly ResolvedAnchor[]
  onRemove?: (id: string) => void
  /** a "Clear" button after the chips */
  clear?: { label: string; onClear: () => void }
}) {
  if (anchors.length === 0) return null
  return (
    <ul className="anchor-chips" aria-label="Anchored components" data-testid="anchor-chips">
      {anchors.map((anchor) => (
        <li
          key={anchor.id}
          className={`anchor-chip${anchor.present ? '' : ' anchor-chip--removed'}`}
          data-testid="anchor-chip"
          data-shape-id={anchor.id}
        >
          <span className="anchor-chip__name" title={anchor.name}>
            {anchor.name}
          </span>
          {onRemove && (
            <button
              type="button"
              className="anchor-chip__remove"
              aria-label={`Remove anchor ${anchor.name}`}
              title="Remove"
              onClick={() => onRemove(anchor.id)}
            >
              <X size={12} aria-hidden />
            </button>
          )}
        </li>
      ))}
      {clear && (
        <li className="anchor-chips__clear">
          <button
            type="button"
            className="anchor-chips__clear-button"
            aria-label={clear.label}
            onClick={clear.onClear}
          >
            Clear
          </button>
        </li>
      )}
    </ul>
  )
}

/** A released (or read-only) point's anchors: chips and "Show on board". */
export function AnchorSummary({
  editor,
  pointKey,
  tone,
  shapeIds,
}: {
  editor: Editor | null
  pointKey: string
  tone: FeedbackTone
  shapeIds: readonly string[] | undefined
}) {
  const anchors = useResolvedAnchors(editor, shapeIds)
  if (anchors.length === 0) return null
  return (
    <div className="feedback-anchors">
      <AnchorChips anchors={anchors} />
      <div className="feedback-anchors__actions">
        <ShowOnBoard editor={editor} pointKey={pointKey} tone={tone} anchors={anchors} />
      </div>
    </div>
  )
}

/**
 * The interviewer's anchors for one point: "Anchor to selection" adds the selected board shapes,
 * chips remove one, "Clear" removes all, "Show on board" checks them.
 */
export function AnchorEditor({
  editor,
  pointKey,
  tone,
  what,
  shapeIds,
  onChange,
}: {
  editor: Editor | null
  pointKey: string
  tone: FeedbackTone
  /** "strength" or "improvement", for the buttons' accessible names */
  what: string
  shapeIds: readonly string[]
  onChange: (shapeIds: string[]) => void
}) {
  const anchors = useResolvedAnchors(editor, shapeIds)
  const selected = useAnchorableSelection(editor)
  const hintId = useId()
  const canAnchor = selected.length > 0
  const hint = 'Select components on the board first'
  return (
    <div className="feedback-anchors feedback-anchors--editing">
      <AnchorChips
        anchors={anchors}
        onRemove={(id) => onChange(shapeIds.filter((other) => other !== id))}
        clear={{ label: `Clear ${what} anchors`, onClear: () => onChange([]) }}
      />
      <div className="feedback-anchors__actions">
        <button
          type="button"
          className="sb-button sb-button--small"
          aria-disabled={!canAnchor}
          aria-label={`Anchor to selection (${what})`}
          aria-describedby={canAnchor ? undefined : hintId}
          title={canAnchor ? `Anchor to the ${selected.length} selected` : hint}
          onClick={() => {
            if (canAnchor) onChange(addAnchors(shapeIds, selected))
          }}
        >
          <Link2 size={14} aria-hidden /> Anchor to selection
        </button>
        <ShowOnBoard editor={editor} pointKey={pointKey} tone={tone} anchors={anchors} />
      </div>
      {!canAnchor && (
        <span className="sb-visually-hidden" id={hintId}>
          {hint}
        </span>
      )}
    </div>
  )
}

/**
 * The pinned improvement's components during the revision phase: named, and outlined on the board
 * as soon as the phase starts (without moving anyone's camera). The toggle turns the outline off
 * and on again; turning it on also brings the components into view.
 */
export function RevisionAnchors({
  editor,
  shapeIds,
  version,
}: {
  editor: Editor | null
  shapeIds: readonly string[] | undefined
  /** the feedback's save time: a re-released improvement is outlined again */
  version: string
}) {
  const anchors = useResolvedAnchors(editor, shapeIds)
  const present = anchors.filter((anchor) => anchor.present).map((anchor) => anchor.id)
  const { show } = useFeedbackHighlight(editor, REVISION_POINT)
  const shownFor = useRef<string | null>(null)
  const canShow = present.length > 0
  useEffect(() => {
    if (!editor || !canShow || shownFor.current === version) return
    shownFor.current = version
    show([], { zoom: false })
  }, [editor, canShow, version, show])

  if (!editor || anchors.length === 0) return null
  return (
    <div className="revision-focus__anchors">
      <AnchorChips anchors={anchors} />
      <ShowOnBoard
        editor={editor}
        pointKey={REVISION_POINT}
        tone="improvement"
        anchors={anchors}
        label="Highlight on board"
      />
    </div>
  )
}

const REVISION_POINT = 'revision:improvement'
