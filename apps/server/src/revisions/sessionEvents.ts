import { analysisSettings, describeAnalysisChange } from '@scaleboard/analysis'
import { checklistView, scenarioChecklist } from '@scaleboard/interview'
import { type SessionRecords, sessionTimeline } from '@scaleboard/revisions'
import type { Scenario, TimelineEvent } from '@scaleboard/schema'
import type { SessionRecord, Storage } from '@scaleboard/storage'
import { toRevision } from './revisionService.ts'

export interface SessionEventsDeps {
  storage: Storage
  scenarios: ReadonlyMap<string, Scenario>
  /** the names of the board's shapes now, to say which region or component a what-if hit */
  shapeNames?: (sessionId: string) => Promise<ReadonlyMap<string, string>>
}

export interface SessionEvents {
  /** The session's stored records beside the board, as the reader may see them. */
  records(session: SessionRecord, reader: Reader): Promise<SessionRecords>
  /** The same, as the replay's list of events on one time axis. */
  timeline(session: SessionRecord, reader: Reader): Promise<TimelineEvent[]>
}

/** Who reads: the interviewer's side (interviewer, organiser) sees notes, statuses and unreleased feedback. */
export interface Reader {
  interviewerSide: boolean
}

/**
 * Gathers what happened in a session beside its board (phases, revisions, the checklist with its
 * states, Q&A, requirement changes, feedback, notes) from the stores, for the replay and the
 * report. Each reader gets what the live board would show them: private notes and unreleased
 * feedback only on the interviewer's side, checklist statuses there or once the checklist is shared.
 */
export function createSessionEvents({ storage, scenarios, shapeNames }: SessionEventsDeps): SessionEvents {
  async function records(session: SessionRecord, { interviewerSide }: Reader): Promise<SessionRecords> {
    const scenario = session.scenarioId ? scenarios.get(session.scenarioId) : undefined
    const [
      phaseEvents,
      revisions,
      added,
      states,
      shared,
      messages,
      requirementChanges,
      feedback,
      notes,
      analysisEvents,
    ] = await Promise.all([
      storage.listPhaseEvents(session.id),
      storage.listRevisions(session.id),
      storage.listChecklistItems(session.id),
      storage.listChecklistStates(session.id),
      storage.isChecklistShared(session.id),
      storage.listMessages(session.id),
      storage.listRequirementChanges(session.id),
      storage.getFeedback(session.id),
      interviewerSide ? storage.listNotes(session.id) : Promise.resolve([]),
      storage.listAnalysisEvents(session.id),
    ])
    // what-ifs are the interviewer's until the analysis is shown to everyone
    const whatIfs =
      interviewerSide || analysisSettings(analysisEvents).shown
        ? analysisEvents.filter((event) => event.change.kind !== 'shown')
        : []
    const names = whatIfs.length > 0 && shapeNames ? await shapeNames(session.id) : new Map<string, string>()
    const base = scenario ? scenarioChecklist(scenario.checklist, session.level) : []
    return {
      phaseEvents,
      revisions: revisions.map(toRevision),
      checklist: checklistView(base, added, states, shared, interviewerSide || shared).items,
      messages,
      requirementChanges,
      feedback: feedback && (feedback.released || interviewerSide) ? feedback : null,
      ...(interviewerSide ? { notes } : {}),
      analysisChanges: whatIfs.map((event) => ({
        at: event.at,
        text: describeAnalysisChange(event.change, (id) => names.get(id)),
      })),
    }
  }
  return {
    records,
    async timeline(session, options) {
      return sessionTimeline(await records(session, options))
    },
  }
}
