/** What one board document may hold. Defaults fit a 90-minute interview with room to spare. */
export interface BoardLimits {
  /** Records (shapes, bindings, pages, assets) on the board. tldraw caps a page at 4,000 shapes. */
  maxRecords: number
  /** One record's JSON. A pasted image is stored inline as a data URL and is the largest record. */
  maxRecordBytes: number
}

export const DEFAULT_BOARD_LIMITS: BoardLimits = {
  maxRecords: 10_000,
  maxRecordBytes: 4 * 1024 * 1024,
}
