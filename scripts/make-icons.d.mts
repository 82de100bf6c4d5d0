/** Types of make-icons.mjs (plain JavaScript, run by `npm run icons`). */
export declare const PNG_SIZES: number[]
export declare const ICNS_TYPES: string[]
export declare const ICO_SIZES: number[]
export declare function icnsEntries(buffer: Buffer): [type: string, length: number][]
export declare function icoEntries(buffer: Buffer): { width: number; height: number; png: boolean }[]
export declare function makeIcons(
  outDir?: string,
  options?: { log?: (line: string) => void },
): Promise<string[]>
