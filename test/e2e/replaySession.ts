import { openBoardRecords } from '@scaleboard/board-sync/doc'
import {
  cardRecord,
  connectClient,
  tokenFromLink,
  waitFor,
  waitForSync,
} from '../../apps/server/src/testing.ts'
import { type CreatedSession, createSession } from '../serverProcess.ts'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** What a browser writes for the palette's GPU model server, with its catalogue figures. */
const GPU_SERVER = {
  kind: 'model-server-gpu',
  figures: {
    replicas: 2,
    hardware: 'A10G',
    capacityRpsPerReplica: 120,
    latencyP99Ms: 80,
    costPerReplicaHourUsd: 1,
  },
}

/** A card as the candidate's browser writes it (a cache unless `as` says otherwise), right of the scenario. */
function card(id: string, name: string, index: string, x: number, y: number, as?: typeof GPU_SERVER) {
  const base = cardRecord(id, name, x)
  return { ...base, y, index, props: { ...base.props, ...as, name } }
}

async function api(baseUrl: string, token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`)
  return response.json() as Promise<unknown>
}

export interface ReplaySession {
  session: CreatedSession
  interviewer: string
  candidate: string
  /** epoch ms (server time, as logged): while "Feature cache" was on the board, and only then */
  cacheShown: { from: number; to: number }
}

/**
 * A short interview with a history worth replaying, written through the real sync server by a
 * stock y-websocket client (the candidate) and the REST API (the interviewer): design starts;
 * the candidate adds a GPU model server, a feature cache and a router, then removes the cache;
 * design ends ("End of design"); in the walkthrough the model server is scaled up, the router
 * removed and a result cache added; the interviewer names that "After tuning".
 */
export async function seedReplaySession(baseUrl: string, { stepMs = 700 } = {}): Promise<ReplaySession> {
  const session = await createSession(baseUrl, {
    scenarioId: 'recommendations',
    level: 'mid',
    title: 'Replay: recommendations',
  })
  const interviewer = tokenFromLink(session.links.interviewer)
  const candidate = tokenFromLink(session.links.candidate)
  const phase = (command: object) =>
    api(baseUrl, interviewer, 'POST', `/api/sessions/${session.id}/phase`, command)
  await phase({ phase: 'design' })

  const { doc, provider } = connectClient(baseUrl, session.id, candidate, 'replay-candidate')
  try {
    await waitForSync(provider)
    const board = openBoardRecords(doc)
    const logged = () => Date.now()
    const server = card('shape:replay-model-server', 'GPU model server', 'a6', 2600, 0, GPU_SERVER)
    await sleep(stepMs)
    board.set(server.id, server)
    await sleep(stepMs)
    const cache = card('shape:replay-feature-cache', 'Feature cache', 'a7', 2600, 260)
    board.set(cache.id, cache)
    const cacheFrom = logged()
    await sleep(stepMs)
    const router = card('shape:replay-router', 'Request router', 'a8', 2200, 0)
    board.set(router.id, router)
    await api(baseUrl, candidate, 'POST', `/api/sessions/${session.id}/messages`, {
      text: 'Is the latency budget per request or per page?',
    })
    await sleep(stepMs * 2)
    const cacheTo = logged()
    board.delete(cache.id)
    await sleep(stepMs)
    await phase({ phase: 'walkthrough' })
    await sleep(stepMs)
    board.set(server.id, {
      ...server,
      props: { ...server.props, figures: { ...server.props.figures, replicas: 6 } },
    })
    await sleep(stepMs)
    board.delete(router.id)
    const result = card('shape:replay-result-cache', 'Result cache', 'a9', 2600, 260)
    board.set(result.id, result)
    // the server logs within 50 ms; give the last edits time to land before naming the revision
    await waitFor(() => provider.synced, 'sync')
    await sleep(300)
    await api(baseUrl, interviewer, 'POST', `/api/sessions/${session.id}/revisions`, {
      label: 'After tuning',
    })
    // the clock's own times are the server's; the window is narrowed by the write delay on each side
    return { session, interviewer, candidate, cacheShown: { from: cacheFrom + 100, to: cacheTo - 100 } }
  } finally {
    provider.destroy()
    doc.destroy()
  }
}
