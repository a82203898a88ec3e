import type { BoardAnalysis } from '@scaleboard/analysis'
import type { AnalysisState, Role } from '@scaleboard/schema'
import type { Editor } from 'tldraw'
import type { WebsocketProvider } from 'y-websocket'
import type { LiveResource } from '../interview/useLiveResource.ts'
import { useAnalysisState } from './useAnalysisState.ts'
import { useBoardAnalysis } from './useBoardAnalysis.ts'

export interface LiveAnalysis {
  state: LiveResource<AnalysisState | null>
  /** this person sees the analysis now: the interviewer always, others once it is shown */
  visible: boolean
  /** null while hidden from this person, or before the board is mounted */
  analysis: BoardAnalysis | null
  /** may run what-ifs and show the analysis to everyone (the interviewer, and the organiser as one) */
  canControl: boolean
  role: Role
}

/**
 * The live analysis for this person, computed once for the whole board page: the side panel's
 * section and the badges over the canvas read the same result.
 */
export function useLiveAnalysis(
  sessionId: string,
  token: string,
  role: Role,
  editor: Editor | null,
  provider: WebsocketProvider | null,
): LiveAnalysis {
  const state = useAnalysisState(sessionId, token, provider)
  const canControl = role === 'interviewer'
  const visible = state.data !== null && (canControl || state.data.shown)
  const analysis = useBoardAnalysis(editor, visible ? state.data : null)
  return { state, visible, analysis, canControl, role }
}
