/**
 * What to do with each business label's clients (the original's, §10.2) and with each RFM segment's (gold
 * client_scores, as the advisor names its clusters): a short list, the first action being the main one.
 */
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

export const RFM_SEGMENT_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  VIP: SEGMENT_ACTIONS.VIP,
  Actifs: [
    'Keep them informed of new ranges; no discount needed while they buy',
    'Ask for a review or a referral after their next purchase',
  ],
  'A relancer': SEGMENT_ACTIONS['A relancer'],
  Dormants: SEGMENT_ACTIONS.Dormants,
  'A potentiel': [
    'Nudge a second purchase with a recommendation from their category',
    'Offer a bundle to raise their basket',
  ],
}

/** The actions for an RFM segment; a segment this version does not know gets a neutral review. */
export function rfmSegmentActions(segment: string): readonly string[] {
  return RFM_SEGMENT_ACTIONS[segment] ?? ['Review these clients by hand before any campaign']
}
