import type { ComponentGroup } from '@scaleboard/schema'
import { CATALOGUE_BY_GROUP, type CatalogueEntry } from './componentCatalogue.ts'

export interface CatalogueGroupMatch {
  group: ComponentGroup
  label: string
  entries: CatalogueEntry[]
}

function haystack(entry: CatalogueEntry): string {
  return [entry.label, entry.kind.replaceAll('-', ' '), entry.group, ...entry.keywords]
    .join(' ')
    .toLowerCase()
}

/**
 * The palette's filter: every word of the query must appear in the entry's label, kind, group
 * or keywords ("gpu inf" finds the GPU model server). Groups with no match are left out.
 */
export function searchCatalogue(query: string): CatalogueGroupMatch[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean)
  return CATALOGUE_BY_GROUP.map(({ group, label, entries }) => ({
    group,
    label,
    entries: entries.filter((entry) => {
      const text = haystack(entry)
      return words.every((word) => text.includes(word))
    }),
  })).filter((g) => g.entries.length > 0)
}
