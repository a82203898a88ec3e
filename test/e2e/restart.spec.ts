import { createSession } from '../serverProcess.ts'
import { drawRectangle, expect, shapeCount, shapeIds, test, waitForLive } from './fixtures.ts'

test('a server restart mid-session: browsers reconnect and nothing is lost', async ({
  server,
  openBoard,
}) => {
  const session = await createSession(server.url)
  const candidate = await openBoard(session.links.candidate)
  const interviewer = await openBoard(session.links.interviewer)
  await drawRectangle(candidate.page, { x: 450, y: 300 }, { x: 600, y: 400 })
  await expect.poll(() => shapeCount(interviewer.page)).toBe(await shapeCount(candidate.page))

  await server.kill()
  await expect(candidate.page.getByTestId('connection')).not.toHaveAttribute('data-state', 'live')
  // An edit made while the server is down stays in the browser and is shown as unsynced.
  await drawRectangle(candidate.page, { x: 650, y: 300 }, { x: 800, y: 400 })
  await expect(candidate.page.getByTestId('connection')).toHaveAttribute('data-state', /offline|reconnecting/)

  await server.restart()
  await waitForLive(candidate.page)
  await waitForLive(interviewer.page)
  const ids = await shapeIds(candidate.page)
  await expect.poll(() => shapeIds(interviewer.page)).toEqual(ids)

  // And the server kept it: a fresh browser gets the same board.
  const late = await openBoard(session.links.observer)
  await expect.poll(() => shapeIds(late.page)).toEqual(ids)
})
