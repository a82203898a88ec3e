import {
  REVISION_LABEL_MAX_LENGTH,
  type RestoreResult,
  type Revision,
  type RevisionAuthor,
  type Role,
} from '@scaleboard/schema'

/*
 * The Revisions section's rules in plain functions: who may do what, how a revision is described,
 * where the replay opens, and what a restore says it did.
 */

/** Everyone but observers may mark a moment (the server refuses observers too). */
export function canSaveRevision(role: Role): boolean {
  return role !== 'observer'
}

/**
 * Restore, replay sharing and the report: the interviewer's (the organiser's view of a board is the
 * interviewer's role, so it is covered too).
 */
export function canManageRevisions(role: Role): boolean {
  return role === 'interviewer'
}

/** What an empty list says: what revisions are, and (to those who may) how to make one. */
export function emptyRevisionsText(role: Role): string {
  return canSaveRevision(role)
    ? 'Revisions are saved at each phase change. Save one yourself to mark a moment, e.g. ‘before caching’.'
    : 'Revisions are saved at each phase change, and when the candidate or the interviewer marks a moment.'
}

/**
 * Whether this viewer gets the replay link: always, except the candidate, who waits until the
 * interviewer shares the replay (`shared` null: not known yet, so nothing is promised).
 */
export type ReplayAccess = 'open' | 'waiting' | 'unknown'

export function replayAccess(role: Role, shared: boolean | null): ReplayAccess {
  if (role !== 'candidate') return 'open'
  if (shared === null) return 'unknown'
  return shared ? 'open' : 'waiting'
}

const AUTHOR_WORDS: Record<RevisionAuthor, string> = {
  candidate: 'the candidate',
  interviewer: 'the interviewer',
  observer: 'an observer',
  organiser: 'the organiser',
  system: 'Scaleboard',
}

/** Why the revision exists, in a few words: "Phase change", "Saved by the candidate", "Before a restore". */
export function describeKind(revision: Pick<Revision, 'kind' | 'author'>): string {
  switch (revision.kind) {
    case 'phase':
      return 'Phase change'
    case 'manual':
      return `Saved by ${AUTHOR_WORDS[revision.author]}`
    case 'restore':
      return 'Before a restore'
  }
}

/**
 * Newest first: the moment someone just saved, or the phase that just ended, is the one most often
 * opened or restored, and it stays in view under the save form however long the list grows. The
 * server lists oldest first, so its order is reversed (a stable tie-break for equal times).
 */
export function newestFirst(revisions: readonly Revision[]): Revision[] {
  return [...revisions].reverse()
}

/** The list with `added` in it (at the end, as the server would list it), once, however it arrived. */
export function withRevision(revisions: readonly Revision[] | null, added: Revision): Revision[] {
  const current = revisions ?? []
  return current.some((revision) => revision.id === added.id)
    ? current.map((revision) => (revision.id === added.id ? added : revision))
    : [...current, added]
}

/**
 * When the revision was taken, as wall-clock time: "14:32", with the date in front when it was not
 * today ("30 Nov, 14:32"), since a session's records outlive the day of the interview.
 */
export function formatRevisionTime(at: string, now: Date = new Date(), locale?: string): string {
  const date = new Date(at)
  if (Number.isNaN(date.getTime())) return at
  const time = date.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' })
  if (date.toDateString() === now.toDateString()) return time
  const day = date.toLocaleDateString(locale, { day: 'numeric', month: 'short' })
  return `${day}, ${time}`
}

/** The full time for a tooltip: "1 December 2026 at 14:32:05" in the reader's locale. */
export function revisionTimeTitle(at: string, locale?: string): string {
  const date = new Date(at)
  return Number.isNaN(date.getTime())
    ? at
    : date.toLocaleString(locale, { dateStyle: 'long', timeStyle: 'medium' })
}

export type LabelCheck = { ok: true; label: string } | { ok: false; message: string }

/** The label as the server will take it (trimmed, 1 to 80 characters), or what is wrong in plain words. */
export function checkRevisionLabel(raw: string): LabelCheck {
  const label = raw.trim()
  if (label === '') return { ok: false, message: 'Give the revision a name, e.g. “before caching”.' }
  if (label.length > REVISION_LABEL_MAX_LENGTH)
    return {
      ok: false,
      message: `Keep the name to ${REVISION_LABEL_MAX_LENGTH} characters (it has ${label.length}).`,
    }
  return { ok: true, label }
}

/** How the board page was opened: with a role link's token, or as the organiser (`#as=organiser`). */
export type Viewer = { kind: 'link'; token: string } | { kind: 'organiser' }

/**
 * The replay view's address for this viewer, `/s/<id>/replay#token=…` (the board link's own
 * fragment) or `#as=organiser`, with `rev=<revision id>` to open it at one revision.
 */
export function replayHref(sessionId: string, viewer: Viewer, revisionId?: string): string {
  const fragment = new URLSearchParams()
  if (viewer.kind === 'organiser') fragment.set('as', 'organiser')
  else fragment.set('token', viewer.token)
  if (revisionId) fragment.set('rev', revisionId)
  return `/s/${encodeURIComponent(sessionId)}/replay#${fragment}`
}

/** "Restored ‘End of design’ (12 records written back)", with what was removed when anything was. */
export function restoreSummary(label: string, result: Pick<RestoreResult, 'written' | 'removed'>): string {
  const written = `${result.written} ${result.written === 1 ? 'record' : 'records'} written back`
  const removed = result.removed > 0 ? `, ${result.removed} removed` : ''
  return `Restored ‘${label}’ (${written}${removed})`
}

/** The downloaded Markdown's file name: the session's id, and whether the private notes are in it. */
export function reportFileName(sessionId: string, withNotes: boolean): string {
  const safeId = sessionId.replace(/[^A-Za-z0-9_-]+/g, '-')
  return `scaleboard-report-${safeId}${withNotes ? '' : '-without-notes'}.md`
}

/**
 * Restores someone else made since the list was last seen (`seen` null: the first answer, nothing
 * is news), so the board changing under a person is explained, not a surprise.
 */
export function arrivedRestores(
  seen: ReadonlySet<string> | null,
  revisions: readonly Revision[],
): Revision[] {
  if (seen === null) return []
  return revisions.filter((revision) => revision.kind === 'restore' && !seen.has(revision.id))
}

/**
 * What a person whose board was just restored by someone else reads. The label of the revision kept
 * before the restore is not repeated: it quotes the restored one ("Before restoring “…”") and reads
 * badly inside another pair of quotes; the list right below shows it.
 */
export function restoredByOthersNotice(before: Pick<Revision, 'author'>): string {
  const who = AUTHOR_WORDS[before.author]
  return `${who.charAt(0).toUpperCase()}${who.slice(1)} restored an earlier revision of the board. How it looked just before is kept in the list below.`
}
