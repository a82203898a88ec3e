import { randomBytes } from 'node:crypto'
import type { RoomBus, RoomBusHandlers, RoomBusMembership } from '@scaleboard/sync-room'
import type { Redis } from 'ioredis'
import { type BusMessage, BusMessageKind, decodeBusMessage, encodeBusMessage } from './busMessage.ts'
import { acquireCheckpointLease, releaseCheckpointLease } from './checkpointLease.ts'
import { roomChannel } from './redisKeys.ts'
import { arrive, type SenderPosition } from './senderSequence.ts'

export interface RedisBusOptions {
  publisher: Redis
  subscriber: Redis
  /** This process on the bus: Redis sends a publisher its own messages too, and they are dropped by this id. */
  nodeId: string
  /** How long a checkpoint lease lasts unless its holder extends it. */
  leaseTtlMs: number
  /** Gap reports within this long make one resync. */
  resyncDebounceMs: number
  /** Whether Redis is up: failures while it is down are expected (the status says so), not reported. */
  redisUp(): boolean
  onBusLag(seconds: number): void
  onError(error: unknown, context: string): void
}

/** The Redis side of the room bus; the cluster feeds it the subscriber's messages and connection changes. */
export interface RedisBus extends RoomBus {
  /** A message that arrived on a document's channel. */
  receive(docId: string, frame: Buffer): void
  /** The room channels this process listens to now (to subscribe to again after a reconnect). */
  channels(): string[]
  /** The subscriber connection went away, and its subscriptions with it. */
  subscriptionsLost(): void
  /** These channels are subscribed again: sync requests held for them go out now. */
  subscriptionsRestored(channels: readonly string[]): void
  /** Messages may have been missed (the subscriber reconnected): every room catches up. */
  resyncAll(): void
  /** The publisher is back: tell the others about messages that failed to go out meanwhile. */
  publisherRestored(): void
  /** Gives up this process's checkpoint leases and stops publishing; rooms keep working locally. */
  close(): Promise<void>
}

interface Member {
  handlers: RoomBusHandlers
  left: boolean
  /** The latest sync request made before the document's channel was subscribed (see requestSync). */
  pendingSync: Uint8Array | null
}

/** One document this process has joined: its members, its channel and its sequence on the bus. */
interface JoinedDoc {
  docId: string
  channel: string
  members: Set<Member>
  /** This process's current numbering of its messages for the document (see senderSequence.ts). */
  stream: number
  seq: number
  /** Whether Redis confirmed the subscription on the current subscriber connection. */
  subscribed: boolean
  /** Where each other sender's numbering stands, as seen by this process. */
  positions: Map<string, SenderPosition>
  resyncTimer: ReturnType<typeof setTimeout> | null
  /** A message of ours failed to go out: the others are told with a mark. */
  unsent: boolean
  /** Whether this process may hold the checkpoint lease (asked for it), so leave releases it. */
  askedForLease: boolean
}

const EMPTY = new Uint8Array(0)
/** Publish failures repeat on every message while Redis misbehaves: one report per this long. */
const PUBLISH_ERROR_REPORT_MS = 10_000

