/** A check box or a radio with a title and a line that says what choosing it does (dialogs, Settings). */
import type { InputHTMLAttributes } from 'react'

export function Choice({
  title,
  hint,
  className,
  ...input
}: {
  title: string
  hint?: string
  className?: string
} & Pick<
  InputHTMLAttributes<HTMLInputElement>,
  'type' | 'name' | 'value' | 'checked' | 'disabled' | 'onChange'
>) {
  return (
    <label className={className ? `check ${className}` : 'check'}>
      <input {...input} />
      <span>
        <strong>{title}</strong>
        {hint ? <span className="hint">{hint}</span> : null}
      </span>
    </label>
  )
}

export interface ChoiceOption<T extends string> {
  value: T
  title: string
  hint?: string
}

/** One radio per option, in a group named `name`. */
export function RadioChoices<T extends string>({
  name,
  options,
  value,
  onChange,
}: {
  name: string
  options: readonly ChoiceOption<T>[]
  value: T
  onChange: (value: T) => void
}) {
  return options.map((option) => (
    <Choice
      key={option.value}
      type="radio"
      name={name}
      value={option.value}
      checked={value === option.value}
      onChange={() => onChange(option.value)}
      title={option.title}
      {...(option.hint ? { hint: option.hint } : {})}
    />
  ))
}
