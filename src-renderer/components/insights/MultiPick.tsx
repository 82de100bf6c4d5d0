/**
 * A drop-down of checkboxes to pick some values of a short list (countries, products). Nothing picked
 * means all. It closes on a click outside or Escape.
 */
import { useEffect, useRef } from 'react'

export function MultiPick({
  label,
  options,
  picked,
  onChange,
  max,
}: {
  label: string
  options: readonly string[]
  picked: readonly string[]
  onChange: (picked: string[]) => void
  /** The most values one may pick (the call refuses more). */
  max: number
}) {
  const menu = useRef<HTMLDetailsElement>(null)
  useEffect(() => {
    const close = (event: Event) => {
      const details = menu.current
      if (!details?.open) return
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !details.contains(event.target as Node)) {
        details.open = false
      }
    }
    document.addEventListener('pointerdown', close)
    document.addEventListener('keydown', close)
    return () => {
      document.removeEventListener('pointerdown', close)
      document.removeEventListener('keydown', close)
    }
  }, [])

  const chosen = new Set(picked)
  const toggle = (value: string) => {
    // Kept in the list's order, so the same choice is the same query whatever the click order.
    onChange(options.filter((o) => (o === value ? !chosen.has(o) : chosen.has(o))))
  }
  return (
    <div className="field">
      <span>{label}</span>
      <details className="multi-pick" ref={menu} data-testid={`pick-${label.toLowerCase()}`}>
        <summary className="button multi-pick-summary">
          {picked.length === 0 ? 'All' : picked.length === 1 ? picked[0] : `${picked.length} selected`}
        </summary>
        <fieldset className="multi-pick-options">
          <legend className="visually-hidden">{label}</legend>
          {options.map((option) => (
            <label key={option} className="multi-pick-option">
              <input
                type="checkbox"
                checked={chosen.has(option)}
                disabled={!chosen.has(option) && picked.length >= max}
                onChange={() => toggle(option)}
              />
              {option}
            </label>
          ))}
          {picked.length > 0 ? (
            <button type="button" className="button button-small" onClick={() => onChange([])}>
              All {label.toLowerCase()}
            </button>
          ) : null}
        </fieldset>
      </details>
    </div>
  )
}
