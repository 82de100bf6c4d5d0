/** A whole-number input with its label and bounds, kept as text while the user types. */
export function NumberField({
  label,
  value,
  limits,
  onChange,
}: {
  label: string
  value: string
  limits: { min: number; max: number }
  onChange: (text: string) => void
}) {
  return (
    <label className="field">
      {label}
      <input
        className="input ml-number"
        type="number"
        min={limits.min}
        max={limits.max}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  )
}
