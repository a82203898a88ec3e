import { ComponentKind } from '@scaleboard/schema'
import * as lucide from 'lucide-react'
import { describe, expect, it } from 'vitest'
import { COMPONENT_CATALOGUE } from '../catalogue/componentCatalogue.ts'
import { getIconByName } from './icons.ts'

describe('component icons', () => {
  it.each(ComponentKind.options)('draws %s with the lucide icon its catalogue entry names', (kind) => {
    const name = COMPONENT_CATALOGUE[kind].icon
    const icon = getIconByName(name)
    expect(icon).toBeDefined()
    expect(icon).toBe((lucide as unknown as Record<string, unknown>)[name])
  })
})
