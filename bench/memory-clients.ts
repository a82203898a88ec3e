/**
 * The clients of bench/memory.ts, in their own process so that their documents don't count in the
 * server's memory. Commands arrive over IPC; each is answered once it is done.
 */
import * as Y from 'yjs'
import { recordCount, writeBoard } from './board.ts'
import { type BenchClient, connectClient, type RoomTarget, whenSynced } from './clients.ts'

export type ClientCommand =
  | { type: 'write'; targets: RoomTarget[]; shapes: number; moves: number }
  | { type: 'view'; targets: RoomTarget[] }
  | { type: 'close' }

export type ClientReply =
  | { type: 'written' }
  /** stateBytes: the mean encoded size of one board, as a client holds it */
  | { type: 'viewing'; clients: number; minRecords: number; stateBytes: number }
  | { type: 'closed' }

const BATCH = 20
let viewers: BenchClient[] = []

async function inBatches<T, R>(items: T[], run: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = []
  for (let i = 0; i < items.length; i += BATCH)
    results.push(...(await Promise.all(items.slice(i, i + BATCH).map((item, j) => run(item, i + j)))))
  return results
}

/** One writer per room draws the board, then leaves once its socket has sent everything. */
async function writeBoards(targets: RoomTarget[], shapes: number, moves: number): Promise<void> {
  await inBatches(targets, async (target) => {
    const client = connectClient(target, 'writer')
    await whenSynced(client.provider)
    writeBoard(client.doc, shapes, moves)
    while ((client.provider.ws?.bufferedAmount ?? 0) > 0) await new Promise((r) => setTimeout(r, 10))
    client.provider.destroy()
    client.doc.destroy()
  })
}

async function openViewers(targets: RoomTarget[]): Promise<ClientReply> {
  viewers = await inBatches(targets, async (target, i) => {
    const client = connectClient(target, `viewer${i}`)
    await whenSynced(client.provider)
    return client
  })
  // The viewers prove the boards were stored and loaded back: each must see the whole board.
  const counts = viewers.map((v) => recordCount(v.doc))
  const bytes = viewers.reduce((sum, v) => sum + Y.encodeStateAsUpdate(v.doc).length, 0)
  return {
    type: 'viewing',
    clients: viewers.length,
    minRecords: Math.min(...counts),
    stateBytes: Math.round(bytes / viewers.length),
  }
}

process.setMaxListeners(0) // one "exit" listener per y-websocket provider
process.on('message', async (command: ClientCommand) => {
  let reply: ClientReply
  if (command.type === 'write') {
    await writeBoards(command.targets, command.shapes, command.moves)
    reply = { type: 'written' }
  } else if (command.type === 'view') {
    reply = await openViewers(command.targets)
  } else {
    for (const { provider, doc } of viewers) {
      provider.destroy()
      doc.destroy()
    }
    viewers = []
    reply = { type: 'closed' }
  }
  process.send?.(reply)
})
process.on('disconnect', () => process.exit(0))
