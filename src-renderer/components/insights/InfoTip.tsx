/** A small "i" that explains a figure on hover and on keyboard focus (a `title` alone is mouse-only). */
import { useId } from 'react'

export function InfoTip({ label, children }: { label: string; children: string }) {
  const id = useId()
  return (
    <span className="info-tip">
      <button type="button" className="info-tip-button" aria-label={label} aria-describedby={id}>
        i
      </button>
      <span role="tooltip" id={id} className="info-tip-text">
        {children}
      </span>
    </span>
  )
}
