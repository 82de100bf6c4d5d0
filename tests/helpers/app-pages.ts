/** The pages of the top bar: each one's hash route and the heading it shows first. */
export const NAV_PAGES = [
  ['overview', 'Overview'],
  ['sales', 'Sales'],
  ['customers', 'Customers'],
  ['cohorts', 'Cohorts'],
  ['pipeline', 'Pipeline'],
  ['data', 'Data'],
  ['stack', 'Stack'],
  ['models', 'Models'],
  ['benchmarks', 'Benchmarks'],
  ['settings', 'Settings'],
] as const
