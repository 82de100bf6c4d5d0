/** The current time, renewed every `ms`, so durations on screen (uptimes) keep counting between updates. */
import { useEffect, useState } from 'react'

export function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms)
    return () => clearInterval(timer)
  }, [ms])
  return now
}
