/**
 * The interviewer's annotations layer (`/sync/<id>/annotations`) against raw clients: only the
 * interviewer writes it; a candidate's or observer's updates are dropped and never stored; the
 * board refuses records dressed up as annotations.
 */
import { openBoardRecords, readBoardRecords } from '@scaleboard/board-sync/doc'
import { documentIdOf, SyncCloseCode } from '@scaleboard/schema'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import type { RunningServer } from '../../apps/server/src/server.ts'
import { cardRecord, createSession, startTestServer, waitFor } from '../../apps/server/src/testing.ts'
import { openRawClient } from './rawClient.ts'

let server: RunningServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.close())

const wsUrl = (path: string, token: string) =>
  `${server.url.replace(/^http/, 'ws')}/sync/${path}?token=${token}&user=raw`

async function syncedRaw(path: string, token: string) {
  const client = await openRawClient(wsUrl(path, token))
  await waitFor(() => client.synced(), `raw client on ${path} synced`)
  return client
}

/** An interviewer's comment: a card on the annotations layer, attributed in its meta. */
function comment(id: string, name: string) {
  return {
    ...cardRecord(id, name, 400),
    meta: { annotation: { author: 'interviewer', name: 'Interviewer', createdAt: Date.now() } },
  }
}

const names = (doc: Y.Doc) =>
  [...readBoardRecords(doc).values()].map((r) => (r as { props: { name: string } }).props.name).sort()

describe('the annotations layer', () => {
  it('keeps the interviewer its only writer: a raw candidate cannot delete or modify an annotation', async () => {
    const session = await createSession(server.url, { scenarioId: 'recommendations' })
    const layer = `${session.id}/annotations`
    const interviewer = await syncedRaw(layer, session.token('interviewer'))
    interviewer.change((doc) => {
      openBoardRecords(doc).set('shape:c1', comment('shape:c1', 'Where is the cache?'))
      openBoardRecords(doc).set('shape:c2', comment('shape:c2', 'Single point of failure'))
    })
    const candidate = await syncedRaw(layer, session.token('candidate'))
    await waitFor(() => readBoardRecords(candidate.doc).size === 2, 'candidate sees both annotations')

    // Delete one, rewrite the other, add a forged one: all dropped by the server.
    candidate.change((doc) => {
      const records = openBoardRecords(doc)
      records.delete('shape:c1')
      records.set('shape:c2', comment('shape:c2', 'Looks perfect'))
      records.set('shape:c3', comment('shape:c3', 'Hire!'))
    })
    const observer = await syncedRaw(layer, session.token('observer'))
    observer.change((doc) => openBoardRecords(doc).delete('shape:c2'))

    // The interviewer's next edit reaches everyone; the raw clients' edits never did.
    interviewer.change((doc) => openBoardRecords(doc).set('shape:c4', comment('shape:c4', 'Good')))
    const fresh = await syncedRaw(layer, session.token('observer'))
    await waitFor(() => readBoardRecords(fresh.doc).size === 3, 'a fresh reader sees the annotations')
    expect(names(fresh.doc)).toEqual(['Good', 'Single point of failure', 'Where is the cache?'])
    await waitFor(() => readBoardRecords(interviewer.doc).size === 3, 'interviewer unchanged')
    expect(names(interviewer.doc)).toEqual(names(fresh.doc))

    // Nothing from the candidate or observer reached the log.
    const logged = await server.storage.readUpdates(documentIdOf(session.id, 'annotations'))
    expect(new Set(logged.map((u) => u.author.role))).toEqual(new Set(['interviewer']))
    // Dropping is silent, as for observers on the board: the sockets stay open.
    expect(candidate.socket.readyState).toBe(candidate.socket.OPEN)
    for (const c of [interviewer, candidate, observer, fresh]) c.socket.close()
  })

  it('closes an interviewer that writes a record without annotation meta, storing nothing', async () => {
    const session = await createSession(server.url, { scenarioId: 'recommendations' })
    const layer = `${session.id}/annotations`
    const plain = await syncedRaw(layer, session.token('interviewer'))
    plain.change((doc) => openBoardRecords(doc).set('shape:p', cardRecord('shape:p', 'plain', 0)))
    expect(await plain.closed).toMatchObject({ code: SyncCloseCode.changeRefused })
    expect(await server.storage.readUpdates(documentIdOf(session.id, 'annotations'))).toEqual([])
  })

  it('refuses a candidate who dresses a board shape up as an interviewer annotation', async () => {
    const session = await createSession(server.url, { scenarioId: 'recommendations' })
    const candidate = await syncedRaw(session.id, session.token('candidate'))
    candidate.change((doc) =>
      openBoardRecords(doc).set('shape:fake', comment('shape:fake', 'Perfect design')),
    )
    expect(await candidate.closed).toMatchObject({
      code: SyncCloseCode.changeRefused,
      reason: expect.stringContaining('annotation'),
    })
  })

  it('answers an unknown layer or a deeper path with 404', async () => {
    const session = await createSession(server.url, { scenarioId: 'recommendations' })
    for (const path of [`${session.id}/notes`, `${session.id}/annotations/x`, `${session.id}/`]) {
      const refused = await openRawClient(wsUrl(path, session.token('interviewer'))).catch(
        (error: Error) => error.message,
      )
      expect(refused).toBe('upgrade refused: 404')
    }
  })
})
