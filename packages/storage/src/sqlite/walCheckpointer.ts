import { Worker } from 'node:worker_threads'

export interface WalCheckpointer {
  /** Runs a last full checkpoint and ends the worker. */
  stop(): Promise<void>
}

/** Moves SQLite's WAL checkpoints off the event loop (see walCheckpointWorker.ts). */
export function startWalCheckpointer(file: string, intervalMs = 2000): WalCheckpointer {
  const worker = new Worker(new URL('./walCheckpointWorker.ts', import.meta.url), {
    workerData: { file, intervalMs },
  })
  worker.on('message', (message: { error?: string }) => {
    if (message.error) console.warn(`[storage] WAL checkpoint failed: ${message.error}`)
  })
  worker.on('error', (error) => console.error('[storage] WAL checkpoint worker failed', error))
  worker.unref()
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
  return {
    stop() {
      // held while it stops: an unref'd worker's exit would not keep a script's last await alive
      worker.ref()
      worker.postMessage('stop')
      return exited
    },
  }
}
