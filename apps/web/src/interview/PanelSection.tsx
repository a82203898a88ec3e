import { ChevronDown, ChevronRight, EyeOff } from 'lucide-react'
import { type ReactNode, useId } from 'react'
import { usePersistentFlag } from '../board/persistentFlag.ts'

interface Props {
  /** names the section's open / collapsed state in localStorage, and its test id */
  id: string
  title: string
  /** only the interviewer sees this section: it says so, so nobody wonders */
  interviewerOnly?: boolean
  /** a short status beside the title, e.g. "3 met · 2 open" or "2 new" */
  summary?: string
  defaultOpen?: boolean
  children: ReactNode
}

/** One collapsible part of the right-hand panel (Inspector, Checklist, Notes, Q&A, Feedback). */
export function PanelSection({
  id,
  title,
  interviewerOnly = false,
  summary,
  defaultOpen = true,
  children,
}: Props) {
  const [open, setOpen] = usePersistentFlag(`section.${id}.open`, defaultOpen)
  const contentId = useId()
  const headingId = useId()
  const Chevron = open ? ChevronDown : ChevronRight
  return (
    <section
      className={`panel-section${interviewerOnly ? ' panel-section--private' : ''}`}
      aria-labelledby={headingId}
      data-testid={`section-${id}`}
      data-open={open}
    >
      <h3 className="panel-section__heading" id={headingId}>
        <button
          type="button"
          className="panel-section__toggle"
          aria-expanded={open}
          aria-controls={contentId}
          onClick={() => setOpen(!open)}
        >
          <Chevron size={15} aria-hidden />
          <span className="panel-section__title">{title}</span>
          {interviewerOnly && (
            <span className="panel-section__private" title="The candidate and observers never see this">
              <EyeOff size={12} aria-hidden />
              Interviewer only
            </span>
          )}
          {summary && <span className="panel-section__summary">{summary}</span>}
        </button>
      </h3>
      {open && (
        <div className="panel-section__content" id={contentId}>
          {children}
        </div>
      )}
    </section>
  )
}

/** A plain-words line for a resource that is loading or failed, with a way to try again. */
export function LoadState({
  error,
  onRetry,
  what,
}: {
  error: string | null
  onRetry: () => void
  what: string
}) {
  if (!error) {
    return (
      <p className="panel-muted" role="status">
        Loading {what}…
      </p>
    )
  }
  return (
    <div className="panel-error" role="alert">
      <p>
        Could not load {what}: {error}
      </p>
      <button type="button" className="sb-button sb-button--small" onClick={onRetry}>
        Try again
      </button>
    </div>
  )
}
