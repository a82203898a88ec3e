import { useCallback, useEffect, useRef } from 'react'
import { Box, createUserId, type Editor, useValue } from 'tldraw'
import type { WebsocketProvider } from 'y-websocket'
import type { Person } from './usePeople.ts'

/** "Bring everyone to my view": the interviewer's viewport in page space, and when it was sent. */
export interface Summon {
  bounds: { x: number; y: number; w: number; h: number }
  at: number
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value)
}

/** A summon from another browser's awareness state, or null if it is missing or malformed. */
export function readSummon(value: unknown): Summon | null {
  if (!value || typeof value !== 'object') return null
  const { bounds, at } = value as { bounds?: Record<string, unknown>; at?: unknown }
  if (!bounds || typeof bounds !== 'object' || !isFiniteNumber(at)) return null
  const { x, y, w, h } = bounds
  if (!isFiniteNumber(x) || !isFiniteNumber(y) || !isFiniteNumber(w) || !isFiniteNumber(h)) return null
  if (w <= 0 || h <= 0) return null
  return { bounds: { x, y, w, h }, at }
}

interface Options {
  editor: Editor | null
  awareness: WebsocketProvider['awareness'] | null
  phase: string | null
  people: Person[]
  self: Person | { id: string; role?: string }
  /** Stable id of the person this browser follows (from useFollow). */
  followingId: string | null
}

/**
 * The walkthrough: everyone but the candidate follows the candidate's view while the phase lasts
 * (stopping is respected until the next phase change), and the interviewer can bring everyone to
 * their own view (a `summon` in their awareness state, acted on once per new `at`).
 */
export function useWalkthrough({ editor, awareness, phase, people, self, followingId }: Options) {
  const walkthrough = phase === 'walkthrough'
  const candidateId = people.find((person) => !person.isSelf && person.role === 'candidate')?.id ?? null
  const candidatePresent = useValue(
    'candidate presence',
    () =>
      !!editor &&
      !!candidateId &&
      editor.getCollaborators().some((presence) => presence.userId === createUserId(candidateId)),
    [editor, candidateId],
  )
  /** The person we started following automatically, while we still follow them. */
  const autoFollowing = useRef<string | null>(null)
  /** Someone stopped following during this phase: leave them be until the phase changes. */
  const stopped = useRef(false)

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new phase clears the choice
  useEffect(() => {
    stopped.current = false
  }, [phase])

  // Following ended while we had started it: the person stopped (a button, or panning the board),
  // unless the candidate just left (then follow again when they are back).
  useEffect(() => {
    const auto = autoFollowing.current
    if (!editor || !auto || followingId === auto) return
    autoFollowing.current = null
    const leaderHere = editor.getCollaborators().some((presence) => presence.userId === createUserId(auto))
    if (walkthrough && leaderHere) stopped.current = true
  }, [editor, followingId, walkthrough])

  useEffect(() => {
    if (!editor || self.role === 'candidate') return
    if (walkthrough) {
      if (stopped.current || !candidateId || !candidatePresent) return
      if (editor.getInstanceState().followingUserId === createUserId(candidateId)) return
      autoFollowing.current = candidateId
      editor.startFollowingUser(createUserId(candidateId))
    } else if (autoFollowing.current) {
      const auto = autoFollowing.current
      autoFollowing.current = null
      if (editor.getInstanceState().followingUserId === createUserId(auto)) editor.stopFollowingUser()
    }
  }, [editor, walkthrough, candidateId, candidatePresent, self.role])

  // The interviewer's summon lasts for the walkthrough only.
  useEffect(() => {
    if (!awareness || walkthrough || self.role !== 'interviewer') return
    const local = awareness.getLocalState() as { summon?: unknown } | null
    if (local?.summon) awareness.setLocalStateField('summon', null)
  }, [awareness, walkthrough, self.role])

  // Others' summons: zoom to the interviewer's view once per new `at`.
  const seen = useRef(new Map<number, number>())
  useEffect(() => {
    if (!editor || !awareness || !walkthrough) return
    const check = () => {
      for (const [clientId, state] of awareness.getStates()) {
        if (clientId === awareness.clientID) continue
        const { user, summon: raw } = (state ?? {}) as {
          user?: { id?: unknown; role?: unknown }
          summon?: unknown
        }
        if (user?.role !== 'interviewer' || user.id === self.id) continue
        const summon = readSummon(raw)
        if (!summon || seen.current.get(clientId) === summon.at) continue
        seen.current.set(clientId, summon.at)
        // Someone following a view gets there with the person they follow.
        if (editor.getInstanceState().followingUserId) continue
        editor.zoomToBounds(Box.From(summon.bounds), { inset: 0, animation: { duration: 250 } })
      }
    }
    check()
    awareness.on('change', check)
    return () => awareness.off('change', check)
  }, [editor, awareness, walkthrough, self.id])

  const bringEveryone = useCallback(() => {
    if (!editor || !awareness) return
    const { x, y, w, h } = editor.getViewportPageBounds()
    const round = (n: number) => Math.round(n * 100) / 100
    const summon: Summon = { bounds: { x: round(x), y: round(y), w: round(w), h: round(h) }, at: Date.now() }
    awareness.setLocalStateField('summon', summon)
  }, [editor, awareness])

  return {
    walkthrough,
    bringEveryone:
      editor && awareness && self.role === 'interviewer' && walkthrough ? bringEveryone : undefined,
  }
}
