import { Pause, Play, SkipBack, SkipForward } from 'lucide-react'
import { formatElapsed, formatWallTime, SPEEDS, type Speed } from './playback.ts'
import type { Playback } from './usePlayback.ts'

interface Props {
  playback: Playback
  start: number
  end: number
  hasRevisions: boolean
  /** the phase at the moment shown */
  phaseLabel: string | null
  disabled?: boolean
}

/** Play/pause, speed, idle skipping, revision steps, and the moment in both clocks. */
export function PlaybackControls({
  playback,
  start,
  end,
  hasRevisions,
  phaseLabel,
  disabled = false,
}: Props) {
  const { at, playing, speed, skipIdle, revision } = playback
  return (
    <div className="replay-controls" data-testid="replay-controls">
      <div className="replay-controls__buttons">
        <button
          type="button"
          className="sb-button sb-button--small"
          onClick={() => playback.stepRevision(-1)}
          disabled={disabled || !hasRevisions}
          title="Previous revision ( [ )"
          aria-label="Previous revision"
        >
          <SkipBack size={15} aria-hidden />
        </button>
        <button
          type="button"
          className="sb-button sb-button--small sb-button--primary replay-controls__play"
          onClick={playback.togglePlay}
          disabled={disabled}
          title={playing ? 'Pause (Space)' : 'Play (Space)'}
          data-testid="replay-play"
        >
          {playing ? <Pause size={15} aria-hidden /> : <Play size={15} aria-hidden />}
          {playing ? 'Pause' : 'Play'}
        </button>
        <button
          type="button"
          className="sb-button sb-button--small"
          onClick={() => playback.stepRevision(1)}
          disabled={disabled || !hasRevisions}
          title="Next revision ( ] )"
          aria-label="Next revision"
        >
          <SkipForward size={15} aria-hidden />
        </button>
      </div>
      <fieldset className="replay-speed" disabled={disabled}>
        <legend className="sb-visually-hidden">Speed</legend>
        {SPEEDS.map((option: Speed) => (
          <button
            key={option}
            type="button"
            className={`replay-speed__option${option === speed ? ' replay-speed__option--on' : ''}`}
            aria-pressed={option === speed}
            onClick={() => playback.setSpeed(option)}
          >
            {option}×
          </button>
        ))}
      </fieldset>
      <label className="replay-skip" title="Stretches of more than 10 s with no edit play in about a second">
        <input
          type="checkbox"
          checked={skipIdle}
          disabled={disabled}
          onChange={(event) => playback.setSkipIdle(event.target.checked)}
        />
        Skip idle gaps
      </label>
      <div className="replay-clock" aria-live="off" data-testid="replay-clock">
        <span className="replay-clock__elapsed">
          {formatElapsed(at - start)}{' '}
          <span className="replay-clock__total">/ {formatElapsed(end - start)}</span>
        </span>
        <span className="replay-clock__wall" title="Time of day (your time zone)">
          {formatWallTime(at)}
        </span>
        {revision ? (
          <span className="replay-clock__revision">Revision “{revision.label}”</span>
        ) : (
          phaseLabel && <span className="replay-clock__phase">{phaseLabel}</span>
        )}
      </div>
    </div>
  )
}
