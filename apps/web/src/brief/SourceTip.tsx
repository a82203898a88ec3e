import type { PriceSource } from '@scaleboard/schema'
import { Info } from 'lucide-react'
import { type CSSProperties, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react'
import { createPortal } from 'react-dom'

interface Props {
  source: PriceSource
  /** the option the price belongs to, to name the control */
  optionName: string
}

const TIP_WIDTH = 300
const HIDE_DELAY_MS = 120

/** Only http(s) sources become links; anything else is shown as text. */
export function safeUrl(url: string | undefined): string | null {
  if (!url) return null
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null
  } catch {
    return null
  }
}

/** Under the control (above it near the bottom of the window), inside the window. */
function placeBeside(element: HTMLElement | null): CSSProperties | null {
  const rect = element?.getBoundingClientRect()
  if (!rect) return null
  const left = Math.max(8, Math.min(rect.left - 8, window.innerWidth - TIP_WIDTH - 8))
  return rect.bottom + 140 < window.innerHeight
    ? { left, top: rect.bottom + 6 }
    : { left, bottom: window.innerHeight - rect.top + 6 }
}

/**
 * Where a price comes from, on hover and on keyboard focus: a tooltip naming the page and when it
 * was read. With a public page the control is a link to it; an internal rate card has no page, so
 * the control is a button that pins the tooltip (for touch). The tooltip is fixed to the viewport
 * (so the table's horizontal scroll never clips it); Escape hides it, and it stays while hovered.
 */
export function SourceTip({ source, optionName }: Props) {
  const tipId = useId()
  const trigger = useRef<HTMLElement | null>(null)
  const hideTimer = useRef<number | undefined>(undefined)
  const [position, setPosition] = useState<CSSProperties | null>(null)
  const href = safeUrl(source.url)

  const show = () => {
    window.clearTimeout(hideTimer.current)
    const place = placeBeside(trigger.current)
    if (place) setPosition(place)
  }
  const hideSoon = () => {
    window.clearTimeout(hideTimer.current)
    hideTimer.current = window.setTimeout(() => setPosition(null), HIDE_DELAY_MS)
  }
  const hide = () => {
    window.clearTimeout(hideTimer.current)
    setPosition(null)
  }
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && position) {
      e.stopPropagation()
      hide()
    }
  }

  // The tooltip is fixed to the viewport: when the brief scrolls, it follows a focused control
  // (focusing scrolls it into view) and closes on one merely hovered.
  const open = position !== null
  useEffect(() => {
    if (!open) return
    const follow = () => {
      const place = document.activeElement === trigger.current ? placeBeside(trigger.current) : null
      setPosition(place)
    }
    window.addEventListener('scroll', follow, true)
    window.addEventListener('resize', follow)
    return () => {
      window.removeEventListener('scroll', follow, true)
      window.removeEventListener('resize', follow)
    }
  }, [open])
  useEffect(() => () => window.clearTimeout(hideTimer.current), [])

  const common = {
    className: 'brief-source__trigger',
    'aria-describedby': tipId,
    onMouseEnter: show,
    onMouseLeave: hideSoon,
    onFocus: show,
    onBlur: hide,
    onKeyDown,
  }
  const label = `Price source for ${optionName}`
  return (
    <span className="brief-source">
      {href ? (
        <a
          {...common}
          ref={(el) => {
            trigger.current = el
          }}
          href={href}
          target="_blank"
          rel="noreferrer noopener"
          aria-label={label}
        >
          <Info size={13} aria-hidden />
        </a>
      ) : (
        <button
          {...common}
          ref={(el) => {
            trigger.current = el
          }}
          type="button"
          aria-label={label}
          aria-expanded={open}
          onClick={() => (open ? hide() : show())}
        >
          <Info size={13} aria-hidden />
        </button>
      )}
      {/* In <body>: a sticky table cell is a stacking context that later rows would paint over. */}
      {createPortal(
        <span
          id={tipId}
          role="tooltip"
          className="brief-source__tip"
          hidden={!open}
          style={position ?? undefined}
          onMouseEnter={show}
          onMouseLeave={hideSoon}
        >
          <span className="brief-source__title">Source: {source.title}</span>
          <span className="brief-source__seen">Seen {source.seen}</span>
          {source.note && <span className="brief-source__note">{source.note}</span>}
          {href && <span className="brief-source__url">{new URL(href).host}</span>}
        </span>,
        document.body,
      )}
    </span>
  )
}
