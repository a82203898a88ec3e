import type { InfrastructureOption, PriceSource, Provider } from '@scaleboard/schema'
import { formatOptionSpecs, formatPrice, PROVIDER_LABELS } from './format.ts'

/** The priced infrastructure on offer, grouped by provider in the scenario's order, each with its source. */
export function OptionsList({ options }: { options: InfrastructureOption[] }) {
  const byProvider = new Map<Provider, InfrastructureOption[]>()
  for (const option of options)
    byProvider.set(option.provider, [...(byProvider.get(option.provider) ?? []), option])
  return (
    <div className="brief-options" data-testid="brief-options">
      {[...byProvider].map(([provider, list]) => (
        <section key={provider} className="brief-options__provider" aria-label={PROVIDER_LABELS[provider]}>
          <h4>{PROVIDER_LABELS[provider]}</h4>
          <ul>
            {list.map((option) => (
              <OptionItem key={option.id} option={option} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  )
}

function OptionItem({ option }: { option: InfrastructureOption }) {
  const specs = formatOptionSpecs(option)
  const prices =
    option.category === 'instance'
      ? [{ key: 'hour', text: formatPrice(option.pricePerHourUsd, 'hour'), label: undefined }]
      : option.prices.map((p) => ({ key: p.unit, text: formatPrice(p.amountUsd, p.unit), label: p.label }))
  return (
    <li className="brief-option">
      <div className="brief-option__head">
        <span className="brief-option__name">{option.name}</span>
        {option.region && <span className="brief-option__region">{option.region}</span>}
      </div>
      {specs && <div className="brief-option__specs">{specs}</div>}
      <ul className="brief-option__prices">
        {prices.map((price) => (
          <li key={price.key}>
            <strong>{price.text}</strong>
            {price.label && <span className="brief-option__price-label"> · {price.label}</span>}
          </li>
        ))}
      </ul>
      {option.notes && <p className="brief-option__notes">{option.notes}</p>}
      <SourceLine source={option.source} />
    </li>
  )
}

/** Only http(s) sources become links; anything else is shown as text. */
function safeUrl(url: string | undefined): string | null {
  if (!url) return null
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null
  } catch {
    return null
  }
}

function SourceLine({ source }: { source: PriceSource }) {
  const href = safeUrl(source.url)
  return (
    <p className="brief-option__source">
      Source:{' '}
      {href ? (
        <a href={href} target="_blank" rel="noreferrer noopener">
          {source.title}
        </a>
      ) : (
        source.title
      )}{' '}
      (seen {source.seen}){source.note && <>. {source.note}</>}
    </p>
  )
}
