import type {
  CandidateScenario,
  ChecklistItem,
  Level,
  RequirementChange,
  Role,
  ScenarioGuidance,
  SessionMessage,
} from '@scaleboard/schema'
import { Clock, EyeOff, FileText, RefreshCw } from 'lucide-react'
import { type KeyboardEvent, lazy, Suspense, useId, useRef } from 'react'
import type { SessionBrief } from '../api.ts'
import { usePersistentFlag } from '../board/persistentFlag.ts'
import { LEVEL_LABELS } from '../labels.ts'
import { BriefSection } from './BriefSection.tsx'
import { BriefUpdates } from './BriefUpdates.tsx'
import { levelOf, requirementsFor } from './forLevel.ts'
import { formatUsd } from './format.ts'
import { GrowthFacts } from './GrowthFacts.tsx'
import { GuidanceSection } from './GuidanceSection.tsx'
import { MetricsTable } from './MetricsTable.tsx'
import { OptionsTable } from './OptionsTable.tsx'
import { RequirementsList } from './RequirementsList.tsx'
import { RichText } from './RichText.tsx'
import { clarificationsOf } from './updates.ts'
import { useSessionBrief } from './useSessionBrief.ts'
import './brief.css'

// The charts (recharts, ~100 kB gzipped) load after the brief's text and tables: the first paint
// of a board needs neither.
const SeriesChart = lazy(() => import('./SeriesChart.tsx').then((m) => ({ default: m.SeriesChart })))

interface Props {
  sessionId: string
  token: string
  role: Role
  /** requirement changes made during the session (null until loaded), kept live by the board page */
  requirementChanges: RequirementChange[] | null
  /** the Q&A thread: its answers marked as clarifications show in the brief */
  messages: SessionMessage[] | null
}

/** The left panel: the scenario as handed to the candidate, plus the interviewer's guide for the interviewer. */
export function BriefPanel({ sessionId, token, role, requirementChanges, messages }: Props) {
  const { state, retry } = useSessionBrief(sessionId, token)
  const updates: Updates = {
    changes: requirementChanges ?? NONE,
    clarifications: clarificationsOf(messages),
  }
  switch (state.status) {
    case 'loading':
      return (
        <div className="brief-loading" aria-busy="true">
          <span className="brief-loading__bar brief-loading__bar--title" />
          <span className="brief-loading__bar" />
          <span className="brief-loading__bar" />
          <span className="brief-loading__bar brief-loading__bar--short" />
          <p role="status">Loading the brief…</p>
        </div>
      )
    case 'error':
      return (
        <div className="sb-alert sb-alert--error brief-error" role="alert">
          <p>Could not load the scenario brief. {state.message}</p>
          <button type="button" className="sb-button sb-button--small" onClick={retry}>
            <RefreshCw size={14} aria-hidden /> Try again
          </button>
        </div>
      )
    case 'ready':
      return <Brief brief={state.brief} role={role} updates={updates} />
  }
}

/** What changed since the brief was handed out: shown on top of it, for every role. */
interface Updates {
  changes: RequirementChange[]
  clarifications: SessionMessage[]
}

const NONE: RequirementChange[] = []

function Brief({ brief, role, updates }: { brief: SessionBrief; role: Role; updates: Updates }) {
  const { scenario, level, guidance, checklist } = brief
  if (!scenario) {
    return (
      <p className="brief-empty">
        This session has no scenario: the board starts blank. The interviewer explains the problem.
      </p>
    )
  }
  // The server sends guidance to the interviewer's token only; checking the role too keeps a
  // mistake on one side from showing it to the candidate.
  if (guidance && role === 'interviewer') {
    return (
      <InterviewerBrief
        scenario={scenario}
        level={level}
        guidance={guidance}
        checklist={checklist ?? []}
        updates={updates}
      />
    )
  }
  return <ScenarioBrief scenario={scenario} level={level} updates={updates} />
}

type Tab = 'scenario' | 'guide'

