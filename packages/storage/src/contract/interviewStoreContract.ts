import type { PhaseCommand } from '@scaleboard/schema'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { InterviewStore, StoredPhaseEvent } from '../types.ts'
import type { OpenSubject } from './subject.ts'

const T0 = Date.parse('2026-05-04T09:00:00.123Z')

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
  })
}
