import type { Finding } from '@scaleboard/analysis'
import { CircleAlert, Info, TriangleAlert } from 'lucide-react'
import type { Editor } from 'tldraw'
import { groupFindings } from './findings.ts'
import { shapeNameOf, showShapes } from './showShapes.ts'

const ICON = { error: CircleAlert, warning: TriangleAlert, info: Info }
const SEVERITY_WORD = { error: 'Problem', warning: 'Warning', info: 'Note' }

/** What an interviewer would point at, worst first; a click selects and shows the shapes. */
export function FindingsList({ findings, editor }: { findings: readonly Finding[]; editor: Editor | null }) {
  const items = groupFindings(findings, shapeNameOf(editor, 'a component'))
  if (items.length === 0) return <p className="panel-muted">No findings: nothing to point at.</p>
  return (
    <ul className="analysis-findings" aria-label="Findings" data-testid="analysis-findings">
      {items.map((item) => {
        const Icon = ICON[item.severity]
        return (
          <li key={item.key} data-severity={item.severity} data-testid="analysis-finding">
            <button
              type="button"
              className={`analysis-finding analysis-finding--${item.severity}`}
              disabled={!editor || item.shapeIds.length === 0}
              onClick={() => editor && showShapes(editor, item.shapeIds)}
            >
              <Icon size={15} className="analysis-finding__icon" aria-label={SEVERITY_WORD[item.severity]} />
              <span>{item.message}</span>
            </button>
          </li>
        )
      })}
    </ul>
  )
}