/** Two tabs: the scenario exactly as the candidate sees it, and the interviewer's guide. */
function InterviewerBrief({
  scenario,
  level,
  guidance,
  checklist,
  updates,
}: {
  scenario: CandidateScenario
  level: Level | null
  guidance: ScenarioGuidance
  checklist: ChecklistItem[]
  updates: Updates
}) {
  const [guideOpen, setGuideOpen] = usePersistentFlag('brief.guide-tab', false)
  const tab: Tab = guideOpen ? 'guide' : 'scenario'
  const baseId = useId()
  const tabs = useRef(new Map<Tab, HTMLButtonElement>())
  const select = (next: Tab, focus = false) => {
    setGuideOpen(next === 'guide')
    if (focus) tabs.current.get(next)?.focus()
  }
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight' || e.key === 'Home' || e.key === 'End') {
      e.preventDefault()
      const next: Tab =
        e.key === 'Home' ? 'scenario' : e.key === 'End' ? 'guide' : tab === 'scenario' ? 'guide' : 'scenario'
      select(next, true)
    }
  }
  const tabProps = (id: Tab) => ({
    ref: (el: HTMLButtonElement | null) => {
      if (el) tabs.current.set(id, el)
      else tabs.current.delete(id)
    },
    id: `${baseId}-tab-${id}`,
    type: 'button' as const,
    role: 'tab',
    'aria-selected': tab === id,
    'aria-controls': `${baseId}-panel`,
    tabIndex: tab === id ? 0 : -1,
    onClick: () => select(id),
    onKeyDown,
  })
  return (
    <>
      <div className="brief-tabs" role="tablist" aria-label="Brief">
        <button {...tabProps('scenario')} className="brief-tab">
          <FileText size={14} aria-hidden /> Scenario
        </button>
        <button {...tabProps('guide')} className="brief-tab brief-tab--guide" data-testid="brief-guide-tab">
          <EyeOff size={14} aria-hidden /> Interviewer guide
        </button>
      </div>
      <div id={`${baseId}-panel`} role="tabpanel" aria-labelledby={`${baseId}-tab-${tab}`}>
        {tab === 'guide' ? (
          <GuidanceSection guidance={guidance} checklist={checklist} scenario={scenario} level={level} />
        ) : (
          <ScenarioBrief scenario={scenario} level={level} updates={updates} />
        )}
      </div>
    </>
  )
}

/** What the candidate is handed: context, growth, requirements, expectations, metrics, priced options. */
function ScenarioBrief({
  scenario,
  level,
  updates,
}: {
  scenario: CandidateScenario
  level: Level | null
  updates: Updates
}) {
  const variant = levelOf(scenario, level)
  const requirements = requirementsFor(scenario, level)
  const names = new Map(scenario.currentArchitecture.components.map((c) => [c.id, c.name]))
  const { metrics } = scenario
  return (
    <div className="brief" data-testid="brief">
      <header className="brief-header">
        <h3 className="brief-header__title">{scenario.title}</h3>
        {level && <span className="brief-header__level">{LEVEL_LABELS[level]}</span>}
        {variant?.designMinutes && (
          // The brief's one statement of the time: the level's design phase (the top bar's timer
          // counts it down). Scenario texts leave the time out, so the two never disagree.
          <span className="brief-header__minutes" data-testid="brief-time">
            <Clock size={12} aria-hidden /> {variant.designMinutes} minutes to design
          </span>
        )}
      </header>
      <BriefUpdates changes={updates.changes} clarifications={updates.clarifications} />
      <BriefSection title="Business context" testId="brief-context">
        <RichText source={scenario.context} />
      </BriefSection>
      <BriefSection title="Growth">
        <GrowthFacts growth={scenario.growth} />
      </BriefSection>
      <BriefSection title="Requirements" aside={requirements.length}>
        <RequirementsList requirements={requirements} />
      </BriefSection>
      {variant && (
        <BriefSection title={`What a ${LEVEL_LABELS[variant.level].toLowerCase()} answer shows`}>
          <ul className="brief-list" data-testid="brief-expectations">
            {variant.expectations.map((expectation) => (
              <li key={expectation}>{expectation}</li>
            ))}
          </ul>
        </BriefSection>
      )}
      <BriefSection title="Current state at peak">
        <p className="brief-muted">{metrics.observedWindow}</p>
        <MetricsTable tiers={metrics.tiers} names={names} />
        <p className="brief-cost">
          Runs for <strong>{formatUsd(scenario.currentCost.monthlyUsd)}</strong> a month today.
        </p>
        {metrics.peakAt && metrics.series.length > 0 && (
          <p className="brief-muted">Red dashed line: {metrics.peakAt}, when the figures above were taken.</p>
        )}
        {metrics.series.map((series) => (
          <Suspense
            key={series.id}
            fallback={
              <div className="brief-chart brief-chart--loading" role="status">
                Loading the chart: {series.title}…
              </div>
            }
          >
            <SeriesChart
              series={series}
              componentName={series.componentId ? names.get(series.componentId) : undefined}
              peakAt={metrics.peakAt}
            />
          </Suspense>
        ))}
      </BriefSection>
      <BriefSection title="Infrastructure options" aside={scenario.options.length}>
        <OptionsTable options={scenario.options} />
      </BriefSection>
    </div>
  )
}
