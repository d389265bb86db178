// The default search engine: in the app's process, on MiniSearch (chosen by measurement, STACK.md "Search").
//
// MiniSearch keeps the inverted index: it tokenizes and folds the documents, holds the terms in its radix tree
// with their postings (document → term frequency, per field) and the field lengths, and cleans up after
// replaced or removed documents. Its own `search()` builds an object per posting of every expanded term before
// combining, sorting and filtering (about 3 µs a posting): at 100,000 products, hundreds of milliseconds for a
// common folded syllable ("mat" is in every "thoáng mát") or a one-letter prefix. So queries are planned and
// run here over MiniSearch's own index (read through the protected members it gives subclasses), scored as
// MiniSearch scores (BM25+, its field boosts, prefix and fuzzy weights):
// - the terms of each query word are expanded with MiniSearch's radix tree (prefix, typos, swaps);
// - the words are ANDed most selective first, each next word only among the documents still matching (a mask
//   by document number), or looked up for them when they are far fewer than its postings;
// - scores add up in typed arrays by document number, in buffers reused from query to query;
// - filters are bitsets per facet value (and typed arrays for prices and stars), applied before any scoring;
// - only the page's hits get objects and highlights.
// Two matching rules keep common words from exploding (wordRule, SHORT_PREFIX): typos are looked for only on
// words the catalogue does not know as typed (then on all words if nothing is found), and a last word of one
// or two letters is completed in names and producers only.
// `searchWithMiniSearch` runs the same query (same rules) through MiniSearch's own search: the tests check that
// both find the same documents with the same scores (tests/search/embedded-extra.test.ts). The protected
// members read here are MiniSearch 7.2's; those tests fail first if an upgrade changes them.
import MiniSearch, { type Query, type SearchOptions } from 'minisearch'
import {
  CAMPAIGN_BOOST,
  facetFields,
  facetValues,
  matchesFilters,
  pageOf,
  type FacetField,
  type SearchDocument,
  type SearchEngine,
  type SearchFilters,
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
const FIELDS = [...FOLDED_FIELDS, EXACT_FIELD] as const
type Field = (typeof FIELDS)[number]
const BOOST: Record<Field, number> = { name: 3, producer: 1.5, description: 1, [EXACT_FIELD]: 1 }
/** A match through a swapped-letters variant is a typo: it weighs like MiniSearch's fuzzy matches. */
const SWAP_WEIGHT = 0.45
/** MiniSearch's defaults (SearchOptions.weights and .bm25), which its own search would apply. */
const PREFIX_WEIGHT = 0.375
const FUZZY_WEIGHT = 0.45
const BM25 = { k: 1.2, b: 0.7, d: 0.5 }

const lower = (text: string) => text.normalize('NFC').toLowerCase()

/**
 * `fold` of one word, remembered: indexing folds every word of every document (10 million at 100,000 products)
 * and a catalogue has far fewer distinct words. Forgets everything when full, to stay bounded.
 */
const foldCache = new Map<string, string>()
function foldWord(word: string) {
  let f = foldCache.get(word)
  if (f === undefined) {
    if (foldCache.size >= 200_000) foldCache.clear()
    f = fold(word)
    foldCache.set(word, f)
  }
  return f
}
const tokenize = (text: string) => words(text.normalize('NFC'))

type Term = { folded: string; raw: string }
/** Document number (MiniSearch's short id) → frequency of a term in one field. */
type Postings = Map<number, number>
/** What MiniSearch's radix tree holds per term: field id → postings. */
type TermData = Map<number, Postings>

/**
 * MiniSearch, plus read access to the parts of its index that its subclasses may use (protected members):
 * the radix tree of terms, field ids and lengths, and the short ids it numbers documents with.
 */
class Index extends MiniSearch<SearchDocument> {
  constructor() {
    super({
      idField: 'id',
      fields: [...FIELDS],
      storeFields: [],
      tokenize,
      processTerm: (term, field) => (field === EXACT_FIELD ? lower(term) : foldWord(term)),
      extractField: (doc, field) => {
        if (field === 'id') return doc.id
        if (field === EXACT_FIELD) return doc.nameVi
        return SOURCES[field as keyof typeof SOURCES].map((source) => doc[source]).join('\n')
      },
      searchOptions: { boost: BOOST, combineWith: 'AND' } satisfies SearchOptions,
    })
  }

  get terms() {
    return this._index
  }

  fieldId(field: Field) {
    return this._fieldIds[field]
  }

  numberOf(id: string): number | undefined {
    return this._idToShortId.get(id)
  }

  /** Above every document number given so far. */
  get nextNumber() {
    return this._nextId
  }

  averageLength(fieldId: number) {
    return this._avgFieldLength[fieldId]
  }

  /** Unique terms of each field of a document, by field id (what BM25 normalises by). */
  lengthsOf(n: number) {
    return this._fieldLength.get(n)
  }
}

// ---------------------------------------------------------------------------------------------------------
// Query plans

/** The postings of one term in one field, with the weight a match there gets (field boost × term weight). */
type Source = { term: string; field: Field; fieldId: number; weight: number; postings: Postings }
/**
 * A leaf matches a document that any of its sources holds (one query word with its expansions). A leaf can
 * appear twice in a plan ("tieu" on its own and in the synonym "ho tieu"): `memo` keeps its last result.
 */
type Leaf = { kind: 'leaf'; sources: Source[]; size: number; memo?: { mask: Mask; candidates: Int32Array | null; hits: Hits } }
type Node = Leaf | { kind: 'and' | 'or'; children: Node[]; size: number }
/**
 * `exact`: the exact-diacritics sources of each query word typed with diacritics (relevance ranks on them
 * first); `relaxable`: some word was taken as typed although typos were allowed on it (see wordRule).
 */
type Plan = { root: Node; exact: Source[][]; relaxable: boolean }

const leaf = (sources: Source[]): Leaf => ({ kind: 'leaf', sources, size: sources.reduce((n, s) => n + s.postings.size, 0) })
const and = (children: Node[]): Node => ({ kind: 'and', children, size: Math.min(...children.map((c) => c.size)) })
const or = (children: Node[]): Node => ({ kind: 'or', children, size: children.reduce((n, c) => n + c.size, 0) })

/** Expanded terms of a query word: term → its data, weight and the fields it is looked for in (best weight, all fields). */
class Expansion {
  readonly terms = new Map<string, { data: TermData; weight: number; fields: Set<Field> }>()

  add(term: string, data: TermData | undefined, weight: number, fields: readonly Field[]) {
    if (!data) return
    const seen = this.terms.get(term)
    if (!seen) this.terms.set(term, { data, weight, fields: new Set(fields) })
    else {
      seen.weight = Math.max(seen.weight, weight)
      for (const f of fields) seen.fields.add(f)
    }
  }

  sources(index: Index) {
    const sources: Source[] = []
    for (const [term, { data, weight, fields }] of this.terms) {
      for (const field of fields) {
        const fieldId = index.fieldId(field)
        const postings = data.get(fieldId)
        if (postings && postings.size > 0) sources.push({ term, field, fieldId, weight: weight * BOOST[field], postings })
      }
    }
    return sources
  }
}

/** Weights MiniSearch gives a prefix and a fuzzy match (MiniSearch#executeQuerySpec). */
const prefixWeight = (term: string, typed: string) => (PREFIX_WEIGHT * term.length) / (term.length + 0.3 * (term.length - typed.length))
const fuzzyWeight = (term: string, distance: number) => (FUZZY_WEIGHT * term.length) / (term.length + distance)

/**
 * A last word this short ("mat o", "hat d") is completed in names and producers only: its completions in the
 * descriptions are mostly other words ("ocop", "orders", "được") and there are hundreds of thousands of them.
 * The word itself, as typed, still matches everywhere.
 */
const SHORT_PREFIX = 2
const PREFIX_FIELDS_SHORT = ['name', 'producer'] as const satisfies readonly Field[]

const inFoldedFields = (index: Index, data: TermData | undefined) =>
  data !== undefined && FOLDED_FIELDS.some((f) => (data.get(index.fieldId(f))?.size ?? 0) > 0)

/**
 * How a query word is matched. Typos are looked for only when the catalogue does not know the word as typed
 * (nor, for the last word, as the start of a word): "nuoc" then matches "nước", not also "được" and "cuộc",
 * and "tieu" not "siêu" and "thiểu". `loose` allows typos on every word long enough (the second try of a
 * query that found nothing).
 */
function wordRule(index: Index, term: Term, isLast: boolean, loose: boolean) {
  const allowed = typosAllowed(term.folded)
  const prefixFields: readonly Field[] = term.folded.length <= SHORT_PREFIX ? PREFIX_FIELDS_SHORT : FOLDED_FIELDS
  let known = inFoldedFields(index, index.terms.get(term.folded))
  if (!known && isLast && allowed > 0) {
    for (const [t, data] of index.terms.atPrefix(term.folded)) {
      if (t !== term.folded && inFoldedFields(index, data)) {
        known = true
        break
      }
    }
  }
  return { typos: loose || !known ? allowed : 0, prefixFields, relaxable: known && allowed > 0 }
}

/**
 * One query word: its folded form (with typos, adjacent swaps, and a prefix if it is the last word) on the
 * folded fields, or its exact form on the exact field when typed with diacritics.
 */
function planWord(index: Index, term: Term, isLast: boolean, rule: ReturnType<typeof wordRule>, exact: Source[][]): Leaf {
  const tree = index.terms
  const { typos, prefixFields } = rule
  const folded = new Expansion()
  folded.add(term.folded, tree.get(term.folded), 1, FOLDED_FIELDS)
  if (isLast) {
    for (const [t, data] of tree.atPrefix(term.folded)) if (t !== term.folded) folded.add(t, data, prefixWeight(t, term.folded), prefixFields)
  }
  if (typos > 0) {
    for (const [t, [data, distance]] of tree.fuzzyGet(term.folded, typos)) {
      // A term that is also a prefix match counts as one (as in MiniSearch).
      if (distance > 0 && !(isLast && t.startsWith(term.folded))) folded.add(t, data, fuzzyWeight(t, distance), FOLDED_FIELDS)
    }
    for (const swap of adjacentSwaps(term.folded)) {
      if (typos === 1) folded.add(swap, tree.get(swap), SWAP_WEIGHT, FOLDED_FIELDS)
      else {
        for (const [t, [data, distance]] of tree.fuzzyGet(swap, typos - 1)) {
          folded.add(t, data, SWAP_WEIGHT * (distance ? fuzzyWeight(t, distance) : 1), FOLDED_FIELDS)
        }
      }
    }
  }
  const sources = folded.sources(index)
  // Only a word typed with diacritics can match them exactly: "man" says nothing about "mận" or "mặn".
  if (term.raw !== term.folded) {
    const own = new Expansion()
    own.add(term.raw, tree.get(term.raw), 1, [EXACT_FIELD])
    if (isLast) for (const [t, data] of tree.atPrefix(term.raw)) if (t !== term.raw) own.add(t, data, prefixWeight(t, term.raw), [EXACT_FIELD])
    const exactSources = own.sources(index)
    exact.push(exactSources)
    sources.push(...exactSources)
  }
  return leaf(sources)
}

/**
 * A synonym phrase: all its words, exactly (synonyms are whole words, not typos or prefixes). A word that is
 * also a query word matched only as typed (`plain`) is the same leaf, computed once.
 */
function planPhrase(index: Index, phrase: string, plain: Map<string, Leaf>): Node {
  return and(
    phrase.split(' ').map((word) => {
      const same = plain.get(word)
      if (same) return same
      const expansion = new Expansion()
      expansion.add(word, index.terms.get(word), 1, FOLDED_FIELDS)
      return leaf(expansion.sources(index))
    }),
  )
}

const queryTerms = (q: string): Term[] =>
  tokenize(q)
    .map((raw) => ({ raw: lower(raw), folded: foldWord(raw) }))
    .filter((t) => t.folded !== '')

/**
 * Walks the query's words as the matching reads them: every word (or synonym phrase) must match; a phrase
 * with synonyms matches through its own words or any synonym.
 */
function groupsOf<T>(terms: Term[], word: (term: Term, isLast: boolean) => T, synonymGroup: (own: T[], synonyms: string[]) => T) {
  const groups: T[] = []
  for (let i = 0; i < terms.length; ) {
    let taken = 1
    let group: T | null = null
    for (let n = Math.min(longestSynonym, terms.length - i); n >= 1; n--) {
      const phrase = terms.slice(i, i + n).map((t) => t.folded).join(' ')
      const synonyms = synonymsOf.get(phrase)
      if (!synonyms) continue
      group = synonymGroup(terms.slice(i, i + n).map((t, k) => word(t, i + k === terms.length - 1)), synonyms)
      taken = n
      break
    }
    groups.push(group ?? word(terms[i], i === terms.length - 1))
    i += taken
  }
  return groups
}

function planQuery(index: Index, q: string, loose: boolean): Plan | null {
  const terms = queryTerms(q)
  if (terms.length === 0) return null
  const exact: Source[][] = []
  let relaxable = false
  const plain = new Map<string, Leaf>()
  const groups = groupsOf<Node>(
    terms,
    (term, isLast) => {
      const rule = wordRule(index, term, isLast, loose)
      relaxable ||= rule.relaxable
      const node = planWord(index, term, isLast, rule, exact)
      if (node.sources.every((s) => s.term === term.folded && s.weight === BOOST[s.field])) plain.set(term.folded, node)
      return node
    },
    (own, synonyms) => or([and(own), ...synonyms.map((phrase) => planPhrase(index, phrase, plain))]),
  )
  return { root: and(groups), exact, relaxable }
}

/** The same query as a MiniSearch expression, for MiniSearch's own search (the reference the tests compare with). */
function miniSearchQuery(index: Index, q: string, loose: boolean): Query | null {
  const terms = queryTerms(q)
  if (terms.length === 0) return null
  const word = (term: Term, isLast: boolean): Query => {
    const { typos, prefixFields } = wordRule(index, term, isLast, loose)
    const fuzzy = typos || false
    // The last word is a prefix in prefixFields, a whole word in the other folded fields.
    const whole = FOLDED_FIELDS.filter((f) => !isLast || !prefixFields.includes(f))
    const alternatives: Query[] = []
    if (whole.length > 0) alternatives.push({ queries: [term.folded], fields: whole, fuzzy, prefix: false })
    if (isLast) alternatives.push({ queries: [term.folded], fields: [...prefixFields], fuzzy, prefix: true })
    if (term.raw !== term.folded) alternatives.push({ queries: [term.raw], fields: [EXACT_FIELD], processTerm: lower, fuzzy: false, prefix: isLast })
    const swaps = typos > 0 ? adjacentSwaps(term.folded) : []
    if (swaps.length > 0) {
      const boost = Object.fromEntries(FOLDED_FIELDS.map((f) => [f, BOOST[f] * SWAP_WEIGHT]))
      alternatives.push({ queries: swaps, combineWith: 'OR', fields: [...FOLDED_FIELDS], boost, fuzzy: typos - 1 || false, prefix: false })
    }
    return { queries: alternatives, combineWith: 'OR' }
  }
  const phrase = (p: string): Query => ({ queries: p.split(' '), combineWith: 'AND', fields: [...FOLDED_FIELDS], fuzzy: false, prefix: false })
  const groups = groupsOf(terms, word, (own, synonyms): Query => ({ queries: [{ queries: own, combineWith: 'AND' }, ...synonyms.map(phrase)], combineWith: 'OR' }))
  return { queries: groups, combineWith: 'AND' }
}

// ---------------------------------------------------------------------------------------------------------
// Per-document columns beside the index, by document number (MiniSearch's short id)

/** Matching documents and their scores, in parallel arrays. */
type Hits = { ids: Int32Array; scores: Float64Array }
/** Documents whose stamp equals `value` are in. */
type Mask = { stamps: Int32Array; value: number }

type TypedArray = Int32Array | Uint8Array | Uint16Array | Float64Array | Uint32Array
function grown<T extends TypedArray>(array: T, length: number): T {
  if (array.length >= length) return array
  const next = new (array.constructor as new (n: number) => T)(length)
  next.set(array)
  return next
}

/**
 * Every facet value seen gets a small integer and a bitset of the documents that have it: a filter is an OR of
 * bitsets, filters AND them; counting facets over a matching set is incrementing a typed array.
 */
class FacetKeys {
  private ids = new Map<string, number>()
  readonly list: { field: FacetField; value: string }[] = []
  private bits: Uint32Array[] = []
  private words = 0

  /** The ids of the document's facet values, setting its bit in each. */
  add(n: number, doc: SearchDocument) {
    if (n >>> 5 >= this.words) {
      this.words = Math.max(64, this.words * 2, (n >>> 5) + 1)
      this.bits = this.bits.map((b) => grown(b, this.words))
    }
    const keys: number[] = []
    for (const field of facetFields) {
      for (const value of facetValues(doc, field)) {
        const key = `${field}\u0000${value}`
        let id = this.ids.get(key)
        if (id === undefined) {
          id = this.list.length
          this.ids.set(key, id)
          this.list.push({ field, value })
          this.bits.push(new Uint32Array(this.words))
        }
        this.bits[id][n >>> 5] |= 1 << (n & 31)
        keys.push(id)
      }
    }
    return keys
  }

  remove(n: number, keys: ArrayLike<number>) {
    for (let k = 0; k < keys.length; k++) this.bits[keys[k]][n >>> 5] &= ~(1 << (n & 31))
  }

  /** The documents with any of the values, as a bitset. */
  anyOf(field: FacetField, values: string[]) {
    const union = new Uint32Array(this.words)
    for (const value of values) {
      const id = this.ids.get(`${field}\u0000${value}`)
      if (id === undefined) continue
      const b = this.bits[id]
      for (let w = 0; w < b.length; w++) union[w] |= b[w]
    }
    return union
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

/** What filters, sorts, facets and scoring read of each document, in typed arrays by document number. */
class Columns {
  capacity = 0
  docs: (SearchDocument | undefined)[] = []
  /** 1 for a document in the index: the mask of a query without filters (stale postings point at 0s). */
  live = new Int32Array(0)
  price = new Float64Array(0)
  published = new Float64Array(0)
  ocop = new Uint8Array(0)
  campaign = new Uint8Array(0)
  /** Unique terms per field, by position in FIELDS (a copy of MiniSearch's, read once per posting). */
  lengths: Uint16Array[] = FIELDS.map(() => new Uint16Array(0))
  /** The facet value ids of document n are keyData[keyStart[n] … keyStart[n] + keyCount[n]]. */
  keyStart = new Int32Array(0)
  keyCount = new Uint16Array(0)
  keyData = new Int32Array(1024)
  keyEnd = 0
  /** Facet value ids of removed documents still in keyData (compacted when they are the majority). */
  keyGarbage = 0

  ensure(n: number) {
    if (n < this.capacity) return
    const capacity = Math.max(1024, this.capacity * 2, n + 1)
    this.live = grown(this.live, capacity)
    this.price = grown(this.price, capacity)
    this.published = grown(this.published, capacity)
    this.ocop = grown(this.ocop, capacity)
    this.campaign = grown(this.campaign, capacity)
    this.lengths = this.lengths.map((l) => grown(l, capacity))
    this.keyStart = grown(this.keyStart, capacity)
    this.keyCount = grown(this.keyCount, capacity)
    this.capacity = capacity
  }

  setKeys(n: number, keys: number[]) {
    if (this.keyEnd + keys.length > this.keyData.length) this.keyData = grown(this.keyData, Math.max(this.keyData.length * 2, this.keyEnd + keys.length))
    this.keyData.set(keys, this.keyEnd)
    this.keyStart[n] = this.keyEnd
    this.keyCount[n] = keys.length
    this.keyEnd += keys.length
  }

  keysOf(n: number) {
    return this.keyData.subarray(this.keyStart[n], this.keyStart[n] + this.keyCount[n])
  }

  dropKeys(n: number) {
    this.keyGarbage += this.keyCount[n]
    this.keyCount[n] = 0
    if (this.keyGarbage > 4096 && this.keyGarbage * 2 > this.keyEnd) {
      const data = new Int32Array(Math.max(1024, (this.keyEnd - this.keyGarbage) * 2))
      let end = 0
      for (let m = 0; m < this.capacity; m++) {
        if (this.keyCount[m] === 0) continue
        data.set(this.keysOf(m), end)
        this.keyStart[m] = end
        end += this.keyCount[m]
      }
      this.keyData = data
      this.keyEnd = end
      this.keyGarbage = 0
    }
  }

  /**
   * How many of the documents have each facet value: the documents are `ids`, or those whose stamp is `value`
   * (swept in document order: reading the keys of many documents in a random order costs a cache miss each).
   */
  tally(values: number, ids: ArrayLike<number> | null, stamps: Int32Array | null, value = 0, end = 0) {
    const counts = new Int32Array(values)
    const { keyStart, keyCount, keyData } = this
    const count = (n: number) => {
      const last = keyStart[n] + keyCount[n]
      for (let k = keyStart[n]; k < last; k++) counts[keyData[k]]++
    }
    if (ids !== null) for (let i = 0; i < ids.length; i++) count(ids[i])
    else if (stamps !== null) for (let n = 0; n < end; n++) if (stamps[n] === value) count(n)
    return counts
  }
}

/** List filters (any of the values) and the facet whose values they name. */
const listFilters = [
  ['category', 'category'],
  ['province', 'province'],
  ['regionType', 'regionType'],
  ['certification', 'certification'],
  ['campaignLabel', 'campaignLabel'],
] as const satisfies readonly (readonly [keyof SearchFilters, FacetField])[]

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * Where a query's intermediate results live: one pair of growing buffers, handed out front to back and taken
 * back whole when the next query starts, so that a search allocates no large arrays (at 100,000 products a
 * single common word matches tens of thousands of documents, and fresh arrays of that size per query and per
 * word keep the collector busy).
 */
class Arena {
  private ids = new Int32Array(0)
  private scores = new Float64Array(0)
  private top = 0

  reset() {
    this.top = 0
  }

  /** Room for `n` more results; returns where they start and the buffers to write them to. */
  reserve(n: number) {
    if (this.top + n > this.ids.length) {
      // Results handed out before keep their (old) buffers.
      const length = Math.max(this.ids.length * 2, this.top + n, 4096)
      this.ids = new Int32Array(length)
      this.scores = new Float64Array(length)
      this.top = 0
    }
    return { start: this.top, ids: this.ids, scores: this.scores }
  }

  /** Hands out the `count` results written from `start`. */
  take(start: number, count: number): Hits {
    this.top = start + count
    return { ids: this.ids.subarray(start, start + count), scores: this.scores.subarray(start, start + count) }
  }
}

const none: Hits = { ids: new Int32Array(0), scores: new Float64Array(0) }

// ---------------------------------------------------------------------------------------------------------

/** Everything one index is made of; `replaceAll` builds a new one aside and swaps it in. */
class State {
  readonly index = new Index()
  readonly columns = new Columns()
  private readonly facetKeys = new FacetKeys()
  /** Every document in each sort order, for queries without words; rebuilt after a change. */
  private sorted = new Map<SearchSort, Int32Array>()
  /** Facet counts over the whole catalogue (the search page before anything is typed); reset after a change. */
  private allCounts: Int32Array | null = null

  // Scratch space of the running query, by document number. Stamps are compared with a counter that grows with
  // every new use, so that nothing needs clearing between uses.
  private epoch = 0
  private stamp = new Int32Array(0)
  private acc = new Float64Array(0)
  /** Per depth of AND in the plan: the documents still matching (stamps) and their scores so far. */
  private levels: { mask: Int32Array; score: Float64Array }[] = []
  private filterStamps = new Int32Array(0)
  /** Final score and exact-diacritics word count of each matching document. */
  private score = new Float64Array(0)
  private exact = new Uint8Array(0)
  private readonly arena = new Arena()

  upsert(docs: SearchDocument[]) {
    // A batch may hold the same id twice: the last one wins.
    const latest = new Map(docs.map((d) => [d.id, d]))
    this.remove([...latest.keys()])
    const { index, columns, facetKeys } = this
    for (const doc of latest.values()) {
      index.add(doc)
      const n = index.numberOf(doc.id)!
      columns.ensure(n)
      columns.docs[n] = doc
      columns.live[n] = 1
      columns.price[n] = doc.priceVnd
      columns.published[n] = doc.publishedAt
      columns.ocop[n] = doc.ocopStars
      columns.campaign[n] = doc.campaignLabels.length > 0 ? 1 : 0
      const lengths = index.lengthsOf(n) ?? []
      for (let f = 0; f < FIELDS.length; f++) columns.lengths[f][n] = Math.min(65_535, lengths[index.fieldId(FIELDS[f])] ?? 0)
      columns.setKeys(n, facetKeys.add(n, doc))
    }
    this.changed()
  }

  remove(ids: string[]) {
    const { index, columns } = this
    const present = ids.filter((id) => index.numberOf(id) !== undefined)
    if (present.length === 0) return
    for (const id of present) {
      const n = index.numberOf(id)!
      columns.docs[n] = undefined
      columns.live[n] = 0
      this.facetKeys.remove(n, columns.keysOf(n))
      columns.dropKeys(n)
    }
    // MiniSearch forgets the documents at once and cleans their postings later (vacuum); until then `live`
    // hides them.
    index.discardAll(present)
    this.changed()
  }

  private changed() {
    this.sorted.clear()
    this.allCounts = null
  }

  get size() {
    return this.index.documentCount
  }

  search(query: SearchQuery): SearchResult {
    const started = performance.now()
    const sort = query.sort ?? 'relevance'
    const { page, pageSize } = pageOf(query)
    this.prepare()
    const mask = this.filterMask(query.filters)
    let plan = planQuery(this.index, query.q, false)
    let matching: Int32Array
    let pageIds: number[]
    if (plan === null) {
      const order = this.sortedBy(sort)
      if (mask === null) matching = order
      else {
        const { start, ids } = this.arena.reserve(order.length)
        let count = 0
        for (let i = 0; i < order.length; i++) if (mask.stamps[order[i]] === mask.value) ids[start + count++] = order[i]
        matching = this.arena.take(start, count).ids
      }
      pageIds = Array.from(matching.subarray((page - 1) * pageSize, page * pageSize))
    } else {
      let hits = this.run(plan, mask)
      // Nothing as typed: try again with typos on the words the catalogue knows too ("mang" for "măng" is fine,
      // but a known word can also be a typo of another).
      if (hits.ids.length === 0 && plan.relaxable) {
        plan = planQuery(this.index, query.q, true)!
        hits = this.run(plan, mask)
      }
      matching = hits.ids
      pageIds = firstK(hits.ids, page * pageSize, this.comparator(sort, true)).slice((page - 1) * pageSize)
    }

    const { docs } = this.columns
    const hits: SearchHit[] = pageIds.map((n) => ({
      id: docs[n]!.id,
      score: plan ? this.score[n] : 0,
      highlights: plan ? this.highlightsOf(plan.root, n) : {},
    }))
    let facets: SearchResult['facets'] = {}
    if (query.facets?.length) facets = this.facetKeys.facets(this.facetCounts(plan === null ? mask : matching), query.facets)
    return { hits, total: matching.length, facets, processingTimeMs: Math.round((performance.now() - started) * 100) / 100 }
  }

  /** Facet counts over the matching documents: all of them (null), those of a filter mask, or a list. */
  private facetCounts(matching: Mask | Int32Array | null) {
    const values = this.facetKeys.list.length
    const end = this.index.nextNumber
    if (matching === null) return (this.allCounts ??= this.columns.tally(values, null, this.columns.live, 1, end))
    if (!(matching instanceof Int32Array)) return this.columns.tally(values, null, matching.stamps, matching.value, end)
    // Many documents: mark them and sweep in document order (see Columns.tally).
    if (matching.length * 16 < end) return this.columns.tally(values, matching, null)
    const value = ++this.epoch
    for (let i = 0; i < matching.length; i++) this.stamp[matching[i]] = value
    return this.columns.tally(values, null, this.stamp, value, end)
  }

  /** Sizes the scratch arrays to the document numbers given so far. */
  private prepare() {
    this.arena.reset()
    const length = this.columns.capacity
    if (this.stamp.length < length || this.epoch > 2 ** 30) {
      // Grown, or (after a billion uses) far from overflowing an Int32 stamp: start from clean arrays.
      this.stamp = new Int32Array(length)
      this.acc = new Float64Array(length)
      this.filterStamps = new Int32Array(length)
      this.score = new Float64Array(length)
      this.exact = new Uint8Array(length)
      this.levels = []
      this.epoch = 0
    }
  }

  private level(depth: number) {
    while (this.levels.length <= depth) this.levels.push({ mask: new Int32Array(this.stamp.length), score: new Float64Array(this.stamp.length) })
    return this.levels[depth]
  }

  /** The documents passing the filters (null: no filter, every document). */
  private filterMask(filters: SearchFilters | undefined): Mask | null {
    const f = filters ?? {}
    let bits: Uint32Array | null = null
    const narrow = (any: Uint32Array) => {
      if (bits) for (let w = 0; w < bits.length; w++) bits[w] &= any[w]
      else bits = any
    }
    for (const [name, facet] of listFilters) {
      const values = f[name]
      if (values?.length) narrow(this.facetKeys.anyOf(facet, values))
    }
    if (f.exportReady !== undefined) narrow(this.facetKeys.anyOf('exportReady', [String(f.exportReady)]))
    const { ocopMin, minPrice, maxPrice } = f
    if (bits === null && ocopMin === undefined && minPrice === undefined && maxPrice === undefined) return null
    const value = ++this.epoch
    const stamps = this.filterStamps
    const { live, ocop, price } = this.columns
    const set: Uint32Array | null = bits
    const end = this.index.nextNumber
    for (let n = 0; n < end; n++) {
      if (set !== null) {
        const word = set[n >>> 5]
        if (word === 0) {
          n |= 31 // the whole word is out: skip to its last bit
          continue
        }
        if (((word >>> (n & 31)) & 1) === 0) continue
      }
      if (live[n] === 0) continue
      if (ocopMin !== undefined && ocop[n] < ocopMin) continue
      if (minPrice !== undefined && price[n] < minPrice) continue
      if (maxPrice !== undefined && price[n] > maxPrice) continue
      stamps[n] = value
    }
    return { stamps, value }
  }

  /** The matching documents of a plan; their final scores are left in `score`, their exact-word counts in `exact`. */
  private run(plan: Plan, filter: Mask | null): Hits {
    const hits = this.evaluate(plan.root, filter ?? { stamps: this.columns.live, value: 1 }, null, 0)
    const { score, exact, stamp } = this
    const { campaign } = this.columns
    for (let i = 0; i < hits.ids.length; i++) {
      const n = hits.ids[i]
      score[n] = campaign[n] ? hits.scores[i] * CAMPAIGN_BOOST : hits.scores[i]
      exact[n] = 0
    }
    if (plan.exact.length > 0) {
      const members = this.level(0).mask
      const member = ++this.epoch
      for (let i = 0; i < hits.ids.length; i++) members[hits.ids[i]] = member
      for (const sources of plan.exact) {
        const word = ++this.epoch
        for (const source of sources) {
          source.postings.forEach((_, n) => {
            if (members[n] === member && stamp[n] !== word) {
              stamp[n] = word
              exact[n]++
            }
          })
        }
      }
    }
    return hits
  }

  /**
   * The documents of `mask` that match `node`, with their scores. `candidates`, when given, are the documents
   * of the mask: a leaf with many postings can look these few up instead of walking its postings.
   */
  private evaluate(node: Node, mask: Mask, candidates: Int32Array | null, depth: number): Hits {
    if (node.kind === 'leaf') {
      const { memo } = node
      if (memo && memo.mask.stamps === mask.stamps && memo.mask.value === mask.value && memo.candidates === candidates) return memo.hits
      const hits = this.scoreLeaf(node.sources, node.size, mask, candidates)
      node.memo = { mask, candidates, hits }
      return hits
    }
    if (node.kind === 'or') {
      const parts = node.children.map((child) => this.evaluate(child, mask, candidates, depth + 1))
      const epoch = ++this.epoch
      const { stamp, acc } = this
      const { start, ids, scores } = this.arena.reserve(Math.min(this.columns.capacity, parts.reduce((n, p) => n + p.ids.length, 0)))
      let count = 0
      for (const part of parts) {
        for (let i = 0; i < part.ids.length; i++) {
          const n = part.ids[i]
          if (stamp[n] !== epoch) {
            stamp[n] = epoch
            acc[n] = part.scores[i]
            ids[start + count++] = n
          } else acc[n] += part.scores[i]
        }
      }
      for (let i = start; i < start + count; i++) scores[i] = acc[ids[i]]
      return this.arena.take(start, count)
    }
    // AND: the most selective child first; each next one only among the documents still matching.
    const children = [...node.children].sort((a, b) => a.size - b.size)
    if (children[0].size === 0) return none
    let current = this.evaluate(children[0], mask, candidates, depth + 1)
    const level = this.level(depth)
    for (let c = 1; c < children.length && current.ids.length > 0; c++) {
      const value = ++this.epoch
      for (let i = 0; i < current.ids.length; i++) {
        level.mask[current.ids[i]] = value
        level.score[current.ids[i]] = current.scores[i]
      }
      const next = this.evaluate(children[c], { stamps: level.mask, value }, current.ids, depth + 1)
      // Results are never changed in place (a leaf's may be used twice): the sums go to new room.
      const { start, scores } = this.arena.reserve(next.ids.length)
      for (let i = 0; i < next.ids.length; i++) scores[start + i] = next.scores[i] + level.score[next.ids[i]]
      current = { ids: next.ids, scores: this.arena.take(start, next.ids.length).scores }
    }
    return current
  }

  /** BM25+ as MiniSearch scores it (calcBM25Score), summed over the sources a document is found in. */
  private scoreLeaf(sources: Source[], size: number, mask: Mask, candidates: Int32Array | null): Hits {
    const epoch = ++this.epoch
    const { stamp, acc } = this
    const { start, ids, scores } = this.arena.reserve(Math.min(size, this.columns.capacity))
    let count = 0
    const documents = this.index.documentCount
    const { k, b, d } = BM25
    const { stamps, value } = mask
    // Looking each candidate up in a source's postings (a hash lookup, in random order) beats walking the
    // postings (in order) only when the candidates are far fewer.
    const probe = candidates !== null && candidates.length * sources.length * 8 < size
    for (const source of sources) {
      const { postings } = source
      const df = postings.size
      const weight = source.weight * Math.log(1 + (documents - df + 0.5) / (df + 0.5))
      const lengths = this.columns.lengths[FIELDS.indexOf(source.field)]
      const norm = b / this.index.averageLength(source.fieldId)
      if (probe) {
        for (let i = 0; i < candidates.length; i++) {
          const n = candidates[i]
          const tf = postings.get(n)
          if (tf === undefined) continue
          const s = weight * (d + (tf * (k + 1)) / (tf + k * (1 - b + norm * lengths[n])))
          if (stamp[n] !== epoch) {
            stamp[n] = epoch
            acc[n] = s
            ids[start + count++] = n
          } else acc[n] += s
        }
      } else {
        postings.forEach((tf, n) => {
          if (stamps[n] !== value) return
          const s = weight * (d + (tf * (k + 1)) / (tf + k * (1 - b + norm * lengths[n])))
          if (stamp[n] !== epoch) {
            stamp[n] = epoch
            acc[n] = s
            ids[start + count++] = n
          } else acc[n] += s
        })
      }
    }
    for (let i = start; i < start + count; i++) scores[i] = acc[ids[i]]
    return this.arena.take(start, count)
  }

  private sortedBy(sort: SearchSort) {
    let order = this.sorted.get(sort)
    if (!order) {
      const all: number[] = []
      const { live } = this.columns
      for (let n = 0; n < this.index.nextNumber; n++) if (live[n]) all.push(n)
      order = new Int32Array(all.sort(this.comparator(sort, false)))
      this.sorted.set(sort, order)
    }
    return order
  }

  /** Orders with a last tie-break on id, so that pages never repeat or skip a document. */
  private comparator(sort: SearchSort, scored: boolean): (a: number, b: number) => number {
    const { docs, price, published, ocop } = this.columns
    // Without words every document scores 0.
    const score = scored ? this.score : new Float64Array(this.columns.capacity)
    const exact = scored ? this.exact : new Uint8Array(this.columns.capacity)
    const ids = (a: number, b: number) => byId(docs[a]!.id, docs[b]!.id)
    switch (sort) {
      case 'relevance':
        return (a, b) => exact[b] - exact[a] || score[b] - score[a] || published[b] - published[a] || ids(a, b)
      case 'price_asc':
        return (a, b) => price[a] - price[b] || score[b] - score[a] || ids(a, b)
      case 'price_desc':
        return (a, b) => price[b] - price[a] || score[b] - score[a] || ids(a, b)
      case 'newest':
        return (a, b) => published[b] - published[a] || score[b] - score[a] || ids(a, b)
      case 'ocop_desc':
        return (a, b) => ocop[b] - ocop[a] || score[b] - score[a] || ids(a, b)
    }
  }

  /** The sources a document matched through, following the plan as the matching did (null: it does not match). */
  private matchedSources(node: Node, n: number): Source[] | null {
    if (node.kind === 'leaf') {
      const found = node.sources.filter((s) => s.postings.has(n))
      return found.length > 0 ? found : null
    }
    const parts = node.children.map((child) => this.matchedSources(child, n))
    if (node.kind === 'and' && parts.some((p) => p === null)) return null
    const found = parts.flatMap((p) => p ?? [])
    return found.length > 0 ? found : null
  }

  /** Field → the words of it (as written) that the document matched through ("mat" → "Mật" in "Mật ong bạc hà"). */
  private highlightsOf(root: Node, n: number) {
    const doc = this.columns.docs[n]!
    const wanted = new Map<keyof SearchDocument, { folded: Set<string>; exact: Set<string> }>()
    for (const { term, field } of this.matchedSources(root, n) ?? []) {
      const exact = field === EXACT_FIELD
      for (const target of exact ? (['nameVi'] as const) : SOURCES[field as keyof typeof SOURCES]) {
        let terms = wanted.get(target)
        if (!terms) wanted.set(target, (terms = { folded: new Set(), exact: new Set() }))
        ;(exact ? terms.exact : terms.folded).add(term)
      }
    }
    const highlights: Record<string, string[]> = {}
    for (const [target, terms] of wanted) {
      const found = new Set<string>()
      for (const w of tokenize(String(doc[target]))) {
        if ((terms.folded.size > 0 && terms.folded.has(foldWord(w))) || (terms.exact.size > 0 && terms.exact.has(lower(w)))) found.add(w)
      }
      if (found.size > 0) highlights[target] = [...found]
    }
    return highlights
  }
}

/** The first `k` of `list` in `compare` order, without sorting all of it (a page of a large matching set). */
function firstK(list: Int32Array, k: number, compare: (a: number, b: number) => number): number[] {
  if (k >= list.length / 4) return Array.from(list.slice().sort(compare).subarray(0, k))
  const top: number[] = []
  for (let i = 0; i < list.length; i++) {
    const item = list[i]
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

export class EmbeddedSearchEngine implements SearchEngine {
  private state = new State()

  async upsert(docs: SearchDocument[]) {
    this.state.upsert(docs)
  }

  async remove(ids: string[]) {
    this.state.remove(ids)
  }

  async clear() {
    this.state = new State()
  }

  async count() {
    return this.state.size
  }

  async replaceAll(batches: AsyncIterable<SearchDocument[]>, onBatch?: (added: number) => void | Promise<void>) {
    const next = new State()
    for await (const batch of batches) {
      next.upsert(batch)
      await onBatch?.(batch.length)
    }
    this.state = next
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    return this.state.search(query)
  }

  /**
   * What MiniSearch's own search finds for the query's words (and the filters), best first, with the same
   * second try with typos when nothing is found: the reference the planned search is checked against in the
   * tests.
   */
  searchWithMiniSearch(q: string, filters?: SearchFilters): { id: string; score: number }[] {
    const { index, columns } = this.state
    const found = (loose: boolean) => {
      const expression = miniSearchQuery(index, q, loose)
      if (!expression) return []
      return index
        .search(expression)
        .map((r) => ({ id: r.id as string, score: r.score }))
        .filter(({ id }) => matchesFilters(columns.docs[index.numberOf(id)!]!, filters))
    }
    const strict = found(false)
    return strict.length > 0 ? strict : found(true)
  }
}
