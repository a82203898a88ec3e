import { defaultHandleExternalTextContent, type Editor } from 'tldraw'

/**
 * tldraw turns a pasted URL into a bookmark by fetching the page (or into an embed that loads it).
 * Scaleboard makes no request outside its own server, so a pasted link stays plain text.
 */
export function keepLinksAsText(editor: Editor): void {
  editor.registerExternalContentHandler('url', ({ point, url }) =>
    defaultHandleExternalTextContent(editor, { point, text: url }),
  )
}
