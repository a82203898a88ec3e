import { useEffect, useState } from 'react'

export interface Announcement {
  text: string
  /** a new id for every announcement, so the same words twice still show twice */
  id: number
}

const SHOWN_MS = 4000

/**
 * A small note under the timer when the phase or its clock changes, read out politely by screen
 * readers. It never takes focus or clicks: the board stays usable under it.
 */
export function PhaseToast({ announcement }: { announcement: Announcement | null }) {
  const [shown, setShown] = useState<Announcement | null>(null)
  useEffect(() => {
    if (!announcement) return
    setShown(announcement)
    const timer = window.setTimeout(() => setShown(null), SHOWN_MS)
    return () => window.clearTimeout(timer)
  }, [announcement])
  return (
    <div className="phase-toast-region" role="status" aria-live="polite">
      {shown && (
        <div key={shown.id} className="phase-toast" data-testid="phase-toast">
          {shown.text}
        </div>
      )}
    </div>
  )
}
