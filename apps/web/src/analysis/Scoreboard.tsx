import type { BoardAnalysis } from '@scaleboard/analysis'
import type { AnalysisTargets } from '@scaleboard/schema'
import { useState } from 'react'
import type { Editor } from 'tldraw'
import { scoreTiles, type TileId, tileDetails } from './scoreboard.ts'
import { showShapes } from './showShapes.ts'

const DETAIL_TITLE: Record<TileId, string> = {
  headroom: 'Utilisation per component, busiest first',
  latency: 'The slowest client path, hop by hop (p99)',
  budget: 'Cost per component, a month',
  availability: 'Availability per component on the request path',
}

const TONE_WORD = {
  green: 'meets its target',
  amber: 'close to its target',
  red: 'misses its target',
  grey: 'not known',
}

/**
 * Four tiles (headroom, p99, cost, availability), each coloured by how the design stands against its
 * target; a click opens the figures behind it, and a figure's component can be shown on the board.
 */
export function Scoreboard({
  analysis,
  targets,
  editor,
}: {
  analysis: BoardAnalysis
  targets: AnalysisTargets | null
  editor: Editor | null
}) {
  const [open, setOpen] = useState<TileId | null>(null)
  const tiles = scoreTiles(analysis, targets)
  const rows = open ? tileDetails(analysis, open) : []
  return (
    <div className="analysis-scoreboard">
      <div className="analysis-tiles">
        {tiles.map((tile) => (
          <button
            key={tile.id}
            type="button"
            className={`analysis-tile analysis-tile--${tile.tone}`}
            data-testid={`analysis-tile-${tile.id}`}
            data-tone={tile.tone}
            aria-expanded={open === tile.id}
            aria-controls="analysis-tile-details"
            title={`${tile.title}: ${TONE_WORD[tile.tone]}${tile.note ? `. ${tile.note}` : ''}`}
            onClick={() => setOpen(open === tile.id ? null : tile.id)}
          >
            <span className="analysis-tile__title">
              <span className="analysis-tile__dot" aria-hidden />
              {tile.title}
            </span>
            <span className="analysis-tile__value">{tile.value}</span>
            <span className="analysis-tile__target">{tile.target}</span>
            {tile.note && <span className="analysis-tile__note">{tile.note}</span>}
          </button>
        ))}
      </div>
      {open && (
        <div className="analysis-details" id="analysis-tile-details" data-testid="analysis-details">
          <p className="analysis-details__title">{DETAIL_TITLE[open]}</p>
          {rows.length === 0 ? (
            <p className="panel-muted">No figures to show yet.</p>
          ) : (
            <ul className="analysis-details__rows">
              {rows.map((row) => (
                <li key={row.shapeId} className={`analysis-row analysis-row--${row.tone}`}>
                  <button
                    type="button"
                    className="analysis-row__name"
                    disabled={!editor}
                    onClick={() => editor && showShapes(editor, [row.shapeId])}
                    title="Show on the board"
                  >
                    {row.name}
                  </button>
                  <span className="analysis-row__value">{row.value}</span>
                  {row.detail && <span className="analysis-row__detail">{row.detail}</span>}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  )
}
