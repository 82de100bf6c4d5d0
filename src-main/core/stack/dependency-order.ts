/**
 * Orders services so each comes after everything it depends on. Deterministic: among the services ready to go,
 * the one earliest in the file goes first, so a file without dependencies keeps its order.
 */
import { type ComposeAt, composeError } from './compose-error.ts'

export interface DependencyNode {
  name: string
  dependsOn: readonly { service: string }[]
}

/** Every dependency must name a node in the list (the caller checks that first). */
export function orderByDependencies<T extends DependencyNode>(nodes: readonly T[], at: ComposeAt): T[] {
  const ordered: T[] = []
  const placed = new Set<string>()
  const waiting = [...nodes]
  while (waiting.length > 0) {
    const index = waiting.findIndex((node) =>
      node.dependsOn.every((dependency) => placed.has(dependency.service)),
    )
    if (index < 0) {
      throw composeError(
        'compose_dependency',
        at,
        `services depend on each other in a cycle: ${findCycle(waiting).join(' → ')}`,
      )
    }
    const [node] = waiting.splice(index, 1) as [T]
    ordered.push(node)
    placed.add(node.name)
  }
  return ordered
}

/** A cycle among nodes none of which can start: each waits on another, so following the first wait loops. */
function findCycle(waiting: readonly DependencyNode[]): string[] {
  const byName = new Map(waiting.map((node) => [node.name, node]))
  const path: string[] = []
  let current = waiting[0]
  while (current !== undefined && !path.includes(current.name)) {
    path.push(current.name)
    current = byName.get(
      current.dependsOn.find((dependency) => byName.has(dependency.service))?.service ?? '',
    )
  }
  if (current === undefined) return path
  return [...path.slice(path.indexOf(current.name)), current.name]
}
