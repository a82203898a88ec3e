import type { InfrastructureOption, Provider } from '@scaleboard/schema'
import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react'
import { type ReactNode, useId, useMemo, useState } from 'react'
import { PROVIDER_LABELS } from './format.ts'
import {
  describeSource,
  formatLeadTime,
  nextSort,
  type OptionColumn,
  type OptionSort,
  optionLines,
  type Price,
  providersOf,
  sortOptions,
} from './optionsTable.ts'
import { SourceTip } from './SourceTip.tsx'

interface Column {
  /** every column but the limits sorts */
  id: OptionColumn | 'limits'
  label: string
  /** a second, smaller line under the label */
  detail?: string
  numeric?: boolean
}

const COLUMNS: Column[] = [
  // Prices before the machine: a panel at its default width shows an option and its prices, and
  // scrolls sideways (or widens) for the rest.
  { id: 'name', label: 'Option' },
  { id: 'hour', label: '$/hour', numeric: true },
  { id: 'month', label: '$/month', detail: '730 h', numeric: true },
  { id: 'specs', label: 'vCPU / memory / GPU' },
  { id: 'lead', label: 'Lead time' },
  { id: 'limits', label: 'Limits & notes' },
]

const dash = <span className="brief-options__none">–</span>

/**
 * The priced infrastructure as one comparison table: a row group per option (a managed service has
 * a row per unit price), sortable by clicking a column's header, filterable by provider. Each
 * option's price source shows on hovering its prices, and in a tooltip on its source control.
 */
export function OptionsTable({ options }: { options: InfrastructureOption[] }) {
  const [sort, setSort] = useState<OptionSort | null>(null)
  const [provider, setProvider] = useState<Provider | null>(null)
  const captionId = useId()
  const providers = providersOf(options)
  const rows = useMemo(
    () => sortOptions(provider ? options.filter((o) => o.provider === provider) : options, sort),
    [options, provider, sort],
  )
  return (
    <div className="brief-options" data-testid="brief-options">
      {providers.length > 1 && (
        <fieldset className="brief-options__filter">
          <legend className="sb-visually-hidden">Show options from</legend>
          <FilterButton pressed={provider === null} onClick={() => setProvider(null)}>
            All <span className="brief-options__count">{options.length}</span>
          </FilterButton>
          {providers.map((p) => (
            <FilterButton
              key={p.provider}
              pressed={provider === p.provider}
              onClick={() => setProvider(p.provider)}
            >
              {PROVIDER_LABELS[p.provider]} <span className="brief-options__count">{p.count}</span>
            </FilterButton>
          ))}
        </fieldset>
      )}
      {/* Scrolls sideways in a narrow panel; focusable so the keyboard can scroll it too. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
      <section className="brief-options__scroll" aria-labelledby={captionId} tabIndex={0}>
        <table className="brief-options__table" data-testid="brief-options-table">
          <caption id={captionId} className="sb-visually-hidden">
            Infrastructure options{provider ? ` from ${PROVIDER_LABELS[provider]}` : ''}. Column headers sort
            the table.
          </caption>
          <thead>
            <tr>
              {COLUMNS.map((column) => (
                <HeaderCell
                  key={column.id}
                  column={column}
                  sort={sort}
                  onSort={(id) => setSort((current) => nextSort(current, id))}
                />
              ))}
            </tr>
          </thead>
          {rows.map((option) => (
            <OptionRows key={option.id} option={option} />
          ))}
        </table>
      </section>
    </div>
  )
}

function FilterButton({
  pressed,
  onClick,
  children,
}: {
  pressed: boolean
  onClick: () => void
  children: ReactNode
}) {
  return (
    <button type="button" className="brief-options__filter-button" aria-pressed={pressed} onClick={onClick}>
      {children}
    </button>
  )
}

function HeaderCell({
  column,
  sort,
  onSort,
}: {
  column: Column
  sort: OptionSort | null
  onSort: (column: OptionColumn) => void
}) {
  const className = `brief-options__th brief-options__th--${column.id}${column.numeric ? ' brief-options__th--numeric' : ''}`
  const label = (
    <>
      {column.label}
      {column.detail && <span className="brief-options__th-detail">{column.detail}</span>}
    </>
  )
  if (column.id === 'limits') {
    return (
      <th scope="col" className={className}>
        {label}
      </th>
    )
  }
  const id = column.id
  const direction = sort?.column === id ? sort.direction : null
  const Icon = direction === 'ascending' ? ArrowUp : direction === 'descending' ? ArrowDown : ArrowUpDown
  return (
    <th scope="col" className={className} aria-sort={direction ?? undefined}>
      <button type="button" className="brief-options__sort" onClick={() => onSort(id)}>
        <span className="brief-options__sort-label">{label}</span>
        <Icon size={12} aria-hidden className="brief-options__sort-icon" data-active={direction !== null} />
      </button>
    </th>
  )
}

function OptionRows({ option }: { option: InfrastructureOption }) {
  const lines = optionLines(option)
  const span = lines.length
  const source = `Source: ${describeSource(option)}`
  const lead = formatLeadTime(option)
  return (
    <tbody className="brief-options__option" data-testid="brief-option" data-option-id={option.id}>
      {lines.map((line, i) => (
        <tr key={line.key}>
          {i === 0 && (
            <th scope="rowgroup" rowSpan={span} className="brief-options__name">
              <span className="brief-options__name-text">
                {option.name} <SourceTip source={option.source} optionName={option.name} />
              </span>
              <span className="brief-options__where">
                {PROVIDER_LABELS[option.provider]}
                {option.region && <> · {option.region}</>}
              </span>
            </th>
          )}
          <td
            className="brief-options__price"
            title={source}
            data-testid={i === 0 ? 'brief-option-hour' : undefined}
          >
            <PriceText price={line.hour} />
          </td>
          <td className="brief-options__price" title={source}>
            <PriceText price={line.month} />
          </td>
          <td className="brief-options__specs">
            {line.what}
            {line.gpu && <span className="brief-options__gpu">{line.gpu}</span>}
          </td>
          {i === 0 && (
            <>
              <td rowSpan={span} className="brief-options__lead">
                {lead ?? dash}
              </td>
              <td rowSpan={span} className="brief-options__limits">
                {option.limits && <span className="brief-options__limit">{option.limits}</span>}
                {option.notes && <span className="brief-options__notes">{option.notes}</span>}
                {!option.limits && !option.notes && dash}
              </td>
            </>
          )}
        </tr>
      ))}
    </tbody>
  )
}

function PriceText({ price }: { price: Price | null }) {
  if (!price) return dash
  return (
    <>
      <span className="brief-options__amount">{price.amount}</span>
      {/* "/ node" stays together; a long unit wraps under the amount */}
      {price.per && (
        <span className="brief-options__per">
          {' '}
          /{'\u00a0'}
          {price.per}
        </span>
      )}
    </>
  )
}
