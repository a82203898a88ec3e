import { describe, expect, it } from 'vitest'
import { scaleoutSkipReason } from '../../../../test/services/postgres.ts'
import { BusMessageKind, encodeBusMessage } from './busMessage.ts'
import {
  recordingRoom,
  startInstance,
  twoInstancesOnRedis,
  waitFor,
  waitForSubscribers,
} from './clusterTesting.ts'
import { roomChannel } from './redisKeys.ts'

const bytes = (...values: number[]) => new Uint8Array(values)

describe.skipIf(scaleoutSkipReason() !== null)('the Redis room bus', () => {
  const deployment = twoInstancesOnRedis()

  it('carries updates, awareness and sync requests to the other instance, not back, not to other documents', async () => {
    const roomA = recordingRoom()
    const roomB = recordingRoom()
    const otherDocB = recordingRoom()
    const memberA = deployment.a.cluster.bus.join('doc-1', roomA.handlers)
    const memberB = deployment.b.cluster.bus.join('doc-1', roomB.handlers)
    deployment.b.cluster.bus.join('doc-2', otherDocB.handlers)
    await waitForSubscribers(deployment.raw, 'doc-1', 2)

    memberA.publishUpdate(bytes(1, 2, 3))
    memberA.publishAwareness(bytes(4))
    memberA.requestSync(bytes(5, 6))
    await waitFor(() => roomB.seen.syncRequests.length === 1, 'the sync request on B')
    expect(roomB.seen).toEqual({ updates: [[1, 2, 3]], awareness: [[4]], syncRequests: [[5, 6]], resyncs: 0 })

    // B's answer reaches A after A's own messages would have (one connection, in order).
    memberB.publishUpdate(bytes(7))
    await waitFor(() => roomA.seen.updates.length === 1, 'the update on A')
    expect(roomA.seen).toEqual({ updates: [[7]], awareness: [], syncRequests: [], resyncs: 0 })
    expect(otherDocB.seen).toEqual({ updates: [], awareness: [], syncRequests: [], resyncs: 0 })
    expect(roomB.seen.updates).toEqual([[1, 2, 3]])
  })

  it('delivers to every membership of a document in one instance but the sender', async () => {
    const first = recordingRoom()
    const second = recordingRoom()
    const remote = recordingRoom()
    const memberFirst = deployment.a.cluster.bus.join('doc-3', first.handlers)
    deployment.a.cluster.bus.join('doc-3', second.handlers)
    const memberRemote = deployment.b.cluster.bus.join('doc-3', remote.handlers)
    await waitForSubscribers(deployment.raw, 'doc-3', 2)

    memberFirst.publishUpdate(bytes(1))
    expect(second.seen.updates).toEqual([[1]])
    await waitFor(() => remote.seen.updates.length === 1, 'the update on B')
    memberRemote.publishUpdate(bytes(2))
    await waitFor(
      () => first.seen.updates.length === 1 && second.seen.updates.length === 2,
      'the update on A',
    )
    expect(first.seen.updates).toEqual([[2]])
    expect(second.seen.updates).toEqual([[1], [2]])
    expect(remote.seen.updates).toEqual([[1]])
  })

  it('sends a sync request made on joining once the document is subscribed, so the answer arrives', async () => {
    const holder = recordingRoom()
    const holderMember = deployment.a.cluster.bus.join('doc-5', {
      ...holder.handlers,
      syncRequest(stateVector) {
        holder.handlers.syncRequest(stateVector)
        holderMember.publishUpdate(bytes(42))
      },
    })
    await waitForSubscribers(deployment.raw, 'doc-5', 1)
    const joiner = recordingRoom()
    deployment.b.cluster.bus.join('doc-5', joiner.handlers).requestSync(bytes(0))
    await waitFor(() => joiner.seen.updates.length === 1, 'the answer on B')
    expect(joiner.seen.updates).toEqual([[42]])
    expect(holder.seen.syncRequests).toEqual([[0]])
  })

  it('stops listening to a document when its last membership leaves', async () => {
    const room = recordingRoom()
    const one = deployment.a.cluster.bus.join('doc-4', room.handlers)
    const two = deployment.a.cluster.bus.join('doc-4', recordingRoom().handlers)
    await waitForSubscribers(deployment.raw, 'doc-4', 1)
    one.leave()
    two.leave()
    await waitForSubscribers(deployment.raw, 'doc-4', 0)
    // A membership that left publishes nothing and receives nothing.
    const listener = recordingRoom()
    deployment.b.cluster.bus.join('doc-4', listener.handlers)
    await waitForSubscribers(deployment.raw, 'doc-4', 1)
    one.publishUpdate(bytes(9))
    one.requestSync(bytes(9))
    // Had A published, Redis would have passed it on before answering A's next command.
    await deployment.a.cluster.ping()
    await deployment.raw.publish(roomChannel('doc-4'), frame('stranger', 1, 1, bytes(8)))
    await waitFor(() => listener.seen.updates.length === 1, 'the stranger on B')
    expect(listener.seen.updates).toEqual([[8]])
    expect(room.seen.updates).toEqual([])
  })

  it('tells the room to resync when a sender’s sequence jumps, or when a sender marks a loss', async () => {
    const room = recordingRoom()
    deployment.a.cluster.bus.join('doc-gap', room.handlers)
    await waitForSubscribers(deployment.raw, 'doc-gap', 1)
    const channel = roomChannel('doc-gap')

    await deployment.raw.publish(channel, frame('stranger', 1, 1, bytes(1)))
    await deployment.raw.publish(channel, frame('stranger', 1, 2, bytes(2)))
    await waitFor(() => room.seen.updates.length === 2, 'two updates in order')
    // Absence can only be waited for: well past the resync debounce (50 ms).
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(room.seen.resyncs).toBe(0)

    await deployment.raw.publish(channel, frame('stranger', 1, 4, bytes(4)))
    await waitFor(() => room.seen.resyncs === 1, 'a resync after the gap')
    expect(room.seen.updates).toEqual([[1], [2], [4]])

    await deployment.raw.publish(channel, frame('stranger', 1, 5, new Uint8Array(0), BusMessageKind.mark))
    await waitFor(() => room.seen.resyncs === 2, 'a resync after the mark')
    expect(room.seen.updates).toHaveLength(3)
  })

  it('drops malformed frames and reports them', async () => {
    const reported = await startInstance(deployment.redis.url, 'instance-c')
    try {
      const room = recordingRoom()
      reported.cluster.bus.join('doc-junk', room.handlers)
      await waitForSubscribers(deployment.raw, 'doc-junk', 1)
      await deployment.raw.publish(roomChannel('doc-junk'), 'definitely not a frame')
      await deployment.raw.publish(roomChannel('doc-junk'), frame('stranger', 1, 1, bytes(3)))
      await waitFor(() => room.seen.updates.length === 1, 'the valid update')
      expect(reported.reports.errors.map((e) => e.context)).toEqual([
        'dropping a malformed message on room doc-junk',
      ])
      expect(reported.reports.lags.length).toBe(1)
      expect(reported.reports.lags[0]).toBeGreaterThanOrEqual(0)
    } finally {
      await reported.cluster.close()
    }
  })
})

function frame(
  sender: string,
  stream: number,
  seq: number,
  payload: Uint8Array,
  kind: BusMessageKind = BusMessageKind.update,
) {
  return encodeBusMessage({ kind, sender, stream, seq, sentAt: Date.now(), payload })
}
