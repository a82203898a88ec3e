import { bindPresence, type PresenceUser } from '@scaleboard/board-sync'
import { keepReferenceLocked, unlockCopiedReferenceShapes } from '@scaleboard/components'
import type { Role } from '@scaleboard/schema'
import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite.js'
import { useCallback, useMemo } from 'react'
import {
  atom,
  createTLCurrentUser,
  type Editor,
  type TLComponents,
  type TLStore,
  type TLUserPreferences,
  Tldraw,
  type TldrawOptions,
} from 'tldraw'
import 'tldraw/tldraw.css'
import type { WebsocketProvider } from 'y-websocket'
import { AnnotationBadges } from '../annotations/AnnotationBadges.tsx'
import { readConfig } from '../config.ts'
import { CalmStylePanel } from './CalmStylePanel.tsx'
import { livePresenceUser } from './displayName.ts'
import { keepLinksAsText } from './keepLinksAsText.ts'
import { keepViewOnResize } from './keepViewOnResize.ts'
import { pasteBesideReference } from './pasteBesideReference.ts'
import { rememberCamera } from './rememberCamera.ts'
import { boardShapeUtils } from './shapes.ts'
import { ContextMenuWithTidy, tidyLayoutOverrides } from './tidyLayoutAction.tsx'

// Fonts, icons and translations are bundled by Vite and served from our own origin (no CDN).
const assetUrls = getAssetUrlsByImport()

declare global {
  interface Window {
    /**
     * Test hook: the mounted tldraw editor, for end-to-end tests (test/e2e) to read shapes and
     * check read-only mode. Not an API for anything else.
     */
    __scaleboardEditor?: Editor
  }
}

interface Props {
  sessionId: string
  store: TLStore
  awareness: WebsocketProvider['awareness']
  role: Role
  self: PresenceUser
  /** The mounted editor (null after unmount), for controls outside the canvas. */
  onEditor?: (editor: Editor | null) => void
}

// Our top bar shows who is here (and follows them); tldraw's own people menu would repeat it.
// The interviewer's annotations carry a badge, drawn over the canvas. The style panel opens only
// when there is something to style.
const components: TLComponents = {
  SharePanel: null,
  InFrontOfTheCanvas: AnnotationBadges,
  StylePanel: CalmStylePanel,
  ContextMenu: ContextMenuWithTidy,
}

// The scenario's current state is locked so it can't be broken by accident; candidates still
// click it to read its figures in the inspector and copy parts of it into their design.
const options: Partial<TldrawOptions> = { selectLockedShapes: true }

/** The tldraw editor on the synced store, sharing this user's presence once mounted. */
export function BoardCanvas({ sessionId, store, awareness, role, self, onEditor }: Props) {
  // tldraw's own notion of "me" (follow mode, collaborator list) must be the same stable user.
  const user = useMemo(() => {
    const preferences = atom<TLUserPreferences>('user preferences', {
      id: self.id,
      name: self.name,
      color: self.color,
      colorScheme: 'light',
    })
    return createTLCurrentUser({
      userPreferences: preferences,
      // Keep UI choices (snap mode, dark mode…) for this visit, but never a different identity.
      setUserPreferences: (next) =>
        preferences.set({ ...next, id: self.id, name: self.name, color: self.color }),
    })
  }, [self])

  const onMount = useCallback(
    (editor: Editor) => {
      keepLinksAsText(editor)
      // Pasted copies of the locked current state become ordinary, editable shapes.
      const stopUnlocking = unlockCopiedReferenceShapes(editor)
      // The server refuses a candidate's change to the current state; the editor keeps the same rule.
      const stopGuarding = role === 'candidate' ? keepReferenceLocked(editor) : () => {}
      // …and land beside the current state, not inside its locked frame on top of the original.
      pasteBesideReference(editor)
      // Each person's view survives a reload; the first visit opens at a readable view.
      const stopRemembering = rememberCamera(editor, sessionId)
      const stopKeepingView = keepViewOnResize(editor)
      // Observers are visible in the avatar list, but their cursor stays off the candidate's canvas.
      const presence = bindPresence({
        store: editor.store,
        awareness,
        // the interviewer's chosen name reaches everyone's cursor label and avatar as it changes
        user: livePresenceUser(self),
        shareCursor: role !== 'observer',
      })
      window.__scaleboardEditor = editor
      onEditor?.(editor)
      return () => {
        onEditor?.(null)
        stopUnlocking()
        stopGuarding()
        stopKeepingView()
        stopRemembering()
        presence.dispose()
        if (window.__scaleboardEditor === editor) delete window.__scaleboardEditor
      }
    },
    [sessionId, awareness, self, role, onEditor],
  )

  return (
    <Tldraw
      store={store}
      shapeUtils={boardShapeUtils}
      user={user}
      assetUrls={assetUrls}
      licenseKey={readConfig().tldrawLicenseKey ?? undefined}
      onMount={onMount}
      components={components}
      overrides={tidyLayoutOverrides}
      options={options}
    />
  )
}
