// Prints vitest's totals as one plain closing line ("tests: N passed, N failed, N skipped"), which any CI
// log reader understands, from the JSON report vitest wrote beside its normal output.
import { readFileSync } from 'node:fs'

const report = JSON.parse(readFileSync(process.argv[2] ?? 'test-artifacts/vitest-report.json', 'utf8'))
const skipped = report.numPendingTests + report.numTodoTests
console.log(`tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped`)
process.exitCode = report.numFailedTests > 0 || !report.success ? 1 : 0
