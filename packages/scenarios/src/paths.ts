import { fileURLToPath } from 'node:url'

/** The repository's `scenarios/` folder, resolved from this file (packages/scenarios/src). */
export const DEFAULT_SCENARIOS_DIR = fileURLToPath(new URL('../../../scenarios/', import.meta.url))

/** Each scenario lives in `<dir>/<id>/scenario.yaml`. */
export const SCENARIO_FILE = 'scenario.yaml'
