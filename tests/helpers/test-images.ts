/**
 * Small local images for the stack tests, built through the engine's API (no registry is reachable): a
 * static busybox with its applets (sh, httpd, wget, nc, sleep, …) and `/www/health` for `httpd` to serve.
 * The shared image is imported once per engine and reused by tag (bump the tag when the content changes);
 * a variant with a marker file of its own has layers no other image shares, for the pull tests.
 */
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { Engine } from '../../src-main/core/stack/engine.ts'
import { isNotFound } from '../../src-main/core/stack/engine-error.ts'

export const TEST_IMAGE_REPO = 'localhost/medallion-test/busybox'
export const TEST_IMAGE_TAG = '1'
export const TEST_IMAGE = `${TEST_IMAGE_REPO}:${TEST_IMAGE_TAG}`

const BUSYBOX = ['/bin/busybox', '/usr/bin/busybox'].find((path) => existsSync(path))

/** Makes sure TEST_IMAGE exists on the engine; returns its reference. */
export async function ensureTestImage(engine: Engine): Promise<string> {
  try {
    await engine.docker.getImage(TEST_IMAGE).inspect()
  } catch (err) {
    if (!isNotFound(err)) throw err
    await importTestImage(engine, TEST_IMAGE_REPO, TEST_IMAGE_TAG)
  }
  return TEST_IMAGE
}

/** Imports the busybox root filesystem as `repo:tag`; with a marker, its layer is unlike any other. */
export async function importTestImage(
  engine: Engine,
  repo: string,
  tag: string,
  marker?: string,
): Promise<void> {
  const { docker } = engine
  const archive = buildRootfsArchive(marker)
  try {
    const stream = await docker.importImage(archive, {})
    const events = await new Promise<{ status?: string; error?: string }[]>((resolve, reject) =>
      docker.modem.followProgress(stream, (err, output) => (err ? reject(err) : resolve(output))),
    )
    const failure = events.find((e) => e.error)
    if (failure) throw new Error(`importing the test image failed: ${failure.error}`)
    const id = events.map((e) => e.status ?? '').find((s) => s.startsWith('sha256:'))
    if (!id) throw new Error(`importing the test image gave no image id: ${JSON.stringify(events)}`)
    // Tagged afterwards: Podman's import ignores the `tag` parameter.
    await docker.getImage(id).tag({ repo, tag })
  } finally {
    rmSync(dirname(archive), { recursive: true, force: true })
  }
}

/** A tarball of a root filesystem (busybox, one symlink per applet, /www/health, /tmp, /data), in a temp folder. */
function buildRootfsArchive(marker: string | undefined): string {
  if (!BUSYBOX) throw new Error('busybox not found: apt-get install busybox-static (scripts/setup-podman.sh)')
  const dir = mkdtempSync(join(tmpdir(), 'medallion-test-image-'))
  const root = join(dir, 'rootfs')
  for (const folder of ['bin', 'www', 'tmp', 'data']) mkdirSync(join(root, folder), { recursive: true })
  copyFileSync(BUSYBOX, join(root, 'bin/busybox'))
  const applets = spawnSync(BUSYBOX, ['--list'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean)
  for (const applet of applets) if (applet !== 'busybox') symlinkSync('busybox', join(root, 'bin', applet))
  writeFileSync(join(root, 'www/health'), 'ok\n')
  if (marker !== undefined) writeFileSync(join(root, 'marker'), marker)
  const archive = join(dir, 'rootfs.tar')
  const tar = spawnSync('tar', ['-C', root, '-cf', archive, '.'], { encoding: 'utf8' })
  rmSync(root, { recursive: true, force: true })
  if (tar.status !== 0) throw new Error(`tar failed: ${tar.stderr}`)
  return archive
}
