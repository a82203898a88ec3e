import type { Requirement } from '@scaleboard/schema'
import { requirementFigures } from './format.ts'

/** The numeric targets the design is judged against. */
export function RequirementsList({ requirements }: { requirements: Requirement[] }) {
  return (
    <ul className="brief-requirements" data-testid="brief-requirements">
      {requirements.map((requirement) => {
        const figures = requirementFigures(requirement)
        return (
          <li key={requirement.id} className={`brief-requirement brief-requirement--${requirement.kind}`}>
            <span className="brief-requirement__label">{requirement.label}</span>
            {figures && <span className="brief-requirement__figures">{figures}</span>}
            {requirement.description && (
              <span className="brief-requirement__description">{requirement.description}</span>
            )}
          </li>
        )
      })}
    </ul>
  )
}
