import type { PhaseView, Role } from '@scaleboard/schema'
import { useEffect, useRef, useState } from 'react'
import { phaseAnnouncement } from './announcement.ts'
import { PhaseControls } from './PhaseControls.tsx'
import { PhaseTimer } from './PhaseTimer.tsx'
import { type Announcement, PhaseToast } from './PhaseToast.tsx'
import type { SessionState } from './useSessionState.ts'
import './interview.css'

interface Props {
  sessionId: string
  token: string
  role: Role
  state: SessionState
}

/** The middle of the top bar: the shared timer for everyone, the clock controls for interviewers. */
export function SessionClock({ sessionId, token, role, state }: Props) {
  const { received, error, accept } = state
  const announcement = useAnnouncement(received?.view.phase ?? null)
  return (
    <div className="session-clock">
      <PhaseTimer received={received} error={error} />
      {role === 'interviewer' && received && (
        <PhaseControls sessionId={sessionId} token={token} phase={received.view.phase} onView={accept} />
      )}
      <PhaseToast announcement={announcement} />
    </div>
  )
}

function useAnnouncement(phase: PhaseView | null): Announcement | null {
  const previous = useRef<PhaseView | null>(null)
  const ids = useRef(0)
  const [announcement, setAnnouncement] = useState<Announcement | null>(null)
  useEffect(() => {
    if (!phase) return
    const text = phaseAnnouncement(previous.current, phase)
    previous.current = phase
    if (text) setAnnouncement({ text, id: ++ids.current })
  }, [phase])
  return announcement
}