export function createRedisBus(options: RedisBusOptions): RedisBus {
  const { publisher, subscriber, nodeId, leaseTtlMs, resyncDebounceMs, redisUp, onBusLag, onError } = options
  const docs = new Map<string, JoinedDoc>()
  let closed = false
  let markTimer: ReturnType<typeof setTimeout> | null = null
  let lastPublishErrorReport = Number.NEGATIVE_INFINITY

  function report(error: unknown, context: string) {
    if (redisUp()) onError(error, context)
  }

  function call(member: Member, context: string, run: (handlers: RoomBusHandlers) => void) {
    try {
      run(member.handlers)
    } catch (error) {
      onError(error, context)
    }
  }

  /** Other memberships of the document in this process get it at once, as from the in-process bus. */
  function deliverLocally(doc: JoinedDoc, sender: Member, run: (handlers: RoomBusHandlers) => void) {
    for (const member of [...doc.members])
      if (member !== sender) call(member, 'a room handling bus traffic', run)
  }

  function publish(doc: JoinedDoc, kind: BusMessageKind, payload: Uint8Array) {
    if (closed) return
    // Numbered even when it cannot go out: the gap then tells the others something was lost.
    doc.seq += 1
    if (publisher.status !== 'ready') {
      doc.unsent = true
      return
    }
    const message: BusMessage = {
      kind,
      sender: nodeId,
      stream: doc.stream,
      seq: doc.seq,
      sentAt: Date.now(),
      payload,
    }
    publisher.publish(doc.channel, encodeBusMessage(message)).catch((error: unknown) => {
      doc.unsent = true
      scheduleMarks()
      const now = Date.now()
      if (now - lastPublishErrorReport < PUBLISH_ERROR_REPORT_MS) return
      lastPublishErrorReport = now
      report(error, 'publishing room traffic to Redis')
    })
  }

  /**
   * A receiver only notices a lost message when a later one arrives: a mark is that later message,
   * sent once the publisher works again, so the last edits before an outage are not missed silently.
   */
  function scheduleMarks() {
    if (markTimer !== null || closed) return
    markTimer = setTimeout(sendMarks, resyncDebounceMs)
    markTimer.unref()
  }

  function sendMarks() {
    markTimer = null
    if (publisher.status !== 'ready') return // publisherRestored calls again
    for (const doc of docs.values()) {
      if (!doc.unsent) continue
      doc.unsent = false
      publish(doc, BusMessageKind.mark, EMPTY)
    }
  }

  function scheduleResync(doc: JoinedDoc) {
    if (doc.resyncTimer !== null) return
    doc.resyncTimer = setTimeout(() => {
      doc.resyncTimer = null
      if (docs.get(doc.docId) !== doc) return
      for (const member of [...doc.members]) call(member, 'a room resyncing', (room) => room.resync())
    }, resyncDebounceMs)
    doc.resyncTimer.unref()
  }

  function subscribe(doc: JoinedDoc) {
    subscriber.subscribe(doc.channel).then(
      () => {
        if (docs.get(doc.docId) === doc) markSubscribed(doc)
      },
      // While Redis is down this fails at once; the reconnect subscribes to every joined document.
      (error: unknown) => report(error, `subscribing to room ${doc.docId}`),
    )
  }

  function markSubscribed(doc: JoinedDoc) {
    doc.subscribed = true
    for (const member of doc.members) {
      const stateVector = member.pendingSync
      if (stateVector === null) continue
      member.pendingSync = null
      publish(doc, BusMessageKind.syncRequest, stateVector)
    }
  }

  function lastLeft(doc: JoinedDoc) {
    docs.delete(doc.docId)
    if (doc.resyncTimer !== null) clearTimeout(doc.resyncTimer)
    if (closed) return
    subscriber
      .unsubscribe(doc.channel)
      .catch((error: unknown) => report(error, `unsubscribing from room ${doc.docId}`))
    // Commands on one connection run in order: a lease asked for before leaving is released after.
    if (doc.askedForLease)
      releaseCheckpointLease(publisher, doc.docId, nodeId).catch((error: unknown) =>
        report(error, `releasing the checkpoint lease of room ${doc.docId}`),
      )
  }

  function deliver(doc: JoinedDoc, message: BusMessage) {
    const { kind, payload } = message
    for (const member of [...doc.members]) {
      if (kind === BusMessageKind.update)
        call(member, 'a room applying an update from the bus', (room) => room.update(payload))
      else if (kind === BusMessageKind.awareness)
        call(member, 'a room applying awareness from the bus', (room) => room.awareness(payload))
      else if (kind === BusMessageKind.syncRequest)
        call(member, 'a room answering a sync request from the bus', (room) => room.syncRequest(payload))
    }
  }

  return {
    join(docId, handlers) {
      let doc = docs.get(docId)
      if (doc === undefined) {
        doc = {
          docId,
          channel: roomChannel(docId),
          members: new Set(),
          stream: randomBytes(4).readUInt32BE(0),
          seq: 0,
          subscribed: false,
          positions: new Map(),
          resyncTimer: null,
          unsent: false,
          askedForLease: false,
        }
        docs.set(docId, doc)
        if (!closed) subscribe(doc)
      }
      const joined = doc
      const member: Member = { handlers, left: false, pendingSync: null }
      joined.members.add(member)

      const membership: RoomBusMembership = {
        publishUpdate(update) {
          if (member.left) return
          deliverLocally(joined, member, (room) => room.update(update))
          publish(joined, BusMessageKind.update, update)
        },
        publishAwareness(update) {
          if (member.left) return
          deliverLocally(joined, member, (room) => room.awareness(update))
          publish(joined, BusMessageKind.awareness, update)
        },
        requestSync(stateVector) {
          if (member.left) return
          deliverLocally(joined, member, (room) => room.syncRequest(stateVector))
          // The answers come on the document's channel: asking before Redis confirmed the
          // subscription could lose them, so the request waits for it (only the latest one).
          if (joined.subscribed) publish(joined, BusMessageKind.syncRequest, stateVector)
          else member.pendingSync = stateVector
        },
        async checkpointLease() {
          if (member.left || closed || publisher.status !== 'ready') return false
          joined.askedForLease = true
          try {
            return await acquireCheckpointLease(publisher, docId, nodeId, leaseTtlMs)
          } catch (error) {
            report(error, `taking the checkpoint lease of room ${docId}`)
            return false
          }
        },
        leave() {
          if (member.left) return
          member.left = true
          member.pendingSync = null
          joined.members.delete(member)
          if (joined.members.size === 0 && docs.get(docId) === joined) lastLeft(joined)
        },
      }
      return membership
    },

    receive(docId, frame) {
      const doc = docs.get(docId)
      if (doc === undefined) return // left; the unsubscribe is on its way
      let message: BusMessage
      try {
        message = decodeBusMessage(frame)
      } catch (error) {
        onError(error, `dropping a malformed message on room ${docId}`)
        return
      }
      if (message.sender === nodeId) return
      onBusLag(Math.max(0, Date.now() - message.sentAt) / 1000)
      const arrival = arrive(doc.positions, message.sender, message.stream, message.seq)
      if (arrival === 'gap' || message.kind === BusMessageKind.mark) scheduleResync(doc)
      deliver(doc, message)
    },

    channels: () => [...docs.values()].map((doc) => doc.channel),

    subscriptionsLost() {
      for (const doc of docs.values()) {
        doc.subscribed = false
        // Numbering starts afresh after the reconnect: resyncAll covers what was missed, and a
        // gap against positions from before the outage would only resync a second time.
        doc.positions.clear()
      }
    },

    subscriptionsRestored(channels) {
      const restored = new Set(channels)
      for (const doc of docs.values()) if (restored.has(doc.channel)) markSubscribed(doc)
    },

    resyncAll() {
      for (const doc of [...docs.values()]) {
        if (doc.resyncTimer !== null) clearTimeout(doc.resyncTimer)
        doc.resyncTimer = null
        for (const member of [...doc.members]) call(member, 'a room resyncing', (room) => room.resync())
      }
    },

    publisherRestored() {
      if (markTimer !== null) clearTimeout(markTimer)
      sendMarks()
    },

    async close() {
      if (closed) return
      closed = true
      if (markTimer !== null) clearTimeout(markTimer)
      for (const doc of docs.values()) if (doc.resyncTimer !== null) clearTimeout(doc.resyncTimer)
      if (publisher.status !== 'ready') return
      const held = [...docs.values()].filter((doc) => doc.askedForLease)
      await Promise.allSettled(held.map((doc) => releaseCheckpointLease(publisher, doc.docId, nodeId)))
    },
  }
}
