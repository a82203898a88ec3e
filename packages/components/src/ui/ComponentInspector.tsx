import { type ComponentFigures, HOURS_PER_MONTH } from '@scaleboard/schema'
import { Calculator } from 'lucide-react'
import { useEffect, useId, useState } from 'react'
import { type Editor, useValue } from 'tldraw'
import {
  CATALOGUE_BY_GROUP,
  COMPONENT_CATALOGUE,
  figurePlaceholder,
} from '../catalogue/componentCatalogue.ts'
import { figureTotals } from '../catalogue/figureTotals.ts'
import {
  formatCount,
  formatFigures,
  formatFraction,
  formatUsd,
  formatUsdPerHour,
} from '../catalogue/formatFigures.ts'
import { FIGURE_SPECS, type FigureName } from '../figures/figureSpecs.ts'
import { checkFigureConsistency, type FigureValue, parseFigureInput } from '../figures/figureValidation.ts'
import {
  CARD_KINDS,
  type CardKind,
  COMPONENT_SHAPE_TYPE,
  type ComponentShape,
  DETAIL_MAX_LENGTH,
  NAME_MAX_LENGTH,
  REGION_SHAPE_TYPE,
  type RegionShape,
} from '../shapes/componentShape.ts'
import { getComponentIcon } from './icons.ts'
import './components.css'

export interface ComponentInspectorProps {
  editor: Editor
  className?: string
}

type InspectedShape = ComponentShape | RegionShape

/**
 * The side panel for the one selected component (or region): name, detail and the figures that
 * fit its kind, each checked as it is typed and written to the shape as soon as it is valid.
 * Every input has a visible label and `data-testid` (`component-name`, `component-detail`,
 * `component-kind`, `figure-<name>`). Disabled when the editor is read-only or the shape locked.
 */
export function ComponentInspector({ editor, className }: ComponentInspectorProps) {
  const shape = useValue('inspected shape', () => {
    const selected = editor.getOnlySelectedShape()
    return selected && (selected.type === COMPONENT_SHAPE_TYPE || selected.type === REGION_SHAPE_TYPE)
      ? (selected as InspectedShape)
      : null
  }, [editor])
  const readonly = useValue('inspector readonly', () => editor.getIsReadonly(), [editor])
  const locked = useValue(
    'inspected shape locked',
    () => !!shape && editor.isShapeOrAncestorLocked(shape.id),
    [editor, shape?.id],
  )

  return (
    <section
      className={['sb-inspector', className].filter(Boolean).join(' ')}
      aria-label="Component inspector"
      data-testid="component-inspector"
    >
      {shape ? (
        <InspectorForm key={shape.id} editor={editor} shape={shape} readonly={readonly} locked={locked} />
      ) : (
        <p className="sb-inspector__empty">Select one component on the board to see and edit its figures.</p>
      )}
    </section>
  )
}

interface InspectorFormProps {
  editor: Editor
  shape: InspectedShape
  readonly: boolean
  locked: boolean
}

