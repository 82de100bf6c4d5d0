/** Export file names say what and when: `<name>-<YYYYMMDD-HHmmss>.<ext>`, local time. */

const pad = (n: number) => String(n).padStart(2, '0')

export function exportFileName(name: string, extension: string, at: Date = new Date()): string {
  const day = `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}`
  const time = `${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`
  // A name is a slug: what the file holds, safe in any file system.
  const slug = name.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'export'
  return `${slug}-${day}-${time}.${extension}`
}
