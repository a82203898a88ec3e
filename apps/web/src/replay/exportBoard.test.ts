import { describe, expect, it } from 'vitest'
import { exportFileName } from './exportBoard.ts'

describe('exportFileName', () => {
  it('joins the session title and the revision label', () => {
    expect(exportFileName('Ranking at scale', 'End of design', 'png')).toBe(
      'Ranking at scale – End of design.png',
    )
  })
  it('drops characters file systems refuse and falls back to a name', () => {
    expect(exportFileName('A/B: test?', ' v2 *final* ', 'svg')).toBe('A B test – v2 final.svg')
    expect(exportFileName('  ', 'at 4:05', 'png')).toBe('Scaleboard – at 4 05.png')
  })
})
