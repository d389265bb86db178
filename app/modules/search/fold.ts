// Browser-safe: how search reads Vietnamese. Matching is on folded text (no diacritics, đ → d, lower case),
// typos are counted on folded letters, and a few trade words have English (and Vietnamese) synonyms.
import { fold } from '~/utils/text'

export { fold }

/** Letters and digits runs of a text; the tokenizer both engines agree on. */
export const WORD = /[\p{L}\p{N}]+/gu

export function words(text: string): string[] {
  return text.match(WORD) ?? []
}

/** The terms a query is searched with: folded words. */
export function foldedTerms(text: string): string[] {
  return words(fold(text))
}

/**
 * Typos allowed in a folded term: Vietnamese syllables are short once folded ("mat", "ong"), and a typo on a
 * three-letter one matches half the catalogue ("mat" ~ "mai", "man", "lat"), so none below 4 letters.
 */
export function typosAllowed(term: string) {
  return term.length >= 8 ? 2 : term.length >= 4 ? 1 : 0
}

/**
 * The term with two adjacent letters swapped, every way ("thout" → "htout", "tohut", "thuot", "thotu").
 * Levenshtein distance counts a swap as two edits; searching these variants makes it cost one, as on
 * Meilisearch.
 */
export function adjacentSwaps(term: string): string[] {
  const variants = new Set<string>()
  for (let i = 0; i + 1 < term.length; i++) {
    if (term[i] === term[i + 1]) continue
    variants.add(term.slice(0, i) + term[i + 1] + term[i] + term.slice(i + 2))
  }
  variants.delete(term)
  return [...variants]
}

/**
 * Groups of words and phrases that mean the same, folded. A query phrase from a group also searches for
 * every other member of the group (Meilisearch gets them as synonyms, both ways).
 */
export const synonymGroups: string[][] = [
  ['che', 'tra', 'tea'],
  ['ca phe', 'coffee', 'cafe'],
  ['mat ong', 'honey'],
  ['gao', 'rice'],
  ['tieu', 'ho tieu', 'pepper'],
  ['nuoc mam', 'fish sauce'],
  ['toi', 'garlic'],
  ['sam', 'ginseng'],
  ['mien', 'vermicelli', 'glass noodles'],
  ['hat de', 'chestnut', 'chestnuts'],
  ['xoai', 'mango', 'mangoes'],
  ['man', 'plum', 'plums'],
  ['hoi', 'star anise'],
  ['que', 'cinnamon'],
  ['thao qua', 'cardamom', 'black cardamom'],
  ['yen sao', 'to yen', 'birds nest', 'bird nest'],
  ['hat dieu', 'cashew', 'cashews'],
  ['mac ca', 'macadamia'],
  ['nam', 'mushroom', 'mushrooms'],
  ['mang', 'bamboo shoots', 'bamboo shoot'],
  ['ruou', 'wine'],
  ['ca cao', 'cocoa'],
  ['atiso', 'artichoke'],
  ['nho', 'grape', 'grapes'],
  ['cha muc', 'squid cake', 'squid cakes'],
  ['thit gac bep', 'smoked meat'],
  ['tho cam', 'brocade'],
  ['dac san', 'specialty', 'specialities', 'specialty food'],
].map((group) => group.map((phrase) => foldedTerms(phrase).join(' ')))

/** Phrase (folded, space-separated) → the other phrases of its groups. */
export const synonymsOf: Map<string, string[]> = (() => {
  const map = new Map<string, Set<string>>()
  for (const group of synonymGroups) {
    for (const phrase of group) {
      const set = map.get(phrase) ?? new Set<string>()
      for (const other of group) if (other !== phrase) set.add(other)
      map.set(phrase, set)
    }
  }
  return new Map([...map].map(([k, v]) => [k, [...v]]))
})()

/** The longest synonym phrase, in words: how far ahead the query parser looks. */
export const longestSynonym = Math.max(...[...synonymsOf.keys()].map((p) => p.split(' ').length))
