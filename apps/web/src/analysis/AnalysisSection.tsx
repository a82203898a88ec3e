import type { AnalysisState } from '@scaleboard/schema'
import { FlaskConical } from 'lucide-react'
import type { Editor } from 'tldraw'
import { shareAnalysis } from '../api.ts'
import { LoadState, PanelSection } from '../interview/PanelSection.tsx'
import { PanelSwitch } from '../interview/PanelSwitch.tsx'
import { usePanelAction } from '../interview/usePanelAction.ts'
import { FindingsList } from './FindingsList.tsx'
import { Scoreboard } from './Scoreboard.tsx'
import { scoreTiles } from './scoreboard.ts'
import { shapeNameOf } from './showShapes.ts'
import type { LiveAnalysis } from './useLiveAnalysis.ts'
import { WhatIfControls } from './WhatIfControls.tsx'
import { describeWhatIf } from './whatIf.ts'
import './analysis.css'

interface Props {
  sessionId: string
  token: string
  editor: Editor | null
  live: LiveAnalysis
}

/**
 * The "Analysis" section of the right-hand panel: the scoreboard, the findings and, for the
 * interviewer, the what-if controls and the switch that shows it all to everyone. Nothing at all
 * for the candidate and observers until it is shown.
 */
export function AnalysisSection({ sessionId, token, editor, live }: Props) {
  const { state, visible, analysis, canControl } = live
  if (!canControl && !visible) return null
  const data = state.data
  const shown = data?.shown ?? false
  const tiles = analysis && analysis.components.length > 0 ? scoreTiles(analysis, data?.targets ?? null) : []
  const red = tiles.filter((t) => t.tone === 'red').length
  const amber = tiles.filter((t) => t.tone === 'amber').length
  const summary = data?.whatIf
    ? 'what-if'
    : tiles.length
      ? [red && `${red} red`, amber && `${amber} amber`].filter(Boolean).join(' · ') || 'all clear'
      : undefined
  return (
    <PanelSection id="analysis" title="Analysis" interviewerOnly={canControl && !shown} summary={summary}>
      {!state.loaded || (canControl && !data) ? (
        <LoadState error={state.error} onRetry={state.reload} what="the analysis" />
      ) : (
        <div className="analysis" data-testid="analysis">
          {canControl && data && (
            <ShowToEveryone
              sessionId={sessionId}
              token={token}
              shown={shown}
              onState={(next) => state.set(() => next)}
            />
          )}
          {!canControl && <p className="panel-hint">The interviewer shows you this analysis of the board.</p>}
          <WhatIfBanner state={data} editor={editor} />
          {data && !data.targets && (
            <p className="panel-hint">
              This session has no scenario: no peak enters at the clients, only rates written on arrows count.
            </p>
          )}
          {!analysis ? (
            <p className="panel-muted" role="status">
              Reading the board…
            </p>
          ) : analysis.components.length === 0 ? (
            <p className="panel-empty" data-testid="analysis-empty">
              No components on the board yet. Once the design has cards and arrows, its headroom, p99, cost
              and availability show here.
            </p>
          ) : (
            <>
              {analysis.scope === 'reference' && (
                <p className="panel-hint">
                  The candidate has drawn no component yet: this is the current state.
                </p>
              )}
              <Scoreboard analysis={analysis} targets={data?.targets ?? null} editor={editor} />
              <p className="analysis-subtitle">Findings</p>
              <FindingsList findings={analysis.findings} editor={editor} />
            </>
          )}
          {canControl && data && (
            <WhatIfControls
              sessionId={sessionId}
              token={token}
              editor={editor}
              analysis={analysis}
              whatIf={data.whatIf}
              onState={(next) => state.set(() => next)}
            />
          )}
          {state.error && <LoadState error={state.error} onRetry={state.reload} what="the analysis" />}
        </div>
      )}
    </PanelSection>
  )
}

function ShowToEveryone({
  sessionId,
  token,
  shown,
  onState,
}: {
  sessionId: string
  token: string
  shown: boolean
  onState: (state: AnalysisState) => void
}) {
  const { busy, error, run } = usePanelAction()
  const toggle = () => run(null, async () => onState(await shareAnalysis(sessionId, token, !shown)))
  return (
    <div className="analysis-share">
      <PanelSwitch
        label="Show to everyone"
        checked={shown}
        disabled={busy}
        onToggle={toggle}
        hint={{
          on: 'The candidate and observers see the scoreboard, the findings, the badges and any what-if.',
          off: 'Only you see the analysis and its badges on the board.',
        }}
      />
      {error && (
        <p className="panel-error" role="alert">
          Could not change who sees it: {error}
        </p>
      )}
    </div>
  )
}

/** "What-if: traffic × 10 · cold cache", for everyone who sees the analysis. */
export function WhatIfBanner({
  state,
  editor,
  testId = 'analysis-whatif-active',
}: {
  state: AnalysisState | null
  editor: Editor | null
  testId?: string
}) {
  const parts = describeWhatIf(state?.whatIf ?? null, shapeNameOf(editor, 'a component'))
  if (parts.length === 0) return null
  return (
    <p className="analysis-whatif-chip" data-testid={testId} role="status">
      <FlaskConical size={14} aria-hidden />
      <span>
        <strong>What-if:</strong> {parts.join(' · ')}
      </span>
    </p>
  )
}
