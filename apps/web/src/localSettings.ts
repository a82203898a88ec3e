/**
 * This browser's small UI choices (a panel collapsed, its width, the last view of a board) in
 * localStorage. Storage can be full, blocked or missing (private mode): reading then gives null and
 * writing does nothing, so the choice holds for this visit only and never breaks the page.
 */
export function readSetting(key: string, storage: Pick<Storage, 'getItem'> = localStorage): string | null {
  try {
    return storage.getItem(key)
  } catch {
    return null
  }
}

export function writeSetting(
  key: string,
  value: string,
  storage: Pick<Storage, 'setItem'> = localStorage,
): void {
  try {
    storage.setItem(key, value)
  } catch {
    // Full or blocked storage: the choice holds for this visit only.
  }
}

export function removeSetting(key: string, storage: Pick<Storage, 'removeItem'> = localStorage): void {
  try {
    storage.removeItem(key)
  } catch {
    // Blocked storage: nothing was kept there either.
  }
}
