import type { PresenceUser } from '@scaleboard/board-sync'
import { canEditBoard, type SessionAccess } from '@scaleboard/schema'
import { RefreshCw } from 'lucide-react'
import { useMemo, useState } from 'react'
import type { Editor } from 'tldraw'
import { AnalysisBoardLayer } from '../analysis/AnalysisBoardLayer.tsx'
import { useLiveAnalysis } from '../analysis/useLiveAnalysis.ts'
import { AnnotationBar } from '../annotations/AnnotationBar.tsx'
import { useAnnotations } from '../annotations/useAnnotations.ts'
import { BriefPanel } from '../brief/BriefPanel.tsx'
import { colourFor, displayName, getBrowserUserId } from '../identity.ts'
import { InterviewPanels, RevisionFocus } from '../interview/InterviewPanels.tsx'
import { SessionClock } from '../interview/SessionClock.tsx'
import { useInterviewData } from '../interview/useInterviewData.ts'
import { useSessionState } from '../interview/useSessionState.ts'
import { MessagePage } from '../MessagePage.tsx'
import { BoardBanners } from './BoardBanners.tsx'
import { BoardCanvas } from './BoardCanvas.tsx'
import { BoardLayout } from './BoardLayout.tsx'
import { BoardSkeleton } from './BoardSkeleton.tsx'
import { ConnectionIndicator } from './ConnectionIndicator.tsx'
import { connectionState } from './connectionState.ts'
import { useChosenName, withChosenName } from './displayName.ts'
import { EmptyBoardHint } from './EmptyBoardHint.tsx'
import { InspectorPanel } from './InspectorPanel.tsx'
import { PaletteBar } from './PaletteBar.tsx'
import { TopBar } from './TopBar.tsx'
import { useBoardConnection } from './useBoardConnection.ts'
import { useBoundBoard } from './useBoundBoard.ts'
import { useFollow } from './useFollow.ts'
import { useInspectableSelection } from './useInspectableSelection.ts'
import { usePeople } from './usePeople.ts'
import { useWalkthrough } from './useWalkthrough.ts'
import { WalkthroughBar } from './WalkthroughBar.tsx'

/** From this window width on, both side panels start open. */
const WIDE_SCREEN_PX = 1440

interface Props {
  sessionId: string
  token: string
  access: SessionAccess
}

/** A board the link gave access to: connection, synced store, and the room around the canvas. */
export function BoardRoom({ sessionId, token, access }: Props) {
  // pinned comments carry the name the interviewer chose, as it changes
  const chosenName = useChosenName()
  const { session, role } = access
  const self = useMemo<PresenceUser>(() => {
    const id = getBrowserUserId()
    return { id, name: displayName(role, session.candidateName), color: colourFor(role, id), role }
  }, [role, session.candidateName])

  const { connection, facts, retry } = useBoardConnection(sessionId, token, self.id)
  const state = connectionState(facts)
  const board = useBoundBoard(connection, facts.everSynced, role, self, state)
  const people = usePeople(connection?.provider.awareness ?? null, self)
  const [editor, setEditor] = useState<Editor | null>(null)
  const annotations = useAnnotations(sessionId, token, self, role, board?.store ?? null, editor)
  const { followingId, toggleFollow } = useFollow(editor)
  const canEdit = canEditBoard(role)
  const inspecting = useInspectableSelection(editor)
  const sessionState = useSessionState(sessionId, token, connection?.provider ?? null)
  const interviewData = useInterviewData(sessionId, token, role, connection?.provider ?? null)
  const phase = sessionState.received?.view.phase.name ?? null
  const analysis = useLiveAnalysis(sessionId, token, role, editor, connection?.provider ?? null)
  const { bringEveryone } = useWalkthrough({
    editor,
    awareness: connection?.provider.awareness ?? null,
    phase,
    people,
    self,
    followingId,
  })

  if (!board || !connection) {
    if (facts.failure) {
      return (
        <MessagePage title="Could not open the board">
          <p>{facts.failure.message}</p>
          {facts.failure.detail && (
            <p>
              <small>Server: {facts.failure.detail}</small>
            </p>
          )}
          {facts.failure.action && (
            <div>
              <button
                type="button"
                className="sb-button sb-button--primary"
                onClick={facts.failure.action === 'reload' ? () => window.location.reload() : retry}
              >
                <RefreshCw size={16} aria-hidden />{' '}
                {facts.failure.action === 'reload' ? 'Reload board' : 'Try again'}
              </button>
            </div>
          )}
        </MessagePage>
      )
    }
    return (
      <BoardSkeleton title={session.title}>
        <ConnectionIndicator state={state} />
      </BoardSkeleton>
    )
  }

  return (
    <BoardLayout
      topBar={
        <TopBar
          session={session}
          role={role}
          people={people}
          connection={state}
          followingId={followingId}
          onToggleFollow={toggleFollow}
          center={<SessionClock sessionId={sessionId} token={token} role={role} state={sessionState} />}
        />
      }
      left={
        session.scenarioId
          ? {
              title: 'Brief',
              id: 'brief',
              content: (
                <BriefPanel
                  sessionId={sessionId}
                  token={token}
                  role={role}
                  requirementChanges={interviewData.requirements.data}
                  messages={interviewData.messages.data}
                />
              ),
            }
          : undefined
      }
      right={{
        title: 'Inspector & interview',
        id: 'inspector',
        content: (
          <InterviewPanels
            sessionId={sessionId}
            token={token}
            role={role}
            phase={phase}
            data={interviewData}
            editor={editor}
            provider={connection.provider}
            analysis={analysis}
            inspector={<InspectorPanel editor={editor} canEdit={canEdit} />}
          />
        ),
        // On a laptop screen two open panels leave the board too little room: the inspector starts
        // collapsed there, and its rail lights up while a component is selected.
        defaultOpen: window.innerWidth >= WIDE_SCREEN_PX,
        attention: inspecting !== null,
      }}
      // Observers only watch: no library to add from.
      bottom={canEdit ? <PaletteBar editor={editor} /> : undefined}
      banners={
        <BoardBanners
          failure={facts.failure}
          notice={facts.notice}
          schemaTooNew={board.schemaTooNew}
          onRetry={retry}
        />
      }
    >
      <BoardCanvas
        sessionId={sessionId}
        store={board.store}
        awareness={connection.provider.awareness}
        role={role}
        self={self}
        onEditor={setEditor}
      />
      <EmptyBoardHint editor={editor} canEdit={canEdit} />
      <AnalysisBoardLayer editor={editor} live={analysis} />
      <RevisionFocus phase={phase} data={interviewData} editor={editor} />
      {role === 'interviewer' && (
        <AnnotationBar
          editor={editor}
          name={withChosenName(self, chosenName).name}
          state={annotations.state}
        />
      )}
      <WalkthroughBar
        editor={editor}
        people={people}
        followingId={followingId}
        onBringEveryone={bringEveryone}
      />
    </BoardLayout>
  )
}
