/** What to do with each business label's clients: a short list, the first action being the main one. */
import type { BusinessLabel } from './business-labels.ts'

export const SEGMENT_ACTIONS: Readonly<Record<BusinessLabel, readonly string[]>> = {
  VIP: [
    'Thank them personally and offer early access to new ranges',
    'Propose an extended warranty or a premium service plan',
  ],
  'A relancer': [
    'Send a win-back offer on their usual category within a week',
    'Have an advisor call: ask what changed since their last purchase',
  ],
  Fideles: [
    'Cross-sell the categories they have not bought yet',
    'Reward their frequency with loyalty points or a bundle',
  ],
  Nouveaux: [
    'Run the welcome sequence: set-up help and care tips',
    'Offer a second-purchase voucher valid 30 days',
  ],
  Dormants: [
    'Include them in the low-cost reactivation campaign (newsletter, seasonal sale)',
    'Stop paid channels after two contacts without a response',
  ],
}
