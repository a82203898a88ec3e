import type { ConnectionState } from './connectionState.ts'

const STATES: Record<ConnectionState, { label: string; hint: string }> = {
  live: { label: 'Live', hint: 'Connected. Changes are shared as you make them.' },
  connecting: { label: 'Connecting…', hint: 'Connecting to the board.' },
  reconnecting: {
    label: 'Reconnecting…',
    hint: 'The connection dropped. You can keep working; changes are sent when it is back.',
  },
  offline: {
    label: 'Offline · unsynced edits',
    hint: 'Not connected. Your latest edits are kept in this tab and merge when the connection returns. Do not close the tab.',
  },
  disconnected: {
    label: 'Disconnected',
    hint: 'Not connected, and not trying again: the message above the board says why and what to do.',
  },
}

/** Always visible: whether the board is live, and whether this tab holds edits nobody else has yet. */
export function ConnectionIndicator({ state }: { state: ConnectionState }) {
  const { label, hint } = STATES[state]
  return (
    <span
      className={`board-connection board-connection--${state}`}
      data-testid="connection"
      data-state={state}
      role="status"
      title={hint}
    >
      <span className="board-connection__dot" aria-hidden />
      {label}
    </span>
  )
}
