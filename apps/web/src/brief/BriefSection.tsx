import { ChevronRight } from 'lucide-react'
import type { ReactNode } from 'react'

interface Props {
  title: string
  /** a short figure beside the title, e.g. "7" requirements */
  aside?: ReactNode
  defaultOpen?: boolean
  testId?: string
  children: ReactNode
}

/** One foldable part of the brief. A native <details>: keyboard and screen readers work as is. */
export function BriefSection({ title, aside, defaultOpen = true, testId, children }: Props) {
  return (
    <details className="brief-section" open={defaultOpen} data-testid={testId}>
      <summary className="brief-section__summary">
        <ChevronRight size={14} className="brief-section__chevron" aria-hidden />
        <h3>{title}</h3>
        {aside && <span className="brief-section__aside">{aside}</span>}
      </summary>
      <div className="brief-section__body">{children}</div>
    </details>
  )
}
