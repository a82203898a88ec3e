import type { ComponentFigures } from '@scaleboard/schema'
import { T } from '@tldraw/validate'
import type { FigureName } from '../figures/figureSpecs.ts'
import { checkFigureValue } from '../figures/figureValidation.ts'

function checked<V>(base: T.Validator<V>, name: FigureName): T.Validator<V | undefined> {
  return base
    .check((value) => {
      const error = checkFigureValue(name, value)
      if (error) throw new T.ValidationError(error)
    })
    .optional()
}

const numberFigure = (name: FigureName) => checked(T.number, name)

/**
 * The tldraw validator for a component's `figures` prop: the same keys, types and ranges as
 * ComponentFigures in @scaleboard/schema (a test holds the two together), every figure optional,
 * unknown figures rejected. The store runs it on every write, in browsers and on the server.
 */
export const componentFiguresValidator = T.object<ComponentFigures>({
  replicas: numberFigure('replicas'),
  hardware: checked(T.string, 'hardware'),
  capacityRpsPerReplica: numberFigure('capacityRpsPerReplica'),
  latencyP50Ms: numberFigure('latencyP50Ms'),
  latencyP99Ms: numberFigure('latencyP99Ms'),
  autoscaleMin: numberFigure('autoscaleMin'),
  autoscaleMax: numberFigure('autoscaleMax'),
  cacheHitRate: numberFigure('cacheHitRate'),
  storageGb: numberFigure('storageGb'),
  availability: numberFigure('availability'),
  costPerReplicaHourUsd: numberFigure('costPerReplicaHourUsd'),
})
