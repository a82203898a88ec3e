/**
 * Server memory per loaded room, and proof that it is given back when the rooms unload.
 *
 *   node --expose-gc bench/memory.ts --rooms 200 --shapes 120 --moves 200 --viewers 3 --cycles 2
 *
 * The server runs in this process (heapUsed and RSS are its own plus this small script); the
 * clients run in a child process (bench/memory-clients.ts) so their documents are not counted.
 */
import { type ChildProcess, fork } from 'node:child_process'
import { rmSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { createSession, startTestServer, waitFor } from '../apps/server/src/testing.ts'
import type { RoomTarget } from './clients.ts'
import type { ClientCommand, ClientReply } from './memory-clients.ts'

const { values: flags } = parseArgs({
  options: {
    rooms: { type: 'string', default: '200' },
    shapes: { type: 'string', default: '120' },
    moves: { type: 'string', default: '200' },
    viewers: { type: 'string', default: '3' },
    cycles: { type: 'string', default: '2' },
  },
})
const [rooms, shapes, moves, viewers, cycles] = [
  flags.rooms,
  flags.shapes,
  flags.moves,
  flags.viewers,
  flags.cycles,
].map(Number)
const ROLES = ['candidate', 'interviewer', 'observer'] as const
if (viewers < 1 || viewers > ROLES.length) throw new Error('--viewers must be 1..3 (one per role)')
const gc = (globalThis as { gc?: () => void }).gc
if (!gc) throw new Error('run with node --expose-gc')

type Session = Awaited<ReturnType<typeof createSession>>

interface Sample {
  phase: string
  loadedRooms: number
  heapUsed: number
  external: number
  rss: number
}

/** Full GCs with turns of the event loop between them, so finalizers and freed buffers settle. */
async function measure(phase: string, loadedRooms: number): Promise<Sample> {
  for (let i = 0; i < 4; i++) {
    gc?.()
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  const { heapUsed, external, rss } = process.memoryUsage()
  return { phase, loadedRooms, heapUsed, external, rss }
}

function ask(child: ChildProcess, command: ClientCommand, reply: ClientReply['type']): Promise<ClientReply> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: ClientReply) => {
      if (message.type !== reply) return
      child.off('message', onMessage)
      child.off('exit', reject)
      resolve(message)
    }
    child.on('message', onMessage)
    child.once('exit', reject)
    child.send(command)
  })
}

async function main(): Promise<void> {
  const server = await startTestServer()
  const clients = fork(new URL('./memory-clients.ts', import.meta.url).pathname, [], { stdio: 'inherit' })
  const loaded = () => server.rooms.loadedRoomCount
  const samples: Sample[] = []
  try {
    const wsBase = `${server.url.replace(/^http/, 'ws')}/sync`
    const sessions: Session[] = []
    for (let i = 0; i < rooms; i++) sessions.push(await createSession(server.url, { title: `memory ${i}` }))
    const target = (s: Session, role: (typeof ROLES)[number]): RoomTarget => ({
      wsBase,
      room: s.id,
      params: { token: s.token(role) },
    })
    samples.push(await measure('server started, sessions created', loaded()))

    await ask(
      clients,
      { type: 'write', targets: sessions.map((s) => target(s, 'candidate')), shapes, moves },
      'written',
    )
    await waitFor(() => loaded() === 0, 'rooms to unload after writing', 120_000)
    samples.push(await measure('boards written and stored, all rooms unloaded', loaded()))

    const viewerTargets = sessions.flatMap((s) => ROLES.slice(0, viewers).map((role) => target(s, role)))
    for (let cycle = 1; cycle <= cycles; cycle++) {
      const view = await ask(clients, { type: 'view', targets: viewerTargets }, 'viewing')
      if (view.type !== 'viewing' || view.minRecords < shapes + 2)
        throw new Error(`a viewer saw an incomplete board: ${JSON.stringify(view)}`)
      await waitFor(() => loaded() === rooms, 'every room to load', 120_000)
      samples.push(await measure(`cycle ${cycle}: ${view.clients} viewers connected`, loaded()))
      if (cycle === 1) console.log(`board: ${view.minRecords} records, ${view.stateBytes} bytes encoded`)
      await ask(clients, { type: 'close' }, 'closed')
      await waitFor(() => loaded() === 0, 'rooms to unload after the viewers left', 120_000)
      samples.push(await measure(`cycle ${cycle}: viewers gone, rooms unloaded`, loaded()))
    }
  } finally {
    clients.kill()
    await server.close()
    rmSync(server.dataDir, { recursive: true, force: true })
  }
  report(samples)
}

function report(samples: Sample[]): void {
  const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1)
  console.log(`\nmemory: ${rooms} rooms, ${shapes} shapes + ${moves} moves each, ${viewers} clients per room`)
  console.log('| phase | loaded rooms | heapUsed MB | external MB | RSS MB |')
  console.log('|---|---|---|---|---|')
  for (const s of samples)
    console.log(`| ${s.phase} | ${s.loadedRooms} | ${mb(s.heapUsed)} | ${mb(s.external)} | ${mb(s.rss)} |`)
  const idle = samples[1]
  const busy = samples.filter((s) => s.loadedRooms === rooms)
  const after = samples.at(-1) as Sample
  const perRoomKb = (key: 'heapUsed' | 'rss') =>
    (busy.reduce((sum, s) => sum + s[key] - idle[key], 0) / busy.length / rooms / 1024).toFixed(1)
  console.log(
    `\nper loaded room (mean over cycles, minus the idle server): heap ${perRoomKb('heapUsed')} KB, RSS ${perRoomKb('rss')} KB`,
  )
  console.log(
    `after the last unload: heapUsed ${mb(after.heapUsed)} MB vs ${mb(idle.heapUsed)} MB idle (${(
      ((after.heapUsed - idle.heapUsed) / (busy[0].heapUsed - idle.heapUsed)) * 100
    ).toFixed(1)}% of the loaded growth remains)`,
  )
}

await main()
