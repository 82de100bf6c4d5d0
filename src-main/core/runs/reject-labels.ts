/** What each reject reason means, in the words the run detail shows (codes stay in the rejects table). */
import type { RejectReason } from '../../../pipelines/schema.ts'

const LABELS: Record<RejectReason | 'wrong_field_count', string> = {
  wrong_field_count: 'The line does not split into the header’s columns',
  invalid_id: 'The id is not a whole number',
  invalid_number: 'A number could not be read',
  missing_field: 'A required field is empty',
  invalid_date: 'A date could not be read',
  date_out_of_range: 'A date is outside the allowed range',
  invalid_email: 'The e-mail address has no @',
  bad_amount: 'The amount is zero, negative or too large',
  orphan_client: 'The purchase names a client the clients file does not have',
  duplicate_id: 'The id appears again (one row is kept)',
}

export function rejectLabel(reason: string): string {
  return LABELS[reason as keyof typeof LABELS] ?? reason.replaceAll('_', ' ')
}
