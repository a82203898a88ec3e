import type { ReactNode } from 'react'
import { MessagePage } from '../MessagePage.tsx'
import type { LinkProblem } from './useSessionAccess.ts'

/** One plain page per kind of bad link: what happened, and what to do next. */
const LINK_PROBLEMS: Record<LinkProblem, { title: string; body: ReactNode }> = {
  malformed: {
    title: 'This link is incomplete',
    body: (
      <p>
        Part of it was probably cut off when it was copied. Open the whole link from the message you were sent
        (it ends with <code>#token=</code> and 43 letters and digits), or ask the organiser for a new link.
      </p>
    ),
  },
  revoked: {
    title: 'This link was replaced',
    body: (
      <p>
        This link was replaced by a newer one, so it no longer opens the board. Ask the organiser for the new
        link.
      </p>
    ),
  },
  deleted: {
    title: 'This interview was deleted',
    body: (
      <p>
        The organiser deleted this interview, with its board and its links. There is nothing left to open
        here. Ask the organiser if you need a new session.
      </p>
    ),
  },
  'other-session': {
    title: 'This link is for another interview',
    body: (
      <p>
        The link works, but for a different interview than this address. Open the link exactly as you were
        sent it, or ask the organiser for the link to this one.
      </p>
    ),
  },
  wrong: {
    title: 'This link doesn’t open this interview',
    body: (
      <p>
        The board does not recognise this link. Check that you opened the latest link you were sent, or ask
        the organiser for a new link.
      </p>
    ),
  },
  organiser: {
    title: 'Sign in as the organiser again',
    body: (
      <p>
        This is the organiser’s view of a board, but this browser has no working organiser token. Open the{' '}
        <a href="/">organiser page</a>, sign in with the token the server printed, and open the session from
        there.
      </p>
    ),
  },
}

/** What a bad link says, whichever page it was for (the board or its replay). */
export function LinkProblemPage({ problem }: { problem: LinkProblem }) {
  const { title, body } = LINK_PROBLEMS[problem]
  return (
    <MessagePage title={title}>
      <div data-testid="link-problem" data-problem={problem}>
        {body}
      </div>
    </MessagePage>
  )
}

/** An address without its token: the link was opened without its end. */
export function MissingToken() {
  return (
    <MessagePage title="Open your board link">
      <p>
        This address alone does not open the board. Open the full link you were sent (it ends with #token=…)
        in this browser tab, or ask the organiser for it again.
      </p>
    </MessagePage>
  )
}
