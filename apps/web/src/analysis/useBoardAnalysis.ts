import { type AnalysisRequirements, analyseBoard, type BoardAnalysis } from '@scaleboard/analysis'
import type { AnalysisState, AnalysisTargets } from '@scaleboard/schema'
import { useEffect, useMemo, useState } from 'react'
import type { Editor } from 'tldraw'
import { debounceWithMaxWait } from './debounce.ts'

/** Quiet time after a document change before the analysis runs again. */
export const RECOMPUTE_DEBOUNCE_MS = 250
/** A long drag changes the document every frame: it still sees a fresh analysis this often. */
export const RECOMPUTE_MAX_WAIT_MS = 1000

/**
 * The requirements the analysis takes. A session without a scenario has no targets: its only
 * traffic is what the arrows state (peak 0 at the clients), and no tile has a target to meet.
 */
export function requirementsOf(targets: AnalysisTargets | null): AnalysisRequirements {
  return targets ?? { peakRps: 0 }
}

/**
 * Counts document changes, debounced: a new number at most once per RECOMPUTE_DEBOUNCE_MS of quiet
 * (or per RECOMPUTE_MAX_WAIT_MS during a long edit). Camera, selection and presence never count.
 */
function useDocumentVersion(editor: Editor | null): number {
  const [version, setVersion] = useState(0)
  useEffect(() => {
    if (!editor) return
    const debounced = debounceWithMaxWait(
      () => setVersion((v) => v + 1),
      RECOMPUTE_DEBOUNCE_MS,
      RECOMPUTE_MAX_WAIT_MS,
    )
    const stop = editor.store.listen(debounced.trigger, { scope: 'document', source: 'all' })
    return () => {
      stop()
      debounced.cancel()
    }
  }, [editor])
  return version
}

/**
 * The analysis of the live board with the session's targets and what-if, or null while there is
 * nothing to compute (no editor yet, or the analysis is hidden from this person). Recomputed on
 * document changes (debounced) and when the state changes, never per frame.
 */
export function useBoardAnalysis(editor: Editor | null, state: AnalysisState | null): BoardAnalysis | null {
  const version = useDocumentVersion(editor)
  const targets = state?.targets ?? null
  const whatIf = state?.whatIf ?? null
  const active = state !== null
  // the state object is new after every refetch; its parts as text decide whether anything changed
  const key = JSON.stringify([targets, whatIf])
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` stands for the document, `key` for targets and what-if
  return useMemo(() => {
    if (!editor || !active) return null
    // tldraw replaces records on change, never mutates them: the analysis caches what it read per record
    return analyseBoard(editor.store.allRecords(), requirementsOf(targets), { whatIf: whatIf ?? undefined })
  }, [editor, active, version, key])
}
