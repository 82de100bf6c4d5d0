/**
 * The first page: the first-launch screen while no run has succeeded in the data folder, the Overview
 * after. Only this route changes; every other page works as before on an empty folder.
 */
import { useAppInfo } from '../api/app-hooks.ts'
import { useStoreStatus } from '../api/hooks.ts'
import { FirstLaunchScreen } from '../components/first-launch/FirstLaunchScreen.tsx'
import { OverviewPage } from './OverviewPage.tsx'

export function HomePage() {
  const info = useAppInfo()
  const status = useStoreStatus()
  const firstLaunch = info.data?.firstLaunch === true
  // A blank moment rather than an empty Overview flashing before the welcome.
  if (info.isPending || (firstLaunch && status.isPending)) return <div className="page" aria-busy="true" />
  // A serving store that does not answer comes first: until it does, nothing the welcome offers could be
  // shown, and the Overview's banner says how to fix it. Without app.info (an older server), the
  // Overview's banners still say what to do.
  if (firstLaunch && info.data && status.data?.ok !== false) return <FirstLaunchScreen info={info.data} />
  return <OverviewPage />
}
