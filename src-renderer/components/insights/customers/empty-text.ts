/** What a customers panel says when the served gold has no client scores. */
export const NO_SCORES_TEXT =
  'No client scores are served: run the pipeline again (Pipeline page, or `medallion run`) so gold scores the clients.'
