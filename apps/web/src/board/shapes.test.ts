import { compareSchemas, createBoardStore } from '@scaleboard/board-sync'
import { createBoardSchema } from '@scaleboard/components/schema'
import { expect, it } from 'vitest'
import { boardShapeUtils } from './shapes.ts'

it("gives the browser's store exactly the server's board schema", () => {
  const browser = createBoardStore({ shapeUtils: boardShapeUtils }).schema.serialize()
  const server = createBoardSchema().serialize()
  expect(browser).toEqual(server)
  expect(compareSchemas(browser, server)).toBe('same')
})
