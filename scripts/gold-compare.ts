/**
 * Compares two gold folders table by table, exactly (schema, row count, every value; floats bit for bit).
 * Usage: npx tsx scripts/gold-compare.ts <gold folder> <gold folder>. Exits 1 when they differ.
 */
import { compareGold, formatGoldComparison } from '../src-main/core/bench/gold-compare.ts'

const [left, right] = process.argv.slice(2)
if (!left || !right) {
  console.error('usage: tsx scripts/gold-compare.ts <gold folder> <gold folder>')
  process.exit(2)
}
const result = compareGold(left, right)
console.log(formatGoldComparison(result))
process.exitCode = result.differences.length === 0 ? 0 : 1
