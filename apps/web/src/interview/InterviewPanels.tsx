import type { Phase, Role } from '@scaleboard/schema'
import { Target } from 'lucide-react'
import type { ReactNode } from 'react'
import type { Editor } from 'tldraw'
import type { WebsocketProvider } from 'y-websocket'
import { AnalysisSection } from '../analysis/AnalysisSection.tsx'
import type { LiveAnalysis } from '../analysis/useLiveAnalysis.ts'
import { ChecklistPanel, SharedChecklist } from '../checklist/ChecklistPanel.tsx'
import { describeTally, tallyStatuses } from '../checklist/groupChecklist.ts'
import { RevisionAnchors } from '../feedback/FeedbackAnchors.tsx'
import { FeedbackPanel } from '../feedback/FeedbackPanel.tsx'
import { NotesPanel } from '../notes/NotesPanel.tsx'
import { QaPanel } from '../qa/QaPanel.tsx'
import { RevisionsSection } from '../revisions/RevisionsSection.tsx'
import { PanelSection } from './PanelSection.tsx'
import type { InterviewData } from './useInterviewData.ts'
import './panels.css'

interface Props {
  sessionId: string
  token: string
  role: Role
  phase: Phase | null
  data: InterviewData
  /** the selected component's figures: the first section */
  inspector: ReactNode
  /** the mounted board editor (null until mounted): feedback anchors to and highlights its components */
  editor: Editor | null
  /** the board's socket, for the Revisions section's live refresh (its `changed` frames) */
  provider?: WebsocketProvider | null
  /** the live design analysis (computed once for the page; the badges over the board read it too) */
  analysis?: LiveAnalysis | null
}

/**
 * The right-hand panel, top to bottom: Inspector, Checklist and Notes (interviewer only, and
 * marked so), Q&A, Revisions, Feedback. The candidate and observers see the checklist only once the
 * interviewer shares its result; the notes never.
 */
export function InterviewPanels({
  sessionId,
  token,
  role,
  phase,
  data,
  inspector,
  editor,
  provider = null,
  analysis = null,
}: Props) {
  const interviewer = role === 'interviewer'
  const checklist = data.checklist.data
  const messageCount = data.messages.data?.length ?? 0
  const released = data.feedback.data?.released ?? false
  return (
    <div className="interview-panels">
      <PanelSection id="inspector" title="Inspector">
        {inspector}
      </PanelSection>
      {interviewer && (
        <PanelSection
          id="checklist"
          title="Checklist"
          interviewerOnly={!checklist?.shared}
          summary={checklist ? describeTally(tallyStatuses(checklist.items)) : undefined}
        >
          <ChecklistPanel
            sessionId={sessionId}
            token={token}
            checklist={data.checklist}
            requirements={data.requirements}
          />
        </PanelSection>
      )}
      {!interviewer && checklist?.shared && (
        <PanelSection id="checklist" title="Checklist result">
          <SharedChecklist checklist={checklist} />
        </PanelSection>
      )}
      {/* the design analysis: the interviewer's, after the checklist it informs; others see it once shown */}
      {analysis && <AnalysisSection sessionId={sessionId} token={token} editor={editor} live={analysis} />}
      {interviewer && (
        <PanelSection
          id="notes"
          title="Notes"
          interviewerOnly
          summary={countLabel(data.notes.data?.length, 'note', 'notes')}
        >
          <NotesPanel sessionId={sessionId} token={token} notes={data.notes} checklist={checklist} />
        </PanelSection>
      )}
      <PanelSection id="qa" title="Q&A" summary={countLabel(messageCount, 'post', 'posts')}>
        <QaPanel sessionId={sessionId} token={token} role={role} messages={data.messages} />
      </PanelSection>
      {/* Revisions, for every role (saving, restore and the report by role): after the Q&A everyone
          uses from the first minute, before the feedback that closes the interview */}
      <RevisionsSection sessionId={sessionId} token={token} role={role} provider={provider} />
      <PanelSection
        id="feedback"
        title="Feedback"
        summary={
          interviewer ? (data.feedback.data ? (released ? 'released' : 'draft') : undefined) : undefined
        }
      >
        <FeedbackPanel
          sessionId={sessionId}
          token={token}
          role={role}
          phase={phase}
          feedback={data.feedback}
          editor={editor}
        />
      </PanelSection>
    </div>
  )
}

function countLabel(count: number | undefined, one: string, many: string): string | undefined {
  return count ? `${count} ${count === 1 ? one : many}` : undefined
}

/**
 * In the revision phase the improvement the candidate works on stays in view, over the board
 * (for every role: the interviewer and observers see what the candidate is asked to revise).
 * Given the board's editor, the components it is anchored to are named and outlined on the board
 * (on by default, toggleable).
 */
export function RevisionFocus({
  phase,
  data,
  editor = null,
}: {
  phase: Phase | null
  data: InterviewData
  editor?: Editor | null
}) {
  const feedback = data.feedback.data
  if (phase !== 'revision' || !feedback?.released) return null
  return (
    <div className="revision-focus" data-testid="revision-focus" role="note" aria-label="What to revise">
      <Target size={16} aria-hidden />
      <div className="revision-focus__body">
        <div>
          <strong>Revise:</strong> {feedback.improvement.text}
        </div>
        <RevisionAnchors
          editor={editor}
          shapeIds={feedback.improvement.shapeIds}
          version={feedback.updatedAt.at}
        />
      </div>
    </div>
  )
}
