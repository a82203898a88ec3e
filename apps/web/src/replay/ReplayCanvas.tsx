import { createBoardStore } from '@scaleboard/board-sync'
import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite.js'
import {
  createContext,
  memo,
  useCallback,
  useContext,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react'
import {
  Box,
  type TLComponents,
  type Editor as TLEditor,
  type TLPageId,
  type TLRecord,
  type TLStore,
  Tldraw,
  type TldrawOptions,
  useEditor,
  useValue,
} from 'tldraw'
import 'tldraw/tldraw.css'
import { AnnotationBadges } from '../annotations/AnnotationBadges.tsx'
import { INITIAL_VIEW_INSET_PX } from '../board/initialView.ts'
import { boardShapeUtils } from '../board/shapes.ts'
import { readConfig } from '../config.ts'
import type { DiffMark } from './compare.ts'
import { storeChanges } from './storeChanges.ts'

const assetUrls = getAssetUrlsByImport()

declare global {
  interface Window {
    /** Test hook (test/e2e): the replay's read-only editor and what its last seek cost. */
    __scaleboardReplay?: { editor: TLEditor; lastSeekMs: number; lastMomentMs?: number; seeks: number }
  }
}

/** The shapes the compare view marks, read by the overlay inside the canvas. */
const MarksContext = createContext<ReadonlyMap<string, DiffMark>>(new Map())

interface Props {
  /** the records to show: both layers at one moment (and, comparing, the ghosts) */
  records: ReadonlyMap<string, unknown>
  marks: ReadonlyMap<string, DiffMark>
  onEditor: (editor: TLEditor | null) => void
  /** records the store refused (they passed the history's check but not the store's), by id */
  onRefused: (refused: Array<{ id: string; reason: string }>) => void
}

const options: Partial<TldrawOptions> = { selectLockedShapes: true }

function CanvasOverlays() {
  return (
    <>
      <AnnotationBadges />
      <DiffOutlines />
    </>
  )
}

const components: TLComponents = { InFrontOfTheCanvas: CanvasOverlays }

/**
 * A read-only tldraw editor on a store of its own, never bound to a document: each new set of
 * records is written as the difference from the last (put what changed, remove what went), so
 * a seek costs what changed, and the camera stays where the user left it.
 */
export function ReplayCanvas({ records, marks, onEditor, onRefused }: Props) {
  const store = useMemo(() => createBoardStore({ readonly: true, shapeUtils: boardShapeUtils }), [])
  const [editor, setEditor] = useState<TLEditor | null>(null)
  const shown = useRef(new Map<string, unknown>())
  const refused = useRef(new Map<string, string>())
  const refusedKey = useRef('')
  const fitted = useRef(false)

  useLayoutEffect(() => {
    if (!editor) return
    const began = performance.now()
    applyRecords(editor, shown.current, refused.current, records)
    const hook = window.__scaleboardReplay
    if (hook?.editor === editor) {
      hook.lastSeekMs = performance.now() - began
      hook.seeks++
    }
    const key = [...refused.current.keys()].join(' ')
    if (key !== refusedKey.current) {
      refusedKey.current = key
      onRefused([...refused.current].map(([id, reason]) => ({ id, reason })))
    }
    if (!fitted.current && records.size > 0) {
      fitted.current = true
      fitBoard(editor, false)
    }
  }, [editor, records, onRefused])

  const onMount = useCallback(
    (mounted: TLEditor) => {
      mounted.updateInstanceState({ isReadonly: true })
      window.__scaleboardReplay = { editor: mounted, lastSeekMs: 0, seeks: 0 }
      setEditor(mounted)
      onEditor(mounted)
      return () => {
        onEditor(null)
        if (window.__scaleboardReplay?.editor === mounted) delete window.__scaleboardReplay
      }
    },
    [onEditor],
  )

  return (
    <MarksContext.Provider value={marks}>
      <CanvasEditor store={store} onMount={onMount} />
    </MarksContext.Provider>
  )
}

/**
 * The editor itself, kept out of the page's re-renders (one per seek while playing): what it
 * shows changes through its store, never through props.
 */
const CanvasEditor = memo(function CanvasEditor({
  store,
  onMount,
}: {
  store: TLStore
  onMount: (editor: TLEditor) => () => void
}) {
  return (
    <Tldraw
      store={store}
      shapeUtils={boardShapeUtils}
      assetUrls={assetUrls}
      licenseKey={readConfig().tldrawLicenseKey ?? undefined}
      onMount={onMount}
      components={components}
      options={options}
      hideUi
    />
  )
})

/**
 * Writes the difference between the records shown and the target into the store, as remote
 * changes (never an undoable edit). A batch the store refuses is retried record by record, so
 * one record the store cannot take is left out (and listed in `refused`), not the whole moment.
 */
function applyRecords(
  editor: TLEditor,
  shown: Map<string, unknown>,
  refused: Map<string, string>,
  target: ReadonlyMap<string, unknown>,
): void {
  const { put, remove } = storeChanges(shown, target)
  if (put.length === 0 && remove.length === 0) return
  const store = editor.store
  store.mergeRemoteChanges(() => {
    const gone = remove.filter((id) => store.has(id as TLRecord['id'])) as TLRecord['id'][]
    if (gone.length > 0) store.remove(gone)
    for (const id of remove) {
      shown.delete(id)
      refused.delete(id)
    }
    try {
      store.put(put as TLRecord[])
      for (const record of put as TLRecord[]) {
        shown.set(record.id, record)
        refused.delete(record.id)
      }
    } catch {
      for (const record of put as TLRecord[]) {
        // kept as shown either way: a refused version is not offered again until it changes
        shown.set(record.id, record)
        try {
          store.put([record])
          refused.delete(record.id)
        } catch (error) {
          refused.set(record.id, (error as Error).message.slice(0, 120))
        }
      }
    }
  })
  // tldraw's own side effects may drop a record (a binding whose shape went): offer it again next time
  for (const id of shown.keys()) if (!refused.has(id) && !store.has(id as TLRecord['id'])) shown.delete(id)
  // a board whose page is not the editor's default: show its page
  const page = [...target.values()].find((r) => (r as TLRecord).typeName === 'page') as TLRecord | undefined
  if (page && editor.getCurrentPageId() !== page.id && editor.getPage(page.id as TLPageId))
    editor.setCurrentPage(page.id as TLPageId)
}

/** The whole board in view (a replay is looked at as a whole), never zoomed in past 100 %. */
function fitBoard(editor: TLEditor, animate: boolean): void {
  const bounds = editor.getCurrentPageBounds()
  if (!bounds) return
  editor.zoomToBounds(bounds, {
    inset: INITIAL_VIEW_INSET_PX,
    targetZoom: 1,
    ...(animate ? { animation: { duration: 200 } } : { immediate: true }),
  })
}

const MARK_LABELS: Record<DiffMark, string> = { added: 'Added', removed: 'Removed', changed: 'Changed' }

/** Outlines, in screen space over the canvas, around each shape the compare view marks. */
function DiffOutlines() {
  const editor = useEditor()
  const marks = useContext(MarksContext)
  const boxes = useValue('diff outlines', () => {
    const out: Array<{ id: string; mark: DiffMark; x: number; y: number; w: number; h: number }> = []
    if (marks.size === 0) return out
    const zoom = editor.getZoomLevel()
    for (const [id, mark] of marks) {
      const bounds = editor.getShapePageBounds(id as never)
      if (!bounds) continue
      const at = editor.pageToViewport({ x: bounds.minX, y: bounds.minY })
      out.push({ id, mark, x: at.x, y: at.y, w: bounds.w * zoom, h: bounds.h * zoom })
    }
    return out
  }, [editor, marks])
  if (boxes.length === 0) return null
  return (
    <div className="replay-outlines" aria-hidden>
      {boxes.map((box) => (
        <div
          key={box.id}
          className={`replay-outline replay-outline--${box.mark}`}
          data-testid="diff-outline"
          data-mark={box.mark}
          data-shape-id={box.id}
          style={{
            transform: `translate(${box.x - 6}px, ${box.y - 6}px)`,
            width: box.w + 12,
            height: box.h + 12,
          }}
        >
          <span className="replay-outline__tag">{MARK_LABELS[box.mark]}</span>
        </div>
      ))}
    </div>
  )
}

/** Camera moves of the replay's own zoom buttons. */
export function useReplayCameraActions(editor: TLEditor | null) {
  return useMemo(
    () => ({
      fit: () => editor && fitBoard(editor, true),
      zoomIn: () => editor?.zoomIn(undefined, { animation: { duration: 150 } }),
      zoomOut: () => editor?.zoomOut(undefined, { animation: { duration: 150 } }),
      /** the marked shapes in view (a new comparison), unless they already are */
      showAll: (ids: Iterable<string>) => {
        if (!editor) return
        const boxes = [...ids].flatMap((id) => editor.getShapePageBounds(id as never) ?? [])
        if (boxes.length === 0) return
        const all = Box.Common(boxes)
        if (editor.getViewportPageBounds().contains(all) && editor.getZoomLevel() >= 0.75) return
        editor.zoomToBounds(all, { inset: 120, targetZoom: 1, animation: { duration: 250 } })
      },
      zoomTo: (id: string) => {
        if (!editor) return
        const bounds = editor.getShapePageBounds(id as never)
        if (!bounds) return
        editor.zoomToBounds(bounds, { inset: 120, targetZoom: 1, animation: { duration: 250 } })
      },
    }),
    [editor],
  )
}
