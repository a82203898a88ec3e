import type { CandidateScenario, ChecklistItem, Level, ScenarioGuidance } from '@scaleboard/schema'
import { EyeOff } from 'lucide-react'
import { BriefSection } from './BriefSection.tsx'
import { checklistFor, followUpsFor } from './forLevel.ts'
import { suggestedChangesFor } from './updates.ts'

interface Props {
  guidance: ScenarioGuidance
  /** the rubric, sent with the guidance to the interviewer only */
  checklist: ChecklistItem[]
  scenario: CandidateScenario
  level: Level | null
}

/**
 * What only the interviewer gets: the honest reading of the bottleneck, hints, follow-up questions,
 * what strong answers and pitfalls look like, and the checklist. The server sends it to the
 * interviewer's token only; the marker says so, so the interviewer never has to wonder.
 */
export function GuidanceSection({ guidance, checklist: rubric, scenario, level }: Props) {
  const followUps = followUpsFor(guidance, level)
  const requirementChanges = suggestedChangesFor(guidance, level, [])
  const checklist = checklistFor(rubric, scenario, level)
  const requirementLabels = new Map(scenario.requirements.map((r) => [r.id, r.label]))
  return (
    <div className="brief-guidance" data-testid="brief-guidance">
      <p className="brief-guidance__marker" role="note">
        <EyeOff size={15} aria-hidden />
        <span>
          <strong>Interviewer only</strong> — the candidate does not see this.
        </span>
      </p>
      <BriefSection title="Where it breaks today">
        <p className="brief-guidance__bottleneck">{guidance.bottleneck}</p>
      </BriefSection>
      {guidance.hints.length > 0 && (
        <BriefSection title="Hints" aside={guidance.hints.length}>
          <ul className="brief-list">
            {guidance.hints.map((hint) => (
              <li key={hint.text}>
                {hint.text}
                {hint.when && <span className="brief-list__when">When {hint.when}.</span>}
              </li>
            ))}
          </ul>
        </BriefSection>
      )}
      {followUps.length > 0 && (
        <BriefSection title="Follow-up questions" aside={followUps.length}>
          <ul className="brief-list">
            {followUps.map((followUp) => (
              <li key={followUp.question}>{followUp.question}</li>
            ))}
          </ul>
        </BriefSection>
      )}
      {requirementChanges.length > 0 && (
        <BriefSection title="Requirement changes to announce" aside={requirementChanges.length}>
          <p className="brief-guidance__readonly">
            Add one from the Checklist panel: it shows at once in the candidate’s brief.
          </p>
          <ul className="brief-list">
            {requirementChanges.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
        </BriefSection>
      )}
      {guidance.strongAnswers.length > 0 && (
        <BriefSection title="Strong answers" aside={guidance.strongAnswers.length}>
          <ul className="brief-list brief-list--strong">
            {guidance.strongAnswers.map((answer) => (
              <li key={answer}>{answer}</li>
            ))}
          </ul>
        </BriefSection>
      )}
      {guidance.pitfalls.length > 0 && (
        <BriefSection title="Pitfalls" aside={guidance.pitfalls.length}>
          <ul className="brief-list brief-list--pitfalls">
            {guidance.pitfalls.map((pitfall) => (
              <li key={pitfall}>{pitfall}</li>
            ))}
          </ul>
        </BriefSection>
      )}
      <BriefSection title="Checklist" aside={checklist.length} testId="brief-checklist">
        <p className="brief-guidance__readonly">Read-only here: the items this level is judged on.</p>
        <ul className="brief-checklist">
          {checklist.map((item) => (
            <li key={item.id} className="brief-checklist__item">
              <span className="brief-checklist__box" aria-hidden />
              <span>
                {item.label}
                {item.requirementIds.length > 0 && (
                  <span className="brief-checklist__requirements">
                    {item.requirementIds.map((id) => requirementLabels.get(id) ?? id).join(' · ')}
                  </span>
                )}
              </span>
            </li>
          ))}
        </ul>
      </BriefSection>
    </div>
  )
}
