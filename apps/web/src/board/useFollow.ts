import { useCallback } from 'react'
import { createUserId, type Editor, useValue } from 'tldraw'
import type { Person } from './usePeople.ts'

/** tldraw's follow mode, by stable user id: who we follow, and a toggle for the avatars. */
export function useFollow(editor: Editor | null) {
  const followingId = useValue(
    'following user',
    () => editor?.getInstanceState().followingUserId?.replace(/^user:/, '') ?? null,
    [editor],
  )
  const toggleFollow = useCallback(
    (person: Person) => {
      if (!editor) return
      if (followingId === person.id) editor.stopFollowingUser()
      else editor.startFollowingUser(createUserId(person.id))
    },
    [editor, followingId],
  )
  return { followingId, toggleFollow: editor ? toggleFollow : undefined }
}
