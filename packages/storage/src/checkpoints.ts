/**
 * How far apart the checkpoints a document keeps are, in updates. Every checkpoint is a whole
 * document state and a room writes one every 500 updates, so keeping them all makes storage grow
 * with the square of a long session. Replay and revisions only need *a* checkpoint not far before
 * any point: after each new checkpoint a backend keeps the newest and, of the older ones, the
 * lowest-seq checkpoint of each span `Math.floor(seq / CHECKPOINT_SPACING)`. Replaying any point
 * then starts at most about CHECKPOINT_SPACING updates (plus one checkpoint interval) before it,
 * and a document keeps about lastSeq / CHECKPOINT_SPACING checkpoints. Updates are never thinned.
 */
export const CHECKPOINT_SPACING = 2000
