import type { Role, SessionMessage } from '@scaleboard/schema'
import { BadgeCheck, Send } from 'lucide-react'
import { type FormEvent, useId, useState } from 'react'
import { postMessage } from '../api.ts'
import { clockStampTitle, formatClockStamp } from '../interview/clockStamp.ts'
import { PanelError } from '../interview/PanelError.tsx'
import { LoadState } from '../interview/PanelSection.tsx'
import type { LiveResource } from '../interview/useLiveResource.ts'
import { usePanelAction } from '../interview/usePanelAction.ts'

interface Props {
  sessionId: string
  token: string
  role: Role
  messages: LiveResource<SessionMessage[]>
}

const AUTHOR_LABELS: Record<SessionMessage['author'], string> = {
  candidate: 'Candidate',
  interviewer: 'Interviewer',
  organiser: 'Organiser',
}

/** The clarifying questions and their answers; candidate and interviewer post, observers read. */
export function QaPanel({ sessionId, token, role, messages }: Props) {
  const { data, error, reload, set } = messages

  return (
    <div className="qa" data-testid="qa">
      {!data ? (
        <LoadState error={error} onRetry={reload} what="the questions" />
      ) : data.length === 0 ? (
        <p className="panel-empty">
          {role === 'candidate'
            ? 'No questions yet. Ask about anything the brief leaves open; the interviewer answers here.'
            : 'No questions yet. The candidate’s questions and your answers appear here.'}
        </p>
      ) : (
        <ol className="qa__list" aria-label="Questions and answers" aria-live="polite">
          {data.map((message) => (
            <li
              key={message.id}
              className={`qa-message qa-message--${message.author}${message.clarification ? ' qa-message--clarification' : ''}`}
              data-testid="qa-message"
              data-author={message.author}
              data-clarification={message.clarification}
            >
              <div className="qa-message__meta">
                <span className="qa-message__author">{AUTHOR_LABELS[message.author]}</span>
                <time className="panel-stamp" dateTime={message.at.at} title={clockStampTitle(message.at)}>
                  {formatClockStamp(message.at)}
                </time>
              </div>
              <p className="qa-message__text">{message.text}</p>
              {message.clarification && (
                <span className="qa-message__badge">
                  <BadgeCheck size={12} aria-hidden /> Clarifies the brief
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
      {data && error && (
        <p className="panel-error" role="alert">
          Could not refresh the questions: {error}
        </p>
      )}
      {role === 'observer' ? (
        <p className="panel-hint">Observers read the thread; the candidate and the interviewer post.</p>
      ) : (
        <PostForm
          sessionId={sessionId}
          token={token}
          role={role}
          onPosted={(message) =>
            set((current) =>
              current?.some((m) => m.id === message.id) ? current : [...(current ?? []), message],
            )
          }
        />
      )}
    </div>
  )
}

function PostForm({
  sessionId,
  token,
  role,
  onPosted,
}: {
  sessionId: string
  token: string
  role: Role
  onPosted: (message: SessionMessage) => void
}) {
  const [text, setText] = useState('')
  const [clarification, setClarification] = useState(false)
  const { busy, error, run } = usePanelAction()
  const textId = useId()
  const interviewer = role === 'interviewer'

  const submit = async (event?: FormEvent) => {
    event?.preventDefault()
    if (!text.trim() || busy) return
    const sent = await run('Could not send', async () =>
      onPosted(
        await postMessage(sessionId, token, {
          text: text.trim(),
          ...(interviewer && clarification ? { clarification: true } : {}),
        }),
      ),
    )
    if (!sent) return
    setText('')
    setClarification(false)
  }

  return (
    <form className="panel-form" onSubmit={submit} aria-label={interviewer ? 'Answer' : 'Ask a question'}>
      <label htmlFor={textId} className="panel-label">
        {interviewer ? 'Answer or comment' : 'Ask a question'}
      </label>
      <textarea
        id={textId}
        className="panel-textarea"
        rows={2}
        maxLength={2000}
        value={text}
        placeholder={interviewer ? 'Your answer (Ctrl+Enter sends)' : 'Your question (Ctrl+Enter sends)'}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void submit()
        }}
      />
      <div className="panel-form__row">
        {interviewer && (
          <label className="panel-check">
            <input
              type="checkbox"
              checked={clarification}
              onChange={(event) => setClarification(event.target.checked)}
            />
            <span>Clarifies the brief</span>
          </label>
        )}
        <button type="submit" className="sb-button sb-button--small" disabled={busy || !text.trim()}>
          <Send size={14} aria-hidden /> Send
        </button>
      </div>
      <PanelError message={error} />
    </form>
  )
}
