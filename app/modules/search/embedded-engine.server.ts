// The default search engine: in the app's process, on MiniSearch (chosen by measurement, STACK.md "Search").
// MiniSearch finds and scores the matching documents; filters, facets, sorting and pages are done here over
// that matching set, from the documents kept beside the index.
import MiniSearch, { type Query, type SearchOptions, type SearchResult as MiniResult } from 'minisearch'
import {
  CAMPAIGN_BOOST,
  facetFields,
  facetValues,
  matchesFilters,
  pageOf,
  type FacetField,
  type SearchDocument,
  type SearchEngine,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
  type SearchSort,
} from './engine'
import { adjacentSwaps, fold, longestSynonym, synonymsOf, typosAllowed, words } from './fold'

/**
 * Index fields matched on folded text, made of the document's fields (both languages in one field: fewer
 * postings to score per query term), and how much a match in each weighs: a name counts most.
 */
const SOURCES = {
  name: ['nameVi', 'nameEn'],
  producer: ['producerName'],
  description: ['descriptionVi', 'descriptionEn'],
} as const satisfies Record<string, readonly (keyof SearchDocument)[]>
const FOLDED_FIELDS = ['name', 'producer', 'description'] as const
/** The Vietnamese name again, lower-cased but not folded: a query typed with the right diacritics scores here too. */
const EXACT_FIELD = 'nameExact'
const BOOST: Record<string, number> = { name: 3, producer: 1.5, description: 1, [EXACT_FIELD]: 1 }
/** A match through a swapped-letters variant is a typo: it weighs like MiniSearch's fuzzy matches. */
const SWAP_WEIGHT = 0.45

const lower = (text: string) => text.normalize('NFC').toLowerCase()
const tokenize = (text: string) => words(text.normalize('NFC'))

type Term = { folded: string; raw: string }

/** One query word: its folded form (with typos, and a prefix if it is the last word) or its exact form. */
function termQuery(term: Term, isLast: boolean): Query {
  const typos = typosAllowed(term.folded)
  const alternatives: Query[] = [{ queries: [term.folded], fields: [...FOLDED_FIELDS], fuzzy: typos || false, prefix: isLast }]
  // Only a word typed with diacritics can match them exactly: "man" says nothing about "mận" or "mặn".
  if (term.raw !== term.folded) alternatives.push({ queries: [term.raw], fields: [EXACT_FIELD], processTerm: lower, fuzzy: false, prefix: isLast })
  const swaps = typos > 0 ? adjacentSwaps(term.folded) : []
  if (swaps.length > 0) {
    const boost = Object.fromEntries(FOLDED_FIELDS.map((f) => [f, BOOST[f] * SWAP_WEIGHT]))
    alternatives.push({ queries: swaps, combineWith: 'OR', fields: [...FOLDED_FIELDS], boost, fuzzy: typos - 1 || false, prefix: false })
  }
  return { queries: alternatives, combineWith: 'OR' }
}

/** A synonym phrase: all its words, exactly (synonyms are whole words, not typos or prefixes). */
const phraseQuery = (phrase: string): Query => ({
  queries: phrase.split(' '),
  combineWith: 'AND',
  fields: [...FOLDED_FIELDS],
  fuzzy: false,
  prefix: false,
})

/**
 * The query as MiniSearch reads it: every word (or synonym phrase) must match (AND); a word matches through
 * its folded form, typos, swaps, its exact diacritics or any synonym of the phrase it belongs to (OR).
 */
export function buildQuery(q: string): Query | null {
  const terms: Term[] = tokenize(q)
    .map((raw) => ({ raw: lower(raw), folded: fold(raw) }))
    .filter((t) => t.folded !== '')
  if (terms.length === 0) return null
  const groups: Query[] = []
  for (let i = 0; i < terms.length; ) {
    let taken = 1
    let group: Query | null = null
    for (let n = Math.min(longestSynonym, terms.length - i); n >= 1; n--) {
      const phrase = terms.slice(i, i + n).map((t) => t.folded).join(' ')
      const synonyms = synonymsOf.get(phrase)
      if (!synonyms) continue
      const own = terms.slice(i, i + n).map((t, k) => termQuery(t, i + k === terms.length - 1))
      group = { queries: [{ queries: own, combineWith: 'AND' }, ...synonyms.map(phraseQuery)], combineWith: 'OR' }
      taken = n
      break
    }
    groups.push(group ?? termQuery(terms[i], i === terms.length - 1))
    i += taken
  }
  return { queries: groups, combineWith: 'AND' }
}

