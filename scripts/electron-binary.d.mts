/** Types of electron-binary.mjs. */
export declare const ELECTRON_PACKAGE: string
export declare function electronPlatformPath(platform?: NodeJS.Platform): string
export declare function electronBinary(): string | undefined
