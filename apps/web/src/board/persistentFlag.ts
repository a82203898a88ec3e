import { useCallback, useState } from 'react'
import { readSetting, writeSetting } from '../localSettings.ts'

const PREFIX = 'scaleboard.'

/** A yes/no UI choice kept in localStorage ("1" / "0"); the default when unset or unreadable. */
export function readFlag(
  key: string,
  fallback: boolean,
  storage: Pick<Storage, 'getItem'> = localStorage,
): boolean {
  const value = readSetting(PREFIX + key, storage)
  return value === '1' ? true : value === '0' ? false : fallback
}

export function writeFlag(
  key: string,
  value: boolean,
  storage: Pick<Storage, 'setItem'> = localStorage,
): void {
  writeSetting(PREFIX + key, value ? '1' : '0', storage)
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