/** `exact`: how many words typed with diacritics the name holds exactly; relevance ranks on it first. */
type Scored = { entry: Entry; doc: SearchDocument; score: number; exact: number; match?: MiniResult['match'] }
/** A document and the ids of its facet values (see FacetKeys). */
type Entry = { doc: SearchDocument; keys: Int32Array }

/**
 * Every facet value seen gets a small integer, so that counting facets over a matching set is incrementing a
 * typed array, not building strings and objects per document.
 */
class FacetKeys {
  private ids = new Map<string, number>()
  readonly list: { field: FacetField; value: string }[] = []

  keysOf(doc: SearchDocument) {
    const keys: number[] = []
    for (const field of facetFields) {
      for (const value of facetValues(doc, field)) {
        const key = `${field}\u0000${value}`
        let id = this.ids.get(key)
        if (id === undefined) {
          id = this.list.length
          this.ids.set(key, id)
          this.list.push({ field, value })
        }
        keys.push(id)
      }
    }
    return Int32Array.from(keys)
  }

  tally(matching: Scored[]) {
    const counts = new Int32Array(this.list.length)
    for (let i = 0; i < matching.length; i++) {
      const keys = matching[i].entry.keys
      for (let k = 0; k < keys.length; k++) counts[keys[k]]++
    }
    return counts
  }

  facets(counts: Int32Array, fields: FacetField[]) {
    const facets: SearchResult['facets'] = {}
    for (const field of fields) facets[field] = {}
    for (let key = 0; key < counts.length; key++) {
      if (counts[key] === 0) continue
      const { field, value } = this.list[key]
      const target = facets[field]
      if (target) target[value] = counts[key]
    }
    return facets
  }
}

const exactWords = (match: MiniResult['match']) => Object.values(match).filter((fields) => fields.includes(EXACT_FIELD)).length

const byId = (a: Scored, b: Scored) => (a.doc.id < b.doc.id ? -1 : a.doc.id > b.doc.id ? 1 : 0)

/** Orders with a last tie-break on id, so that pages never repeat or skip a document. */
const comparators: Record<SearchSort, (a: Scored, b: Scored) => number> = {
  relevance: (a, b) => b.exact - a.exact || b.score - a.score || b.doc.publishedAt - a.doc.publishedAt || byId(a, b),
  price_asc: (a, b) => a.doc.priceVnd - b.doc.priceVnd || b.score - a.score || byId(a, b),
  price_desc: (a, b) => b.doc.priceVnd - a.doc.priceVnd || b.score - a.score || byId(a, b),
  newest: (a, b) => b.doc.publishedAt - a.doc.publishedAt || b.score - a.score || byId(a, b),
  ocop_desc: (a, b) => b.doc.ocopStars - a.doc.ocopStars || b.score - a.score || byId(a, b),
}

/** The first `k` of `list` in `compare` order, without sorting all of it (a page of a large matching set). */
function firstK<T>(list: T[], k: number, compare: (a: T, b: T) => number): T[] {
  if (k >= list.length / 4) return [...list].sort(compare).slice(0, k)
  const top: T[] = []
  for (const item of list) {
    if (top.length === k && compare(item, top[k - 1]) >= 0) continue
    let lo = 0
    let hi = top.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (compare(item, top[mid]) < 0) hi = mid
      else lo = mid + 1
    }
    top.splice(lo, 0, item)
    if (top.length > k) top.pop()
  }
  return top
}

/** The words of a field that a matched index term came from ("mat" → "Mật" in "Mật ong bạc hà"). */
function wordsMatching(text: string, term: string, exact: boolean) {
  return tokenize(text).filter((w) => (exact ? lower(w) : fold(w)) === term)
}

export class EmbeddedSearchEngine implements SearchEngine {
  private entries = new Map<string, Entry>()
  private facetKeys = new FacetKeys()
  private index = EmbeddedSearchEngine.newIndex()
  /** Every document in each sort order, for queries without words; rebuilt after a change. */
  private sorted = new Map<SearchSort, Scored[]>()
  /** Facet counts over the whole catalogue (the search page before anything is typed); reset after a change. */
  private allCounts: Int32Array | null = null

