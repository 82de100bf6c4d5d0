/**
 * A message from the core, where commands and paths are quoted in backticks (`medallion run`), shown with
 * those parts as code. The first letter is capitalised: the core's messages are written to follow a colon.
 */
export function TextWithCode({ text }: { text: string }) {
  const sentence = text.charAt(0).toUpperCase() + text.slice(1)
  // Splitting on the quoted parts puts them at the odd indexes.
  const parts = sentence.split(/`([^`]*)`/)
  return (
    <>
      {parts.map((part, at) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts are fixed for a given text
        at % 2 === 1 ? <code key={at}>{part}</code> : <span key={at}>{part}</span>,
      )}
    </>
  )
}
