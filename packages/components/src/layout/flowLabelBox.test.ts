import { describe, expect, it } from 'vitest'
import { flowLabelBox, MAX_FLOW_LABEL_WIDTH } from './flowLabelBox.ts'

describe('flowLabelBox', () => {
  it('is one line for a short label, wider for longer text', () => {
    const short = flowLabelBox('sync · 10 rps')
    const longer = flowLabelBox('async · 1.2k rps')
    expect(longer.w).toBeGreaterThan(short.w)
    expect(longer.h).toBe(short.h)
  })

  it('wraps a long label between words, never wider than the cap (plus padding)', () => {
    const box = flowLabelBox('recommend(user, page) · sync · 10 rps · from the web shop backend')
    expect(box.w).toBeLessThanOrEqual(MAX_FLOW_LABEL_WIDTH + 10)
    expect(box.h).toBeGreaterThan(flowLabelBox('sync').h)
  })
})
