/**
 * Finding 2 of the hardening review, on a real full disk: the data directory is a small tmpfs that
 * is filled up while a candidate draws. Nothing shown to anyone may be lost.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SyncCloseCode } from '@scaleboard/schema'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  cardName,
  connectClient,
  createSession,
  putCard,
  startTestServer,
  waitFor,
  waitForSync,
} from '../../apps/server/src/testing.ts'

const mountPoint = mkdtempSync(join(tmpdir(), 'scaleboard-small-disk-'))
let mounted = false
try {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=12m', 'tmpfs', mountPoint], { stdio: 'ignore' })
  mounted = true
} catch {
  console.warn(`full-disk test skipped: cannot mount a tmpfs at ${mountPoint} (needs root and mount rights)`)
}

afterAll(() => {
  if (mounted) execFileSync('umount', ['-l', mountPoint])
  rmSync(mountPoint, { recursive: true, force: true })
})

/** Writes filler until the disk says no; returns the filler files. */
function fillDisk(dir: string): string[] {
  const files: string[] = []
  const chunk = Buffer.alloc(256 * 1024, 1)
  for (let i = 0; ; i++) {
    const file = join(dir, `filler-${i}`)
    try {
      writeFileSync(file, chunk)
      files.push(file)
    } catch {
      // The last partial write may have left a file: remove it with the rest.
      files.push(file)
      return files
    }
  }
}

describe.runIf(mounted)('a full disk', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>
  beforeAll(async () => {
    server = await startTestServer({ DATA_DIR: join(mountPoint, 'data') })
  })

  it('stops taking edits, says so, keeps what others saw, and stores it all once there is room', async () => {
    const session = await createSession(server.url)
    const candidate = connectClient(server.url, session.id, session.token('candidate'))
    const observer = connectClient(server.url, session.id, session.token('observer'))
    await Promise.all([waitForSync(candidate.provider), waitForSync(observer.provider)])
    const closes: number[] = []
    candidate.provider.on('connection-close', (event: CloseEvent | null) => {
      if (event) closes.push(event.code)
    })

    const filler = fillDisk(mountPoint)
    // A large edit: the log has to grow to hold it, and cannot.
    candidate.doc.transact(() => {
      for (let i = 0; i < 1500; i++) putCard(candidate.doc, `shape:full-${i}`, `card ${i}`, 2000 + i)
    })
    await waitFor(
      () => cardName(observer.doc, 'shape:full-1499') === 'card 1499',
      'the observer saw the edit',
    )
    await waitFor(() => closes.includes(SyncCloseCode.storageUnavailable), 'the candidate is told', 15_000)
    const health = await fetch(`${server.url}/healthz`)
    expect(health.status).toBe(503)
    expect(JSON.stringify(await health.json())).toMatch(/full|disk|SQLITE/i)

    for (const file of filler) rmSync(file, { force: true })
    await waitFor(() => server.rooms.unsavedRooms.length === 0, 'the edits land once there is room', 20_000)
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
    const logged = new Y.Doc()
    for (const entry of await server.storage.readUpdates(session.id)) Y.applyUpdate(logged, entry.update)
    expect(cardName(logged, 'shape:full-0')).toBe('card 0')
    expect(cardName(logged, 'shape:full-1499')).toBe('card 1499')
    candidate.provider.destroy()
    observer.provider.destroy()
    await server.close()
  })
})
