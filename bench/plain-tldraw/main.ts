/**
 * Plain tldraw 5.4.2 with Scaleboard's shape utils and no sync: the denominator of the big-board
 * benchmark (bench/browser/big-board.bench.ts). It fetches the same records the benchmark writes
 * into a session, puts them in a store and mounts <Tldraw> full screen.
 */
import { createBoardStore } from '@scaleboard/board-sync'
import { componentShapeUtils } from '@scaleboard/components'
import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite.js'
import { createElement } from 'react'
import { createRoot } from 'react-dom/client'
import { type Editor, type TLRecord, Tldraw } from 'tldraw'
import 'tldraw/tldraw.css'

declare global {
  interface Window {
    /** for the benchmark's page.evaluate calls */
    __plainEditor?: Editor
  }
}

const records = (await (await fetch('./records.json')).json()) as TLRecord[]
const store = createBoardStore({ shapeUtils: componentShapeUtils })
// as a synced board receives them: remote changes, outside undo
store.mergeRemoteChanges(() => store.put(records))

createRoot(document.getElementById('root') as HTMLElement).render(
  createElement(Tldraw, {
    store,
    shapeUtils: componentShapeUtils,
    assetUrls: getAssetUrlsByImport(),
    onMount: (editor: Editor) => {
      window.__plainEditor = editor
    },
  }),
)
