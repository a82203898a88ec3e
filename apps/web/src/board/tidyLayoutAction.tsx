import {
  DefaultContextMenu,
  DefaultContextMenuContent,
  type TLUiContextMenuProps,
  type TLUiOverrides,
  TldrawUiMenuGroup,
  TldrawUiMenuItem,
  useActions,
  useEditor,
  useValue,
} from 'tldraw'
import { canTidy, tidyLayout } from './tidyLayout.ts'

export const TIDY_LAYOUT_ACTION = 'tidy-layout'

/** "Tidy layout" (Alt+Shift+L): lays the selected components out along their flows. */
export const tidyLayoutOverrides: TLUiOverrides = {
  actions(editor, actions, helpers) {
    actions[TIDY_LAYOUT_ACTION] = {
      id: TIDY_LAYOUT_ACTION,
      label: 'Tidy layout',
      kbd: 'alt+shift+l',
      async onSelect() {
        if (!canTidy(editor)) {
          helpers.addToast({
            title: 'Nothing to tidy',
            description: 'Select two or more of your own components (and the arrows between them follow).',
            severity: 'info',
          })
          return
        }
        try {
          await tidyLayout(editor)
        } catch (error) {
          helpers.addToast({
            title: 'Could not tidy the layout',
            description: error instanceof Error ? error.message : String(error),
            severity: 'error',
          })
        }
      },
    }
    return actions
  },
}

/** tldraw's context menu, with "Tidy layout" on top when the selection can be tidied. */
export function ContextMenuWithTidy(props: TLUiContextMenuProps) {
  const editor = useEditor()
  const actions = useActions()
  const tidy = useValue('can tidy', () => canTidy(editor), [editor])
  return (
    <DefaultContextMenu {...props}>
      {tidy && (
        <TldrawUiMenuGroup id="scaleboard-layout">
          <TldrawUiMenuItem
            id={TIDY_LAYOUT_ACTION}
            label="Tidy layout"
            kbd={actions[TIDY_LAYOUT_ACTION].kbd}
            onSelect={actions[TIDY_LAYOUT_ACTION].onSelect}
          />
        </TldrawUiMenuGroup>
      )}
      <DefaultContextMenuContent />
    </DefaultContextMenu>
  )
}