  private static newIndex() {
    return new MiniSearch<SearchDocument>({
      idField: 'id',
      fields: [...FOLDED_FIELDS, EXACT_FIELD],
      storeFields: [],
      tokenize,
      processTerm: (term, field) => (field === EXACT_FIELD ? lower(term) : fold(term)),
      extractField: (doc, field) => {
        if (field === 'id') return doc.id
        if (field === EXACT_FIELD) return doc.nameVi
        return SOURCES[field as keyof typeof SOURCES].map((source) => doc[source]).join('\n')
      },
      searchOptions: { boost: BOOST, combineWith: 'AND' } satisfies SearchOptions,
    })
  }

  async upsert(docs: SearchDocument[]) {
    // A batch may hold the same id twice: the last one wins.
    const latest = new Map(docs.map((d) => [d.id, d]))
    const fresh: SearchDocument[] = []
    for (const doc of latest.values()) {
      if (this.entries.has(doc.id)) this.index.replace(doc)
      else fresh.push(doc)
      this.entries.set(doc.id, { doc, keys: this.facetKeys.keysOf(doc) })
    }
    this.index.addAll(fresh)
    this.sorted.clear()
    this.allCounts = null
  }

  async remove(ids: string[]) {
    for (const id of ids) {
      if (!this.entries.delete(id)) continue
      this.index.discard(id)
    }
    this.sorted.clear()
    this.allCounts = null
  }

  async clear() {
    this.entries.clear()
    this.facetKeys = new FacetKeys()
    this.index = EmbeddedSearchEngine.newIndex()
    this.sorted.clear()
    this.allCounts = null
  }

  async count() {
    return this.entries.size
  }

  async replaceAll(batches: AsyncIterable<SearchDocument[]>, onBatch?: (added: number) => void | Promise<void>) {
    const next = new EmbeddedSearchEngine()
    for await (const batch of batches) {
      await next.upsert(batch)
      await onBatch?.(batch.length)
    }
    this.entries = next.entries
    this.facetKeys = next.facetKeys
    this.index = next.index
    this.sorted.clear()
    this.allCounts = null
  }

  private allSorted(sort: SearchSort) {
    let list = this.sorted.get(sort)
    if (!list) {
      list = [...this.entries.values()].map((entry) => ({ entry, doc: entry.doc, score: 0, exact: 0 }))
      list.sort(comparators[sort])
      this.sorted.set(sort, list)
    }
    return list
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const started = performance.now()
    const sort = query.sort ?? 'relevance'
    const { page, pageSize } = pageOf(query)
    const expression = buildQuery(query.q)
    let matching: Scored[]
    let pageHits: Scored[]
    if (expression === null) {
      const all = this.allSorted(sort)
      matching = query.filters ? all.filter((s) => matchesFilters(s.doc, query.filters)) : all
      pageHits = matching.slice((page - 1) * pageSize, page * pageSize)
    } else {
      matching = []
      for (const r of this.index.search(expression)) {
        const entry = this.entries.get(r.id as string)
        if (entry && matchesFilters(entry.doc, query.filters)) {
          const score = entry.doc.campaignLabels.length > 0 ? r.score * CAMPAIGN_BOOST : r.score
          matching.push({ entry, doc: entry.doc, score, exact: exactWords(r.match), match: r.match })
        }
      }
      pageHits = firstK(matching, page * pageSize, comparators[sort]).slice((page - 1) * pageSize)
    }

    const hits: SearchHit[] = pageHits.map((s) => ({ id: s.doc.id, score: s.score, highlights: highlightsOf(s) }))
    let facets: SearchResult['facets'] = {}
    if (query.facets?.length) {
      const everything = matching.length === this.entries.size
      const counts = everything ? (this.allCounts ??= this.facetKeys.tally(matching)) : this.facetKeys.tally(matching)
      facets = this.facetKeys.facets(counts, query.facets)
    }
    return { hits, total: matching.length, facets, processingTimeMs: Math.round((performance.now() - started) * 100) / 100 }
  }
}

function highlightsOf({ doc, match }: Scored) {
  const highlights: Record<string, Set<string>> = {}
  for (const [term, fields] of Object.entries(match ?? {})) {
    for (const field of fields) {
      const exact = field === EXACT_FIELD
      const targets: readonly (keyof SearchDocument)[] = exact ? ['nameVi'] : SOURCES[field as keyof typeof SOURCES]
      for (const target of targets) {
        for (const w of wordsMatching(String(doc[target]), term, exact)) (highlights[target] ??= new Set()).add(w)
      }
    }
  }
  return Object.fromEntries(Object.entries(highlights).map(([k, v]) => [k, [...v]]))
}
