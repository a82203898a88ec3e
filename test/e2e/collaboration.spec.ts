import { createSession } from '../serverProcess.ts'
import { drawRectangle, expect, openSidePanel, shapeCount, shapeIds, test, waitForLive } from './fixtures.ts'

test('candidate and interviewer see each other’s shapes and cursors', async ({ server, openBoard }) => {
  const session = await createSession(server.url)
  const candidate = await openBoard(session.links.candidate)
  const interviewer = await openBoard(session.links.interviewer)
  await expect(candidate.page.getByTestId('role-badge')).toContainText('Candidate')
  await expect(interviewer.page.getByTestId('role-badge')).toContainText('Interviewer')

  // A blank board says how to begin, until the first shape.
  await expect(candidate.page.getByTestId('empty-board-hint')).toContainText(
    'Add components from the library',
  )
  await candidate.page.screenshot({ path: 'test-results/empty-board-hint.png' })
  const before = await shapeCount(candidate.page)
  await drawRectangle(candidate.page, { x: 500, y: 300 }, { x: 650, y: 400 })
  await expect.poll(() => shapeCount(candidate.page)).toBe(before + 1)
  await expect(candidate.page.getByTestId('empty-board-hint')).toHaveCount(0)
  await expect(interviewer.page.getByTestId('empty-board-hint')).toHaveCount(0)
  await expect.poll(() => shapeCount(interviewer.page)).toBe(before + 1)
  expect(await shapeIds(interviewer.page)).toEqual(await shapeIds(candidate.page))

  await drawRectangle(interviewer.page, { x: 500, y: 500 }, { x: 600, y: 560 })
  await expect.poll(() => shapeCount(candidate.page)).toBe(before + 2)

  // Live cursors: the candidate's pointer shows up, with the candidate's name, on the interviewer's board.
  for (let i = 0; i < 5; i++) await candidate.page.mouse.move(700 + i * 10, 350 + i * 5)
  const cursor = interviewer.page.locator('.tl-collaborators__item').filter({ hasText: 'Ada Lovelace' })
  await expect(cursor).toBeVisible()
  for (let i = 0; i < 5; i++) await interviewer.page.mouse.move(400 + i * 10, 250)
  await expect(
    candidate.page.locator('.tl-collaborators__item').filter({ hasText: 'Interviewer' }),
  ).toBeVisible()
})

test('a reload keeps the board', async ({ server, openBoard }) => {
  const session = await createSession(server.url)
  const candidate = await openBoard(session.links.candidate)
  await drawRectangle(candidate.page, { x: 450, y: 300 }, { x: 600, y: 420 })
  await drawRectangle(candidate.page, { x: 650, y: 300 }, { x: 800, y: 420 })
  const ids = await shapeIds(candidate.page)
  expect(ids.length).toBeGreaterThanOrEqual(2)
  await candidate.page.reload()
  await waitForLive(candidate.page)
  await expect.poll(() => shapeIds(candidate.page)).toEqual(ids)
})

test('the observer sees the design but cannot change it', async ({ server, openBoard }) => {
  const session = await createSession(server.url)
  const candidate = await openBoard(session.links.candidate)
  const observer = await openBoard(session.links.observer)
  await expect(observer.page.getByTestId('role-badge')).toContainText('Observer')
  await expect(observer.page.getByTestId('role-badge')).toContainText(/read-only/i)
  // Its inspector offers to read, never to edit.
  await openSidePanel(observer.page)
  await expect(observer.page.getByTestId('inspector-empty')).toContainText(
    'Select a component to read its figures',
  )
  await expect(observer.page.getByTestId('inspector-empty')).not.toContainText('edit')
  expect(
    await observer.page.evaluate(() =>
      (
        window as unknown as { __scaleboardEditor: { getIsReadonly(): boolean } }
      ).__scaleboardEditor.getIsReadonly(),
    ),
  ).toBe(true)

  await drawRectangle(candidate.page, { x: 500, y: 300 }, { x: 650, y: 400 })
  await expect.poll(() => shapeCount(observer.page)).toBe(await shapeCount(candidate.page))
  const count = await shapeCount(candidate.page)

  // Trying to draw does nothing in the observer's editor…
  await drawRectangle(observer.page, { x: 500, y: 500 }, { x: 650, y: 600 })
  expect(await shapeCount(observer.page)).toBe(count)
  // …and even a change forced through the editor API never reaches anyone else.
  await observer.page.evaluate(() => {
    interface ForcingEditor {
      run(fn: () => void, options: { ignoreShapeLock: boolean }): void
      createShape(shape: { type: string; x: number; y: number; props: Record<string, number> }): void
    }
    const editor = (window as unknown as { __scaleboardEditor: ForcingEditor }).__scaleboardEditor
    editor.run(() => editor.createShape({ type: 'geo', x: 0, y: 0, props: { w: 50, h: 50 } }), {
      ignoreShapeLock: true,
    })
  })
  await candidate.page.waitForTimeout(1000)
  expect(await shapeCount(candidate.page)).toBe(count)
})
