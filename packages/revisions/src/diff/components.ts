import { formatFigures } from '@scaleboard/components/schema'
import type { BoardShape, BoardView } from './boardView.ts'
import { regionOf } from './boardView.ts'
import { changedEntry, type Described, textChange } from './described.ts'
import { figureChanges, monthlyCostChange, monthlyCostUsd, readFigures } from './figureChanges.ts'
import { layoutChanges } from './layoutChanges.ts'
import { componentName, kindLabel, kindOf, quote, regionName, typedDetail, typedName } from './naming.ts'

/** "GPU model server “Ranking service” (Triton on EKS)"; the kind alone when the name is its default. */
function componentPhrase(shape: BoardShape): string {
  const kind = kindLabel(kindOf(shape))
  const name = typedName(shape)
  const detail = typedDetail(shape)
  return `${kind}${name && name !== kind ? ` ${quote(name)}` : ''}${detail ? ` (${detail})` : ''}`
}

/** Its figures in one line and the region it sits in: what a reader wants next to "New …". */
function componentFacts(board: BoardView, shape: BoardShape): string[] {
  const facts: string[] = []
  const kind = kindOf(shape)
  const figures = kind ? formatFigures(kind, readFigures(shape.props.figures)) : ''
  if (figures) facts.push(figures)
  const region = regionOf(board, shape)
  if (region) facts.push(`in ${regionName(region) ?? 'an unnamed region'}`)
  return facts
}

export function componentAdded(board: BoardView, shape: BoardShape): Described {
  return {
    subject: 'component',
    name: componentName(shape),
    summary: `New ${componentPhrase(shape)}`,
    details: componentFacts(board, shape),
  }
}

export function componentRemoved(board: BoardView, shape: BoardShape): Described {
  return {
    subject: 'component',
    name: componentName(shape),
    summary: `Removed ${componentPhrase(shape)}`,
    details: componentFacts(board, shape),
  }
}

export function componentChanged(
  from: BoardView,
  to: BoardView,
  before: BoardShape,
  after: BoardShape,
): Described | undefined {
  const details: string[] = []
  if (typedName(before) !== typedName(after)) details.push(`renamed from ${quote(componentName(before))}`)
  const [kindBefore, kindAfter] = [kindOf(before), kindOf(after)]
  if (kindBefore !== kindAfter) details.push(`kind ${kindLabel(kindBefore)} → ${kindLabel(kindAfter)}`)
  const detail = textChange('detail', typedDetail(before), typedDetail(after), (s) => quote(s))
  if (detail) details.push(detail)
  const [figuresBefore, figuresAfter] = [readFigures(before.props.figures), readFigures(after.props.figures)]
  details.push(
    ...figureChanges(
      { kind: kindBefore, figures: figuresBefore },
      { kind: kindAfter, figures: figuresAfter },
    ),
  )
  const cost = monthlyCostChange(
    monthlyCostUsd(kindBefore, figuresBefore),
    monthlyCostUsd(kindAfter, figuresAfter),
  )
  if (cost) details.push(cost)
  details.push(...layoutChanges(from, to, before, after))
  return changedEntry('component', componentName(after), details)
}
