import { Form, useLocation, useNavigate } from '@remix-run/react'
import { useEffect, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { Language } from '~/utils/i18n'
import { Highlight } from './highlight'

/** One answer of GET /:lang/search/suggestions (SearchSuggestion in catalogue-search.server.ts). */
type Suggestion = { slug: string; nameVi: string; nameEn: string | null; producerName: string; highlights: Record<string, string[]> }

const DEBOUNCE_MS = 150
const INPUT_ID = 'header-search-q'
const LISTBOX_ID = 'header-search-suggestions'
const optionId = (i: number) => `header-search-option-${i}`

const boxStyle: CSSProperties = { position: 'relative', flex: 1, minWidth: 0 }
const listStyle: CSSProperties = {
  position: 'absolute',
  top: 'calc(100% + 4px)',
  left: 0,
  right: 0,
  zIndex: 20,
  margin: 0,
  padding: '0.25rem 0',
  listStyle: 'none',
  background: '#fff',
  color: 'var(--ink)',
  border: '1px solid var(--line)',
  borderRadius: 'var(--radius)',
  boxShadow: '0 8px 24px rgba(0,0,0,0.18)',
  maxHeight: '70vh',
  overflowY: 'auto',
}
const optionStyle: CSSProperties = { display: 'grid', padding: '0.45rem 0.75rem', cursor: 'pointer', lineHeight: 1.35, overflowWrap: 'anywhere' }

/**
 * The header's product search: a plain GET form to /:lang/search, and with JavaScript an ARIA combobox that
 * suggests products while the buyer types (arrow keys move, Enter opens the highlighted product or
 * searches, Escape closes).
 */
export function SearchBox({ lang }: { lang: Language }) {
  const { t } = useTranslation('search')
  const navigate = useNavigate()
  const location = useLocation()
  // On the results page the box shows the words searched for; elsewhere it starts empty.
  const urlQ = location.pathname === `/${lang}/search` ? (new URLSearchParams(location.search).get('q') ?? '') : ''
  const [value, setValue] = useState(urlQ)
  const [suggestions, setSuggestions] = useState<Suggestion[]>([])
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(-1)
  const timer = useRef<ReturnType<typeof setTimeout>>()
  const pending = useRef<AbortController | null>(null)

  const close = () => {
    setOpen(false)
    setActive(-1)
  }
  const cancel = () => {
    clearTimeout(timer.current)
    pending.current?.abort()
    pending.current = null
  }

  // Every navigation (a search, a suggestion picked, the back button) closes the list and shows its words.
  useEffect(() => {
    cancel()
    setValue(urlQ)
    setSuggestions([])
    close()
  }, [location.key, urlQ])
  useEffect(() => cancel, [])

  function suggest(q: string) {
    cancel()
    if (!q.trim()) {
      setSuggestions([])
      close()
      return
    }
    timer.current = setTimeout(async () => {
      // Only the latest request may answer: an earlier, slower one is aborted rather than shown over it.
      const controller = new AbortController()
      pending.current = controller
      try {
        const res = await fetch(`/${lang}/search/suggestions?${new URLSearchParams({ q })}`, { signal: controller.signal, headers: { Accept: 'application/json' } })
        if (!res.ok) return
        const list = (await res.json()) as Suggestion[]
        if (controller.signal.aborted) return
        setSuggestions(list)
        setActive(-1)
        setOpen(list.length > 0)
      } catch {
        // Aborted, or offline: the form still searches.
      }
    }, DEBOUNCE_MS)
  }

  const pick = (s: Suggestion) => {
    cancel()
    close()
    navigate(`/${lang}/p/${s.slug}`)
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    const count = suggestions.length
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!count) return
      e.preventDefault()
      if (!open) {
        setOpen(true)
        setActive(e.key === 'ArrowDown' ? 0 : count - 1)
        return
      }
      setActive((i) => (e.key === 'ArrowDown' ? (i + 1) % count : i <= 0 ? count - 1 : i - 1))
    } else if (e.key === 'Enter') {
      // A highlighted suggestion opens its product; otherwise the form searches for the words typed.
      if (open && active >= 0 && suggestions[active]) {
        e.preventDefault()
        pick(suggestions[active])
      } else {
        cancel()
        close()
      }
    } else if (e.key === 'Escape') {
      if (open) {
        e.preventDefault()
        close()
      }
    }
  }

  const nameOf = (s: Suggestion) => {
    const english = lang === 'en' && s.nameEn?.trim()
    return english ? { text: english, field: 'nameEn', lang: 'en' } : { text: s.nameVi, field: 'nameVi', lang: 'vi' }
  }
  const expanded = open && suggestions.length > 0

  return (
    <Form method="get" action={`/${lang}/search`} className="header-search" role="search" aria-label={t('box.region')}>
      <label htmlFor={INPUT_ID} className="visually-hidden">
        {t('box.label')}
      </label>
      <div style={boxStyle}>
        <input
          id={INPUT_ID}
          type="search"
          name="q"
          value={value}
          placeholder={t('box.placeholder')}
          maxLength={200}
          autoComplete="off"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={LISTBOX_ID}
          aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
          onChange={(e) => {
            setValue(e.target.value)
            suggest(e.target.value)
          }}
          onKeyDown={onKeyDown}
          onBlur={close}
          onFocus={() => {
            if (suggestions.length) setOpen(true)
          }}
        />
        <ul id={LISTBOX_ID} role="listbox" aria-label={t('box.suggestions')} hidden={!expanded} style={listStyle}>
          {suggestions.map((s, i) => {
            const name = nameOf(s)
            return (
              <li
                key={s.slug}
                id={optionId(i)}
                role="option"
                aria-selected={i === active}
                style={{ ...optionStyle, background: i === active ? 'var(--green-soft)' : undefined }}
                // Keep the focus in the box, so that a click does not first close the list through onBlur.
                onMouseDown={(e) => e.preventDefault()}
                onMouseMove={() => setActive(i)}
                onClick={() => pick(s)}
              >
                <span lang={name.lang === lang ? undefined : name.lang}>
                  <Highlight text={name.text} words={s.highlights[name.field]} />
                </span>
                <span className="meta" style={{ margin: 0, fontSize: '0.85rem' }}>
                  {s.producerName}
                </span>
              </li>
            )
          })}
        </ul>
        <span role="status" className="visually-hidden">
          {expanded ? t('box.count', { count: suggestions.length }) : ''}
        </span>
      </div>
      <button type="submit" className="button button-small">
        {t('box.button')}
      </button>
    </Form>
  )
}
