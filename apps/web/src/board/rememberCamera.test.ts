import { describe, expect, it } from 'vitest'
import { readSavedCamera } from './rememberCamera.ts'

const storage = (value: string | null) => ({
  getItem: (key: string) => (key === 'scaleboard.camera.s1' ? value : null),
})

describe('readSavedCamera', () => {
  it("reads this browser's last view of that session", () => {
    expect(readSavedCamera('s1', storage('{"x":-10,"y":20.5,"z":0.9}'))).toEqual({ x: -10, y: 20.5, z: 0.9 })
    expect(readSavedCamera('s2', storage('{"x":-10,"y":20.5,"z":0.9}'))).toBeNull()
  })

  it('ignores anything that is not a camera', () => {
    for (const stored of [
      null,
      'not json',
      '{"x":1,"y":2}',
      '{"x":1,"y":2,"z":0}',
      '{"x":"a","y":2,"z":1}',
      '[]',
    ])
      expect(readSavedCamera('s1', storage(stored)), String(stored)).toBeNull()
  })
})
