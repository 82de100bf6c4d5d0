/** Says how many clients a chart of the score sample covers, and when that is not all of them. */
import { formatCountOf } from '../format.ts'

export function SampleNote({ shown, total }: { shown: number; total: number }) {
  return (
    <span className="muted chart-aside" data-testid="sample-note">
      {shown < total
        ? `${formatCountOf(shown)} of ${formatCountOf(total)} clients (sampled)`
        : `${formatCountOf(total)} clients`}
    </span>
  )
}
