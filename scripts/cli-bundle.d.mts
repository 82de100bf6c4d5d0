/** Types of cli-bundle.mjs (plain JavaScript so that bin/medallion.mjs runs it without a compiler). */
export declare const REPO_ROOT: string
export declare const CLI_OUT_DIR: string
export declare const CLI_BUNDLE: Record<'medallion' | 'pipeline-worker' | 'ml-worker' | 'bench-child', string>
export declare function cliBundleUpToDate(): boolean
export declare function buildCliBundle(options?: { clean?: boolean }): Promise<string>
export declare function ensureCliBundle(): Promise<string>
