import { describe, expect, it } from 'vitest'
import { utilisationBadge, utilisationBadges } from './badges.ts'
import { component } from './testAnalysis.ts'

describe('utilisationBadge', () => {
  it('shows the utilisation as a percentage, coloured by state', () => {
    expect(
      utilisationBadge(
        component('shape:m', { name: 'Model', utilisation: 0.834, state: 'hot', replicasNeeded: 5 }),
      ),
    ).toEqual({
      shapeId: 'shape:m',
      text: '83 %',
      state: 'hot',
      alarm: false,
      title: 'Model: 83 % above target at peak (200 rps on 4 replicas; needs 5)',
    })
  })

  it('alarms on an overloaded or down card', () => {
    const overloaded = utilisationBadge(
      component('shape:m', { utilisation: 2.5, state: 'overloaded', replicasNeeded: 15 }),
    )
    expect([overloaded?.text, overloaded?.alarm]).toEqual(['250 %', true])
    const down = utilisationBadge(
      component('shape:m', { name: 'Model', utilisation: null, replicas: 0, state: 'down' }),
    )
    expect(down).toMatchObject({ text: 'down', alarm: true, title: 'Model is down' })
  })

  it('marks an unknown utilisation, and gives none to a card that is not capacity-bound', () => {
    expect(utilisationBadge(component('shape:m', { utilisation: null, state: 'unknown' }))?.text).toBe('? %')
    expect(
      utilisationBadge(component('shape:c', { kind: 'client', utilisation: null, state: 'ok' })),
    ).toBeNull()
  })

  it('lists badges only for the cards that get one', () => {
    const badges = utilisationBadges([
      component('shape:a'),
      component('shape:c', { kind: 'client', utilisation: null }),
      component('shape:b', { state: 'down', utilisation: null }),
    ])
    expect(badges.map((b) => b.shapeId)).toEqual(['shape:a', 'shape:b'])
  })
})
