/**
 * Splits a `command:` or `entrypoint:` string into arguments the way compose does (POSIX shell quoting, no
 * expansion): blanks separate words, single quotes keep everything, double quotes keep everything but `\"`,
 * `\\`, `\$` and `` \` `` escapes, and a backslash outside quotes keeps the next character.
 */

const ESCAPABLE_IN_DOUBLE_QUOTES = '"\\$`'

export class ShellQuoteError extends Error {}

export function splitShellWords(text: string): string[] {
  const words: string[] = []
  let word = ''
  let inWord = false
  let quote: '"' | "'" | undefined
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string
    const next = text[i + 1]
    if (quote === "'") {
      if (char === "'") quote = undefined
      else word += char
    } else if (quote === '"') {
      if (char === '"') quote = undefined
      else if (char === '\\' && next !== undefined && ESCAPABLE_IN_DOUBLE_QUOTES.includes(next))
        word += text[++i]
      else word += char
    } else if (char === "'" || char === '"') {
      quote = char
      inWord = true
    } else if (char === '\\' && next !== undefined) {
      i++
      // A backslash before a newline continues the line.
      if (next !== '\n') {
        word += next
        inWord = true
      }
    } else if (/\s/.test(char)) {
      if (inWord) words.push(word)
      word = ''
      inWord = false
    } else {
      word += char
      inWord = true
    }
  }
  if (quote !== undefined) throw new ShellQuoteError(`the ${quote} quote is never closed`)
  if (inWord) words.push(word)
  return words
}
