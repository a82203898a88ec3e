import type {
  ChecklistEntry,
  Feedback,
  InterviewerNote,
  PhaseCommand,
  RequirementChange,
  SessionClockStamp,
  SessionMessage,
} from '@scaleboard/schema'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { InterviewStore, StoredPhaseEvent } from '../types.ts'
import type { OpenSubject } from './subject.ts'

const T0 = Date.parse('2026-05-04T09:00:00.123Z')

const stamp = (
  phaseElapsedMs: number | null,
  phase: SessionClockStamp['phase'] = 'design',
): SessionClockStamp => ({
  at: new Date(T0 + (phaseElapsedMs ?? 0)).toISOString(),
  phase,
  phaseElapsedMs,
})

const entry = (id: string, extra: Partial<ChecklistEntry> = {}): ChecklistEntry => ({
  id,
  text: `Item ${id}`,
  group: 'scaling',
  source: 'interviewer',
  ...extra,
})

const note = (id: string, extra: Partial<InterviewerNote> = {}): InterviewerNote => ({
  id,
  text: `Note ${id}`,
  itemId: null,
  at: stamp(1000),
  ...extra,
})

const message = (id: string, extra: Partial<SessionMessage> = {}): SessionMessage => ({
  id,
  author: 'candidate',
  text: `Question ${id}?`,
  at: stamp(2000),
  clarification: false,
  ...extra,
})

const change = (id: string, extra: Partial<RequirementChange> = {}): RequirementChange => ({
  id,
  text: `Requirement ${id}`,
  at: stamp(4000),
  checklistItemId: `item-${id}`,
  ...extra,
})

const feedback = (extra: Partial<Feedback> = {}): Feedback => ({
  strength: { text: 'Sized the fleet from the numbers', shapeIds: ['shape:gpu'] },
  improvement: { text: 'No plan for losing a zone' },
  released: false,
  updatedAt: stamp(3000, 'feedback'),
  ...extra,
})

/**
 * The InterviewStore contract: registers the tests every implementation must pass. `open` gives
 * a fresh, empty store for each test.
 */
