import type { ReactNode } from 'react'

/** A whole page that only says something: an invalid link, an unknown address. */
export function MessagePage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="sb-message-page">
      <div className="sb-message-card" role="alert">
        <div className="sb-brand">
          <img src="/favicon.svg" alt="" />
          Scaleboard
        </div>
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  )
}
