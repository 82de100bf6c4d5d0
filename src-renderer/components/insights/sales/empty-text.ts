/** What a sales panel says when the filters select no purchase. */
export const NO_SALES_TEXT = 'No purchase matches these filters: widen the date range, or reset the filters.'
