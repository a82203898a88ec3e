import type { OpenAPIHono } from '@hono/zod-openapi'
import {
  boardSvg,
  diffBoards,
  type InterviewReport,
  interviewReportHtml,
  interviewReportMarkdown,
  revisionPhasePair,
} from '@scaleboard/revisions'
import type { Scenario } from '@scaleboard/schema'
import type { Storage } from '@scaleboard/storage'
import { ApiException } from '../http/errors.ts'
import { resolveSessionMinutes } from '../interview/phaseMinutes.ts'
import type { RevisionService } from '../revisions/revisionService.ts'
import type { SessionEvents } from '../revisions/sessionEvents.ts'
import { reportRoute } from './revisions.routes.ts'

export interface ReportRoutesDeps {
  storage: Storage
  revisions: RevisionService
  sessionEvents: SessionEvents
  scenarios: ReadonlyMap<string, Scenario>
}

/**
 * A report is a file a person keeps: it must never run anything, whatever a candidate typed into
 * the board. The page is self-contained (inline style, data: images), so it gets a policy that
 * allows nothing else.
 */
const REPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

/**
 * The interview report, for the interviewer and the organiser: scenario and level, phases,
 * checklist, feedback, Q&A, requirement changes, every revision with a schematic of its board,
 * and the diff of the revision phase. Private notes are in it unless `?notes=false` (a copy to
 * pass on).
 */
export function registerReportRoutes(app: OpenAPIHono, deps: ReportRoutesDeps): void {
  const { storage, revisions, sessionEvents } = deps

  app.openapi(reportRoute, async (c) => {
    const session = await storage.getSession(c.req.valid('param').id)
    if (!session) throw new ApiException(404, 'not_found', 'There is no such session.')
    const { format, notes } = c.req.valid('query')
    await revisions.flush(session.id)
    const [records, storedNotes] = await Promise.all([
      sessionEvents.records(session, { interviewerSide: true }),
      storage.listNotes(session.id),
    ])
    const boards = new Map(
      await Promise.all(
        records.revisions.map(
          async (revision) =>
            [revision.id, (await revisions.layerAt(session.id, 'board', revision.seq)).records] as const,
        ),
      ),
    )
    const pair = revisionPhasePair(records.phaseEvents, records.revisions)
    const scenario = session.scenarioId ? deps.scenarios.get(session.scenarioId) : undefined
    const report: InterviewReport = {
      session: {
        title: session.title,
        candidateName: session.candidateName,
        scenarioTitle: scenario?.title ?? null,
        level: session.level,
        createdAt: session.createdAt,
      },
      generatedAt: new Date().toISOString(),
      includePrivateNotes: notes !== 'false',
      phaseEvents: (await storage.listPhaseEvents(session.id)).map((event) => ({
        ...event,
        at: new Date(event.at).toISOString(),
      })),
      phaseMinutes: resolveSessionMinutes(session),
      checklist: records.checklist,
      notes: notes === 'false' ? [] : storedNotes,
      feedback: records.feedback,
      messages: records.messages,
      requirements: records.requirementChanges,
      revisions: records.revisions.map((revision) => ({
        revision,
        svg: boardSvg(boards.get(revision.id) ?? new Map()),
      })),
      revisionDiff: pair
        ? {
            from: pair.from.label,
            to: pair.to.label,
            diff: diffBoards(boards.get(pair.from.id) ?? new Map(), boards.get(pair.to.id) ?? new Map()),
          }
        : null,
    }
    const name = fileName(session.title)
    c.header('x-content-type-options', 'nosniff')
    if (format === 'html') {
      c.header('content-security-policy', REPORT_CSP)
      c.header('content-disposition', `inline; filename="${name}.html"`)
      return c.body(interviewReportHtml(report), 200, { 'content-type': 'text/html; charset=utf-8' })
    }
    c.header('content-disposition', `attachment; filename="${name}.md"`)
    return c.body(interviewReportMarkdown(report), 200, { 'content-type': 'text/markdown; charset=utf-8' })
  })
}

/** A file name from a session title: letters, digits and dashes only (it goes into a header). */
function fileName(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
  return `interview-report${slug ? `-${slug}` : ''}`
}
