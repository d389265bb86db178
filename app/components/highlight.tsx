import type { CSSProperties, ReactNode } from 'react'

// The tokenizer of the search engines (app/modules/search/fold.ts), repeated here so that the header search
// box, on every page, does not bring the search module's synonym tables to the browser.
const WORD = /[\p{L}\p{N}]+/gu
// A soft yellow under the surrounding text's own colour (a link stays green): contrast above 4.5:1 for both.
const markStyle: CSSProperties = { background: '#fde68a', color: 'inherit', padding: 0, borderRadius: 2 }

/**
 * The text with the words a search matched in <mark>. `words` are the words as written in this text (the
 * engine's highlights of one field), compared without regard to case.
 */
export function Highlight({ text, words }: { text: string; words?: readonly string[] }) {
  if (!words?.length) return <>{text}</>
  const wanted = new Set(words.map((w) => w.toLocaleLowerCase('vi')))
  const parts: ReactNode[] = []
  let last = 0
  for (const match of text.matchAll(WORD)) {
    if (!wanted.has(match[0].toLocaleLowerCase('vi'))) continue
    if (match.index > last) parts.push(text.slice(last, match.index))
    parts.push(
      <mark key={match.index} style={markStyle}>
        {match[0]}
      </mark>,
    )
    last = match.index + match[0].length
  }
  if (last < text.length) parts.push(text.slice(last))
  return <>{parts}</>
}
