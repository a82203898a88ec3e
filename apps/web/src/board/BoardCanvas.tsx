import { bindPresence, type PresenceUser } from '@scaleboard/board-sync'
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
} from 'tldraw'
import 'tldraw/tldraw.css'
import type { WebsocketProvider } from 'y-websocket'
import { readConfig } from '../config.ts'
import { keepLinksAsText } from './keepLinksAsText.ts'
import { boardShapeUtils } from './shapes.ts'

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
  store: TLStore
  awareness: WebsocketProvider['awareness']
  role: Role
  self: PresenceUser
  /** The mounted editor (null after unmount), for controls outside the canvas. */
  onEditor?: (editor: Editor | null) => void
}

// Our top bar shows who is here (and follows them); tldraw's own people menu would repeat it.
const components: TLComponents = { SharePanel: null }

/** The tldraw editor on the synced store, sharing this user's presence once mounted. */
export function BoardCanvas({ store, awareness, role, self, onEditor }: Props) {
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
      // Observers are visible in the avatar list, but their cursor stays off the candidate's canvas.
      const presence = bindPresence({
        store: editor.store,
        awareness,
        user: self,
        shareCursor: role !== 'observer',
      })
      window.__scaleboardEditor = editor
      onEditor?.(editor)
      return () => {
        onEditor?.(null)
        presence.dispose()
        if (window.__scaleboardEditor === editor) delete window.__scaleboardEditor
      }
    },
    [awareness, self, role, onEditor],
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
    />
  )
}
