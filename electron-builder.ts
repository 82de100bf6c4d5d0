/**
 * electron-builder's configuration (found by name: `npx electron-builder` reads it too). `npm run dist`
 * builds the installers of this platform, `npm run package:check` the unpacked app only, and checks it.
 *
 * - The app is `out/` (main, preload, renderer, the CLI and worker bundles) plus production dependencies,
 *   in `app.asar`; nodejs-polars' native module is unpacked (it is loaded from disk by the OS).
 * - `resources/` beside the app: the compose file, the Spark job (a Python process reads it) and the CLI
 *   launcher. `src-main/core/app-paths.ts` resolves every one of them through `process.resourcesPath`.
 * - Nothing native is rebuilt against Electron: Polars ships prebuilt per platform and dockerode's optional
 *   `cpu-features` is not needed.
 * - Signing and notarizing happen when their secrets are in the environment, and are skipped (saying so)
 *   when they are not.
 */
import type { Configuration } from 'electron-builder'

/** Electron's fuses, flipped in the packaged binary; `scripts/check-fuses.ts` reads them back. */
export const FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableCookieEncryption: true,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
} as const satisfies Configuration['electronFuses']

/**
 * A folder standing in for Electron's binary where it cannot be downloaded (`npm run package:check` sets
 * it and says so). Fuses live in the real binary, so they are not flipped then.
 */
const standIn = process.env.MEDALLION_ELECTRON_DIST?.trim() || undefined

const macSigning = Boolean(process.env.CSC_LINK || process.env.CSC_NAME)
const macNotarizing = Boolean(
  (process.env.APPLE_API_KEY && process.env.APPLE_API_KEY_ID && process.env.APPLE_API_ISSUER) ||
    (process.env.APPLE_ID && process.env.APPLE_APP_SPECIFIC_PASSWORD && process.env.APPLE_TEAM_ID),
)

const config: Configuration = {
  appId: 'io.medallion.desktop',
  productName: 'Medallion',
  copyright: 'Copyright © 2026 the Medallion authors',
  directories: { output: 'dist', buildResources: 'resources' },
  files: [
    'package.json',
    'out/main/**',
    'out/preload/**',
    'out/renderer/**',
    'out/cli/**',
    // The tray's icon (window-close.ts), when the app keeps running in the background.
    'out/icons/png/32x32.png',
    '!out/cli/inputs.json',
    '!**/*.map',
  ],
  asar: true,
  asarUnpack: ['node_modules/nodejs-polars/bin/**', 'node_modules/nodejs-polars-*/**'],
  extraResources: [
    { from: 'compose', to: 'compose', filter: ['docker-compose.yml', '.env.example'] },
    // The job imports itself as the package pipelines.spark, and the compose file mounts ../pipelines/spark.
    { from: 'pipelines/spark', to: 'pipelines/spark', filter: ['**/*', '!**/__pycache__/**', '!**/*.pyc'] },
    { from: 'resources/bin', to: 'bin' },
  ],
  npmRebuild: false,
  buildDependenciesFromSource: false,
  ...(standIn ? { electronDist: standIn } : {}),
  // Flipping fuses breaks the binary's signature; an unsigned macOS build is signed ad hoc again, which Apple
  // silicon needs to start it at all.
  electronFuses: standIn ? null : { ...FUSES, resetAdHocDarwinSignature: !macSigning },
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Development',
    icon: 'out/icons/png',
    synopsis: 'Desktop control panel for a small medallion lakehouse',
  },
  deb: { depends: ['libnss3', 'libgtk-3-0', 'libxss1', 'libasound2'] },
  mac: {
    target: [{ target: 'dmg', arch: ['x64', 'arm64'] }],
    category: 'public.app-category.developer-tools',
    icon: 'out/icons/icon.icns',
    hardenedRuntime: true,
    // Without a certificate the build is unsigned (and says so) instead of failing.
    ...(macSigning ? {} : { identity: null }),
    notarize: macSigning && macNotarizing,
  },
  win: {
    target: [{ target: 'nsis', arch: ['x64'] }],
    icon: 'out/icons/icon.ico',
  },
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true },
}

export default config
