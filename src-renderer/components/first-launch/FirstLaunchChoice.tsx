/** One way to begin on the first-launch screen: what it does, its button, and what came of it. */
import type { ReactNode } from 'react'

export function FirstLaunchChoice({
  title,
  children,
  action,
  outcome,
}: {
  title: string
  /** What choosing it does, in a sentence or two. */
  children: ReactNode
  action: ReactNode
  /** Shown under the button (e.g. how to do it from a terminal instead). */
  outcome?: ReactNode
}) {
  return (
    <section className="first-launch-choice">
      <h2>{title}</h2>
      <p className="first-launch-choice-text">{children}</p>
      <div className="first-launch-choice-action">{action}</div>
      {outcome}
    </section>
  )
}