export function describeInterviewStoreContract(name: string, open: OpenSubject<InterviewStore>): void {
  describe(`InterviewStore contract: ${name}`, () => {
    let subject: Awaited<ReturnType<typeof open>>
    let store: InterviewStore
    beforeEach(async () => {
      subject = await open()
      store = subject.store
    })
    afterEach(() => subject.close())

    describe('phase events', () => {
      it('numbers a session’s events from 1, returns each as stored, and lists them oldest first', async () => {
        const first = await store.appendPhaseEvent('sess-1', {
          at: T0,
          author: 'interviewer',
          command: { action: 'start' },
        })
        expect(first).toEqual({ seq: 1, at: T0, author: 'interviewer', command: { action: 'start' } })
        const second = await store.appendPhaseEvent('sess-1', {
          at: T0 + 60_000,
          author: 'organiser',
          command: { phase: 'design' },
        })
        expect(second.seq).toBe(2)
        expect(await store.listPhaseEvents('sess-1')).toEqual([first, second])
      })

      it('keeps every command shape and author exactly, with millisecond times', async () => {
        const commands: PhaseCommand[] = [
          { action: 'start' },
          { phase: 'walkthrough' },
          { action: 'pause' },
          { action: 'extend', minutes: 2.5 },
          { action: 'resume' },
          { phase: 'done' },
        ]
        const authors = [
          'interviewer',
          'organiser',
          'system',
          'interviewer',
          'organiser',
          'interviewer',
        ] as const
        const appended: StoredPhaseEvent[] = []
        for (const [i, command] of commands.entries())
          appended.push(
            await store.appendPhaseEvent('sess-1', { at: T0 + i * 1001, author: authors[i], command }),
          )
        const listed = await store.listPhaseEvents('sess-1')
        expect(listed).toEqual(appended)
        expect(listed.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6])
        expect(listed.map((e) => e.command)).toEqual(commands)
        expect(listed.map((e) => e.at)).toEqual(commands.map((_, i) => T0 + i * 1001))
      })

      it('numbers each session on its own and lists nothing for a session without events', async () => {
        await store.appendPhaseEvent('sess-a', {
          at: T0,
          author: 'interviewer',
          command: { action: 'start' },
        })
        await store.appendPhaseEvent('sess-a', {
          at: T0 + 1,
          author: 'interviewer',
          command: { action: 'pause' },
        })
        const b = await store.appendPhaseEvent('sess-b', {
          at: T0 + 2,
          author: 'organiser',
          command: { phase: 'design' },
        })
        expect(b.seq).toBe(1)
        expect((await store.listPhaseEvents('sess-a')).map((e) => e.seq)).toEqual([1, 2])
        expect(await store.listPhaseEvents('sess-b')).toEqual([b])
        expect(await store.listPhaseEvents('sess-none')).toEqual([])
      })

      it('keeps the numbering gap-free when appends overlap', async () => {
        const appended = await Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            store.appendPhaseEvent('sess-1', {
              at: T0 + i,
              author: 'interviewer',
              command: { action: 'extend', minutes: i + 1 },
            }),
          ),
        )
        expect(appended.map((e) => e.seq).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
        const listed = await store.listPhaseEvents('sess-1')
        expect(listed.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
        for (const event of appended) expect(listed[event.seq - 1]).toEqual(event)
      })

      it('hands out copies: changing a returned event changes nothing stored', async () => {
        const event = await store.appendPhaseEvent('sess-1', {
          at: T0,
          author: 'interviewer',
          command: { action: 'extend', minutes: 5 },
        })
        ;(event.command as { minutes: number }).minutes = 99
        const [listed] = await store.listPhaseEvents('sess-1')
        ;(listed.command as { minutes: number }).minutes = 42
        expect((await store.listPhaseEvents('sess-1'))[0].command).toEqual({ action: 'extend', minutes: 5 })
      })
    })

    describe('analysis events (what-ifs, shown or hidden)', () => {
      it('numbers each session’s changes from 1, keeps them exactly, oldest first, apart per session', async () => {
        const whatIf = await store.appendAnalysisEvent('sess-1', {
          at: 1_000,
          author: 'interviewer',
          change: { kind: 'what-if', whatIf: { trafficMultiplier: 10, lostRegionIds: ['shape:eu'] } },
        })
        const shown = await store.appendAnalysisEvent('sess-1', {
          at: 2_000,
          author: 'organiser',
          change: { kind: 'shown', shown: true },
        })
        const cleared = await store.appendAnalysisEvent('sess-1', {
          at: 3_000,
          author: 'interviewer',
          change: { kind: 'what-if-cleared' },
        })
        const other = await store.appendAnalysisEvent('sess-2', {
          at: 1_500,
          author: 'interviewer',
          change: { kind: 'shown', shown: false },
        })
        expect([whatIf.seq, shown.seq, cleared.seq, other.seq]).toEqual([1, 2, 3, 1])
        expect(await store.listAnalysisEvents('sess-1')).toEqual([whatIf, shown, cleared])
        expect(await store.listAnalysisEvents('sess-2')).toEqual([other])
        expect(await store.listAnalysisEvents('sess-none')).toEqual([])
      })
    })

    describe('checklist items the interviewer adds', () => {
      it('lists a session’s items oldest first, exactly as added, and nothing for another session', async () => {
        const items = [
          entry('added-b', { group: 'migration', text: 'Budget cut by 30%' }),
          entry('added-a'),
          entry('added-c', { group: 'operations' }),
        ]
        for (const item of items) await store.addChecklistItem('sess-1', item)
        await store.addChecklistItem('sess-2', entry('other'))
        expect(await store.listChecklistItems('sess-1')).toEqual(items)
        expect(await store.listChecklistItems('sess-2')).toEqual([entry('other')])
        expect(await store.listChecklistItems('sess-none')).toEqual([])
      })
    })

    describe('checklist states', () => {
      it('stores status, note and change time per item', async () => {
        await store.setChecklistState('sess-1', 'batching', {
          status: 'partial',
          note: 'no fallback',
          changedAt: stamp(1),
        })
        await store.setChecklistState('sess-1', 'added-1', { status: 'met', changedAt: stamp(2) })
        await store.setChecklistState('sess-2', 'batching', { note: 'other session', changedAt: stamp(3) })
        expect(await store.listChecklistStates('sess-1')).toEqual(
          new Map([
            ['batching', { status: 'partial', note: 'no fallback', changedAt: stamp(1) }],
            ['added-1', { status: 'met', changedAt: stamp(2) }],
          ]),
        )
        expect(await store.listChecklistStates('sess-2')).toEqual(
          new Map([['batching', { note: 'other session', changedAt: stamp(3) }]]),
        )
        expect(await store.listChecklistStates('sess-none')).toEqual(new Map())
      })

      it('merges: an omitted status or note keeps its stored value, the change time always moves', async () => {
        await store.setChecklistState('sess-1', 'item', {
          status: 'partial',
          note: 'first',
          changedAt: stamp(1),
        })
        await store.setChecklistState('sess-1', 'item', { note: 'second', changedAt: stamp(2) })
        expect((await store.listChecklistStates('sess-1')).get('item')).toEqual({
          status: 'partial',
          note: 'second',
          changedAt: stamp(2),
        })
        await store.setChecklistState('sess-1', 'item', { status: 'met', changedAt: stamp(3, 'walkthrough') })
        expect((await store.listChecklistStates('sess-1')).get('item')).toEqual({
          status: 'met',
          note: 'second',
          changedAt: stamp(3, 'walkthrough'),
        })
        await store.setChecklistState('sess-1', 'item', { note: '', changedAt: stamp(4) })
        expect((await store.listChecklistStates('sess-1')).get('item')).toEqual({
          status: 'met',
          note: '',
          changedAt: stamp(4),
        })
      })

      it('keeps a stamp taken before the clock started', async () => {
        await store.setChecklistState('sess-1', 'item', {
          status: 'missed',
          changedAt: stamp(null, 'briefing'),
        })
        expect((await store.listChecklistStates('sess-1')).get('item')?.changedAt).toEqual(
          stamp(null, 'briefing'),
        )
      })
    })

    describe('checklist sharing', () => {
      it('is not shared by default, and can be shared and unshared per session', async () => {
        expect(await store.isChecklistShared('sess-1')).toBe(false)
        await store.setChecklistShared('sess-1', true)
        expect(await store.isChecklistShared('sess-1')).toBe(true)
        expect(await store.isChecklistShared('sess-2')).toBe(false)
        await store.setChecklistShared('sess-1', false)
        expect(await store.isChecklistShared('sess-1')).toBe(false)
      })
    })

    describe('interviewer notes', () => {
      it('lists a session’s notes oldest first, exactly as added', async () => {
        const notes = [
          note('n2'),
          note('n1', { itemId: 'batching', text: 'Good answer on KV cache' }),
          note('n3'),
        ]
        for (const n of notes) await store.addNote('sess-1', n)
        await store.addNote('sess-2', note('other'))
        expect(await store.listNotes('sess-1')).toEqual(notes)
        expect(await store.listNotes('sess-2')).toEqual([note('other')])
        expect(await store.listNotes('sess-none')).toEqual([])
      })
    })

    describe('the Q&A thread', () => {
      it('lists a session’s messages oldest first, exactly as posted', async () => {
        const messages = [
          message('m1'),
          message('m2', { author: 'interviewer', text: 'Peak is 3× average.', clarification: true }),
          message('m3', { author: 'organiser', at: stamp(null, 'briefing') }),
        ]
        for (const m of messages) await store.addMessage('sess-1', m)
        await store.addMessage('sess-2', message('other'))
        expect(await store.listMessages('sess-1')).toEqual(messages)
        expect(await store.listMessages('sess-2')).toEqual([message('other')])
        expect(await store.listMessages('sess-none')).toEqual([])
      })
    })

    describe('requirement changes', () => {
      it('lists a session’s changes oldest first, exactly as added, and nothing for another session', async () => {
        const changes = [
          change('r2', { text: 'Traffic doubles in 6 months' }),
          change('r1', { text: 'Budget cut by 30%', at: stamp(null, 'briefing') }),
          change('r3', { at: stamp(5000, 'walkthrough') }),
        ]
        for (const c of changes)
          await store.addRequirementChange('sess-1', c, entry(c.checklistItemId, { group: 'requirements' }))
        await store.addRequirementChange('sess-2', change('other'), entry('item-other'))
        expect(await store.listRequirementChanges('sess-1')).toEqual(changes)
        expect(await store.listRequirementChanges('sess-2')).toEqual([change('other')])
        expect(await store.listRequirementChanges('sess-none')).toEqual([])
      })

      it('stores the checklist item with the change, after the items added before it', async () => {
        await store.addChecklistItem('sess-1', entry('before'))
        const item = entry('item-r1', { text: 'Traffic doubles in 6 months', group: 'requirements' })
        await store.addRequirementChange('sess-1', change('r1'), item)
        expect(await store.listChecklistItems('sess-1')).toEqual([entry('before'), item])
        expect(await store.listChecklistItems('sess-2')).toEqual([])
      })

      it('stores neither the change nor its item when the item’s id is taken', async () => {
        await store.addChecklistItem('sess-1', entry('item-r1'))
        await expect(
          store.addRequirementChange('sess-1', change('r1'), entry('item-r1', { text: 'New text' })),
        ).rejects.toThrow()
        expect(await store.listRequirementChanges('sess-1')).toEqual([])
        expect(await store.listChecklistItems('sess-1')).toEqual([entry('item-r1')])
      })
    })

    describe('feedback', () => {
      it('is null until saved, then returned exactly; a new save replaces it', async () => {
        expect(await store.getFeedback('sess-1')).toBeNull()
        await store.saveFeedback('sess-1', feedback())
        expect(await store.getFeedback('sess-1')).toEqual(feedback())
        const released = feedback({
          released: true,
          improvement: { text: 'Plan for a zone loss', shapeIds: ['a', 'b'] },
        })
        await store.saveFeedback('sess-1', released)
        expect(await store.getFeedback('sess-1')).toEqual(released)
        expect(await store.getFeedback('sess-2')).toBeNull()
      })
    })
  })
}
