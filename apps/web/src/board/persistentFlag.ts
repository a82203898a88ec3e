import { useCallback, useState } from 'react'

type FlagStorage = Pick<Storage, 'getItem' | 'setItem'>

const PREFIX = 'scaleboard.'

/** A yes/no UI choice kept in localStorage ("1" / "0"); the default when unset or unreadable. */
export function readFlag(key: string, fallback: boolean, storage: FlagStorage = localStorage): boolean {
  try {
    const value = storage.getItem(PREFIX + key)
    return value === '1' ? true : value === '0' ? false : fallback
  } catch {
    return fallback
  }
}

export function writeFlag(key: string, value: boolean, storage: FlagStorage = localStorage): void {
  try {
    storage.setItem(PREFIX + key, value ? '1' : '0')
  } catch {
    // Private mode or full storage: the choice holds for this visit only.
  }
}

/** A flag that survives reloads, e.g. whether the brief panel is collapsed. */
export function usePersistentFlag(key: string, fallback: boolean): [boolean, (value: boolean) => void] {
  const [value, setValue] = useState(() => readFlag(key, fallback))
  const set = useCallback(
    (next: boolean) => {
      writeFlag(key, next)
      setValue(next)
    },
    [key],
  )
  return [value, set]
}