function InspectorForm({ editor, shape, readonly, locked }: InspectorFormProps) {
  const isCard = shape.type === COMPONENT_SHAPE_TYPE
  const kind = isCard ? shape.props.kind : 'region-boundary'
  const entry = COMPONENT_CATALOGUE[kind]
  const Icon = getComponentIcon(kind)
  const disabled = readonly || locked

  // each field's edits since it took focus undo as one step
  const markHistory = () => editor.markHistoryStoppingPoint('edit component')
  const update = (props: Partial<ComponentShape['props']> | Partial<RegionShape['props']>) => {
    if (disabled) return
    editor.updateShape({ id: shape.id, type: shape.type, props } as Parameters<Editor['updateShape']>[0])
  }

  return (
    <>
      <div className={`sb-inspector__head sb-group-${entry.group}`}>
        <span className="sb-inspector__icon">
          <Icon size={17} strokeWidth={1.75} aria-hidden />
        </span>
        <span className="sb-inspector__title">{entry.label}</span>
      </div>
      {isCard && (
        <>
          <p className="sb-inspector__summary" data-testid="component-summary">
            {formatFigures(shape.props.kind, shape.props.figures) || 'No key figures yet.'}
          </p>
          <Totals kind={shape.props.kind} figures={shape.props.figures} />
        </>
      )}
      {readonly ? (
        <p className="sb-inspector__notice" role="note">
          View only: this board can't be edited from here.
        </p>
      ) : locked ? (
        <p className="sb-inspector__notice" role="note">
          Locked: this is part of the current state. Copy and paste it to build on it.
        </p>
      ) : null}
      <fieldset disabled={disabled}>
        <TextField
          label="Name"
          testId="component-name"
          value={shape.props.name}
          maxLength={NAME_MAX_LENGTH}
          placeholder={entry.label}
          onFocus={markHistory}
          onChange={(name) => update({ name })}
        />
        <TextField
          label="Detail"
          testId="component-detail"
          value={shape.props.detail}
          maxLength={DETAIL_MAX_LENGTH}
          placeholder={isCard ? `Technology, ${entry.detailExample}` : entry.detailExample}
          onFocus={markHistory}
          onChange={(detail) => update({ detail })}
        />
        {isCard && (
          <>
            <KindField
              kind={shape.props.kind}
              onFocus={markHistory}
              onChange={(next) => update({ kind: next })}
            />
            <div className="sb-inspector__section">Key figures</div>
            {entry.figures.length === 0 ? (
              <p className="sb-field__hint">This component has no figures to set.</p>
            ) : (
              entry.figures.map((name) => (
                <FigureField
                  key={name}
                  name={name}
                  placeholder={figurePlaceholder(shape.props.kind, name)}
                  figures={shape.props.figures}
                  onFocus={markHistory}
                  onCommit={(figures) => update({ figures })}
                />
              ))
            )}
          </>
        )}
      </fieldset>
    </>
  )
}

/**
 * What the figures add up to, worked out here and marked as such: total capacity and cost per
 * month, each with the sum it comes from. Nothing is shown until a total's inputs are all set.
 */
function Totals({ kind, figures }: { kind: ComponentShape['props']['kind']; figures: ComponentFigures }) {
  const { capacity, cost } = figureTotals(kind, figures)
  if (!capacity && !cost) return null
  return (
    <section className="sb-totals" aria-label="Computed totals" data-testid="component-totals">
      <div className="sb-totals__head">
        <Calculator size={13} strokeWidth={2} aria-hidden />
        Computed from the figures
      </div>
      <dl className="sb-totals__list">
        {capacity && (
          <div className="sb-totals__row">
            <dt>Total capacity</dt>
            <dd>
              <output data-testid="total-capacity">{formatCount(capacity.totalRps)} rps</output>
              <span className="sb-totals__sum">
                {`${formatCount(capacity.replicas)} × ${formatCount(capacity.perReplicaRps)} rps`}
              </span>
            </dd>
          </div>
        )}
        {cost && (
          <div className="sb-totals__row">
            <dt>Cost per month</dt>
            <dd>
              <output data-testid="total-cost">{formatUsd(cost.monthlyUsd)}</output>
              <span className="sb-totals__sum">
                {`${formatCount(cost.replicas)} × ${formatUsdPerHour(cost.perReplicaHourUsd)} × ${HOURS_PER_MONTH} h`}
              </span>
            </dd>
          </div>
        )}
      </dl>
    </section>
  )
}

interface TextFieldProps {
  label: string
  testId: string
  value: string
  maxLength: number
  placeholder: string
  onFocus: () => void
  onChange: (value: string) => void
}

function TextField({ label, testId, value, maxLength, placeholder, onFocus, onChange }: TextFieldProps) {
  const id = useId()
  return (
    <div className="sb-field">
      <label className="sb-field__label" htmlFor={id}>
        {label}
      </label>
      <div className="sb-field__control">
        <input
          id={id}
          className="sb-field__input"
          type="text"
          value={value}
          maxLength={maxLength}
          placeholder={placeholder}
          onFocus={onFocus}
          onChange={(e) => onChange(e.target.value.slice(0, maxLength))}
          data-testid={testId}
        />
      </div>
    </div>
  )
}

