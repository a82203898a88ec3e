import { randomBytes } from 'node:crypto'
import type { OpenAPIHono } from '@hono/zod-openapi'
import { checklistView, scenarioChecklist } from '@scaleboard/interview'
import type { Checklist, ChecklistEntry, Scenario, SessionMessage } from '@scaleboard/schema'
import type { SessionRecord, Storage } from '@scaleboard/storage'
import { ApiException } from '../http/errors.ts'
import type { Grant } from '../http/grant.ts'
import type { SessionState } from '../interview/sessionState.ts'
import {
  addChecklistItemRoute,
  addNoteRoute,
  getChecklistRoute,
  getFeedbackRoute,
  listMessagesRoute,
  listNotesRoute,
  postMessageRoute,
  saveFeedbackRoute,
  shareChecklistRoute,
  updateChecklistItemRoute,
} from './workflow.routes.ts'

export interface WorkflowRoutesDeps {
  storage: Storage
  sessionState: SessionState
  scenarios: ReadonlyMap<string, Scenario>
}

/** Who may see the interviewer's side of things: statuses, notes, unreleased feedback. */
const isInterviewerSide = (grant: Grant) => grant.kind === 'organiser' || grant.role === 'interviewer'

const newId = (prefix: string) => `${prefix}-${randomBytes(9).toString('base64url')}`

/**
 * The interview's records beside the board: the checklist (the interviewer's rubric), private
 * notes, the Q&A thread and the feedback. Each change is stamped with the session clock and
 * announced on the session-state channel, so every open board refetches what changed.
 */
export function registerWorkflowRoutes(app: OpenAPIHono, deps: WorkflowRoutesDeps): void {
  const { storage, sessionState } = deps

  async function sessionOf(id: string): Promise<SessionRecord> {
    const session = await storage.getSession(id)
    if (!session) throw new ApiException(404, 'not_found', 'There is no such session.')
    return session
  }

  function baseChecklist(session: SessionRecord): ChecklistEntry[] {
    const scenario = session.scenarioId ? deps.scenarios.get(session.scenarioId) : undefined
    return scenario ? scenarioChecklist(scenario.checklist, session.level) : []
  }

  async function checklistFor(session: SessionRecord, withState: boolean): Promise<Checklist> {
    const [added, states, shared] = await Promise.all([
      storage.listChecklistItems(session.id),
      storage.listChecklistStates(session.id),
      storage.isChecklistShared(session.id),
    ])
    return checklistView(baseChecklist(session), added, states, shared, withState || shared)
  }

  app.openapi(getChecklistRoute, async (c) => {
    const session = await sessionOf(c.req.valid('param').id)
    return c.json(await checklistFor(session, isInterviewerSide(c.var.grant)), 200)
  })

  app.openapi(addChecklistItemRoute, async (c) => {
    const session = await sessionOf(c.req.valid('param').id)
    const body = c.req.valid('json')
    const item: ChecklistEntry = {
      id: newId('item'),
      text: body.text,
      group: body.group ?? 'requirements',
      source: 'interviewer',
    }
    await storage.addChecklistItem(session.id, item)
    sessionState.changed(session.id, 'checklist')
    return c.json(item, 201)
  })

  app.openapi(updateChecklistItemRoute, async (c) => {
    const { id, itemId } = c.req.valid('param')
    const session = await sessionOf(id)
    const body = c.req.valid('json')
    const before = (await checklistFor(session, true)).items.find((item) => item.id === itemId)
    if (!before) throw new ApiException(404, 'not_found', 'There is no such checklist item.')
    await storage.setChecklistState(session.id, itemId, {
      ...(body.status !== undefined ? { status: body.status } : {}),
      ...(body.note !== undefined ? { note: body.note } : {}),
      changedAt: await sessionState.stamp(session),
    })
    sessionState.changed(session.id, 'checklist')
    const after = (await checklistFor(session, true)).items.find((item) => item.id === itemId)
    return c.json(after as ChecklistEntry, 200)
  })

  app.openapi(shareChecklistRoute, async (c) => {
    const session = await sessionOf(c.req.valid('param').id)
    await storage.setChecklistShared(session.id, c.req.valid('json').shared)
    sessionState.changed(session.id, 'checklist')
    return c.json(await checklistFor(session, true), 200)
  })

  app.openapi(listNotesRoute, async (c) => {
    const session = await sessionOf(c.req.valid('param').id)
    return c.json({ notes: await storage.listNotes(session.id) }, 200)
  })

  app.openapi(addNoteRoute, async (c) => {
    const session = await sessionOf(c.req.valid('param').id)
    const body = c.req.valid('json')
    if (body.itemId !== undefined) {
      const items = (await checklistFor(session, false)).items
      if (!items.some((item) => item.id === body.itemId))
        throw new ApiException(404, 'not_found', 'There is no such checklist item.')
    }
    const note = {
      id: newId('note'),
      text: body.text,
      itemId: body.itemId ?? null,
      at: await sessionState.stamp(session),
    }
    await storage.addNote(session.id, note)
    // Notes are private: nothing is announced on the channel every role listens to.
    return c.json(note, 201)
  })

  app.openapi(listMessagesRoute, async (c) => {
    const session = await sessionOf(c.req.valid('param').id)
    return c.json({ messages: await storage.listMessages(session.id) }, 200)
  })

  app.openapi(postMessageRoute, async (c) => {
    const session = await sessionOf(c.req.valid('param').id)
    const body = c.req.valid('json')
    const grant = c.var.grant
    const role = grant.kind === 'organiser' ? 'organiser' : grant.role
    if (role === 'observer') throw new ApiException(403, 'forbidden', 'Observers read the thread.')
    const author: SessionMessage['author'] = role
    const message: SessionMessage = {
      id: newId('msg'),
      author,
      text: body.text,
      at: await sessionState.stamp(session),
      clarification: isInterviewerSide(grant) && body.clarification === true,
    }
    await storage.addMessage(session.id, message)
    sessionState.changed(session.id, 'messages')
    return c.json(message, 201)
  })

  app.openapi(getFeedbackRoute, async (c) => {
    const session = await sessionOf(c.req.valid('param').id)
    const feedback = await storage.getFeedback(session.id)
    const visible = feedback && (feedback.released || isInterviewerSide(c.var.grant)) ? feedback : null
    return c.json({ feedback: visible }, 200)
  })

  app.openapi(saveFeedbackRoute, async (c) => {
    const session = await sessionOf(c.req.valid('param').id)
    const body = c.req.valid('json')
    const feedback = {
      strength: body.strength,
      improvement: body.improvement,
      released: body.released ?? false,
      updatedAt: await sessionState.stamp(session),
    }
    await storage.saveFeedback(session.id, feedback)
    sessionState.changed(session.id, 'feedback')
    return c.json(feedback, 200)
  })
}
