/**
 * The API this process serves, once `medallion serve` or the window started it: Settings shows the port
 * really in use (a `--port` or a taken default differs from what the settings resolve to).
 */
export interface ServedApi {
  /** The bound port; undefined until the server listens (or when none was started). */
  port: number | undefined
}

export function servedApi(): ServedApi {
  return { port: undefined }
}