function KindField({
  kind,
  onFocus,
  onChange,
}: {
  kind: CardKind
  onFocus: () => void
  onChange: (kind: CardKind) => void
}) {
  const id = useId()
  return (
    <div className="sb-field">
      <label className="sb-field__label" htmlFor={id}>
        Kind
      </label>
      <div className="sb-field__control">
        <select
          id={id}
          className="sb-field__input"
          value={kind}
          onFocus={onFocus}
          onChange={(e) => onChange(e.target.value as CardKind)}
          data-testid="component-kind"
        >
          {CATALOGUE_BY_GROUP.map((group) => (
            <optgroup key={group.group} label={group.label}>
              {group.entries
                .filter((e): e is typeof e & { kind: CardKind } => CARD_KINDS.includes(e.kind as CardKind))
                .map((e) => (
                  <option key={e.kind} value={e.kind}>
                    {e.label}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </div>
    </div>
  )
}

function withFigure(
  figures: ComponentFigures,
  name: FigureName,
  value: FigureValue | undefined,
): ComponentFigures {
  const { [name]: _previous, ...rest } = figures
  return value === undefined ? rest : { ...rest, [name]: value }
}

function displayValue(value: FigureValue | undefined): string {
  return value === undefined ? '' : String(value)
}

/** What is wrong with a draft (or with the stored figures when there is no draft), if anything. */
function figureError(name: FigureName, draft: string | null, figures: ComponentFigures) {
  if (draft === null) return { error: checkFigureConsistency(figures)[name], value: figures[name] }
  const parsed = parseFigureInput(name, draft)
  if (!parsed.ok) return { error: parsed.error, value: undefined }
  return { error: checkFigureConsistency(withFigure(figures, name, parsed.value))[name], value: parsed.value }
}

interface FigureFieldProps {
  name: FigureName
  /** a hint from this kind's own defaults ("e.g. 2"), or '' */
  placeholder: string
  figures: ComponentFigures
  onFocus: () => void
  onCommit: (figures: ComponentFigures) => void
}

function FigureField({ name, placeholder, figures, onFocus, onCommit }: FigureFieldProps) {
  const spec = FIGURE_SPECS[name]
  const id = useId()
  // what the user typed, kept while focused or while it can't be saved; null shows the stored value
  const [draft, setDraft] = useState<string | null>(null)
  const stored = figures[name]
  const { error, value } = figureError(name, draft, figures)

  // Save the draft whenever it is valid and differs from the shape: as it is typed, and also once
  // a figure it conflicted with (autoscale min above max) has been fixed.
  useEffect(() => {
    if (draft !== null && !error && value !== stored) onCommit(withFigure(figures, name, value))
  }, [draft, error, value, stored, figures, name, onCommit])

  const errorId = `${id}-error`
  const hintId = `${id}-hint`
  const shown = draft ?? displayValue(stored)
  const hint =
    spec.valueType === 'fraction' && typeof value === 'number' && !error
      ? `= ${formatFraction(value)}`
      : spec.valueType === 'fraction'
        ? 'a fraction, e.g. 0.999 for 99.9%'
        : undefined

  return (
    <div className="sb-field">
      <label className="sb-field__label" htmlFor={id}>
        {spec.label}
      </label>
      <div className="sb-field__control">
        <input
          id={id}
          className="sb-field__input"
          type="text"
          inputMode={
            spec.valueType === 'text' ? 'text' : spec.valueType === 'integer' ? 'numeric' : 'decimal'
          }
          autoComplete="off"
          value={shown}
          placeholder={placeholder}
          aria-invalid={error ? true : undefined}
          aria-describedby={
            [error ? errorId : undefined, hint ? hintId : undefined].filter(Boolean).join(' ') || undefined
          }
          onFocus={onFocus}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={() => {
            if (!error) setDraft(null)
          }}
          data-testid={`figure-${name}`}
        />
        <span className="sb-field__unit">{spec.valueType === 'fraction' ? '0–1' : spec.unit}</span>
      </div>
      {error ? (
        <span id={errorId} className="sb-field__error" role="alert" data-testid={`figure-${name}-error`}>
          {error}
        </span>
      ) : hint ? (
        <span id={hintId} className="sb-field__hint">
          {hint}
        </span>
      ) : null}
    </div>
  )
}
