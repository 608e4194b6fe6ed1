// The registry: every person the user may see, read from GET /persons a page at a time as the list
// scrolls, drawn by a virtualised list so that 74,000 rows cost what a screenful costs.
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'wouter';
import { type ApiError, api, query } from '../api/client.ts';
import {
  type Category,
  type CustodyStatus,
  categories,
  custodyStatuses,
  type NationalityGroup,
  nationalityGroups,
  type Page,
  type Person,
} from '../api/types.ts';
import { FacilityFilter } from '../components/FacilityFilter.tsx';
import { useProblemText } from '../components/form.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { useDirectory } from '../directory.tsx';
import { useI18n } from '../i18n/index.tsx';
import { apiFilters, type RegistryFilters } from '../registry-filters.ts';

/** Small first page: the first rows show at once; later pages are large, fewer requests to scroll far. */
const FIRST_PAGE = 100;
const PAGE = 500;
/** Rows left below the screen when the next page is asked for: half a page, so that scrolling on does not wait. */
const READ_AHEAD = 250;
/** Must match `.person-row` in styles.css. */
const ROW_HEIGHT = 64;

interface Pages {
  key: string;
  rows: Person[];
  cursor: string | null;
  done: boolean;
  error?: ApiError;
}

const empty = (key: string): Pages => ({ key, rows: [], cursor: null, done: false });

/** The people matching the API's filters, read page after page on demand. */
function usePersonPages(filters: RegistryFilters) {
  const key = query(Object.fromEntries(apiFilters.map((k) => [k, filters[k]])));
  const [pages, setPages] = useState<Pages>(() => empty(key));
  // New filters start from nothing; the state catches up when their first page arrives.
  const current = useMemo(() => (pages.key === key ? pages : empty(key)), [pages, key]);
  const loading = useRef<string | null>(null);
  const latest = useRef(key);
  latest.current = key;

  const loadMore = useCallback(async () => {
    if (loading.current === key || current.done || current.error) return;
    loading.current = key;
    const params = new URLSearchParams(key);
    params.set('limit', String(current.rows.length === 0 ? FIRST_PAGE : PAGE));
    if (current.cursor) params.set('cursor', current.cursor);
    let next: Partial<Pages>;
    try {
      const page = await api.get<Page<Person>>(`/persons?${params}`);
      next = {
        rows: current.rows.concat(page.items),
        cursor: page.nextCursor,
        done: page.nextCursor === null,
      };
    } catch (error) {
      next = { error: error as ApiError };
    }
    // Cleared before the answer is shown, so that the render it causes may ask for the next page.
    if (loading.current === key) loading.current = null;
    // An answer for filters changed meanwhile is dropped.
    if (latest.current === key) setPages({ ...current, ...next });
  }, [key, current]);

  // A refused page (the server limits how fast the register may be read) may be asked for again.
  const retry = useCallback(() => setPages((prev) => ({ ...prev, error: undefined })), []);
  return { ...current, loadMore, retry };
}

const FILTER_KEYS = ['facilityId', 'sectionId', 'status', 'category', 'nationalityGroup', 'q'] as const;

export function Registry() {
  const { t, language } = useI18n();
  const directory = useDirectory();
  const problemText = useProblemText();
  const [params, setParams] = useSearchParams();
  const filters: RegistryFilters = Object.fromEntries(
    FILTER_KEYS.flatMap((k) => (params.get(k) ? [[k, params.get(k)]] : [])),
  );
  const setFilter = (changes: Partial<Record<keyof RegistryFilters, string>>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [k, v] of Object.entries(changes)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace: true },
    );

  // The address, and so the API, follows the search box when typing pauses.
  const [search, setSearch] = useState(filters.q ?? '');
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the typed text should schedule this
  useEffect(() => {
    const timer = setTimeout(() => setFilter({ q: search.trim() }), 250);
    return () => clearTimeout(timer);
  }, [search]);

  const pages = usePersonPages(filters);
  const shown = pages.rows;

  const listRef = useRef<HTMLDivElement>(null);
  const [listTop, setListTop] = useState(0);
  useLayoutEffect(() => {
    setListTop((listRef.current?.getBoundingClientRect().top ?? 0) + window.scrollY);
  }, []);
  const virtualizer = useWindowVirtualizer({
    count: shown.length + (pages.done ? 0 : 1),
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollMargin: listTop,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;
  const { done, loadMore } = pages;
  useEffect(() => {
    if (!done && lastIndex >= shown.length - READ_AHEAD) void loadMore();
  }, [lastIndex, shown.length, done, loadMore]);

  const sections = directory.sectionsOf(filters.facilityId);
  return (
    <section className="registry">
      <header className="screen-head">
        <h1>{t('registry.title')}</h1>
      </header>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label className="search">
          <span className="field-label">{t('registry.search')}</span>
          <input
            type="search"
            name="q"
            value={search}
            placeholder={t('registry.searchPlaceholder')}
            autoComplete="off"
            onChange={(e) => setSearch(e.target.value)}
          />
        </label>
        <FacilityFilter
          name="facilityId"
          value={filters.facilityId}
          onChange={(facilityId) => setFilter({ facilityId, sectionId: '' })}
        />
        <label>
          <span className="field-label">{t('common.section')}</span>
          <select
            name="sectionId"
            value={filters.sectionId ?? ''}
            disabled={sections.length === 0}
            onChange={(e) => setFilter({ sectionId: e.target.value })}
          >
            <option value="">{t('common.allSections')}</option>
            {sections.map((s) => (
              <option key={s.id} value={s.id}>
                {s.code} · {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="field-label">{t('common.status')}</span>
          <select
            name="status"
            value={filters.status ?? ''}
            onChange={(e) => setFilter({ status: e.target.value })}
          >
            <option value="">{t('common.any')}</option>
            {custodyStatuses.map((s: CustodyStatus) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="field-label">{t('common.category')}</span>
          <select
            name="category"
            value={filters.category ?? ''}
            onChange={(e) => setFilter({ category: e.target.value })}
          >
            <option value="">{t('common.any')}</option>
            {categories.map((c: Category) => (
              <option key={c} value={c}>
                {t(`category.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="field-label">{t('common.nationality')}</span>
          <select
            name="nationalityGroup"
            value={filters.nationalityGroup ?? ''}
            onChange={(e) => setFilter({ nationalityGroup: e.target.value })}
          >
            <option value="">{t('common.any')}</option>
            {nationalityGroups.map((g: NationalityGroup) => (
              <option key={g} value={g}>
                {t(`nationality.${g}`)}
              </option>
            ))}
          </select>
        </label>
      </form>
      <p className="muted list-status" aria-live="polite" data-testid="registry-status">
        {t(pages.done ? 'registry.countAll' : 'registry.countSoFar', { n: pages.rows.length })}
      </p>
      {pages.error && (
        <div className="form-error" role="alert">
          <p>{problemText(pages.error)}</p>
          <button type="button" onClick={pages.retry}>
            {t('common.retry')}
          </button>
        </div>
      )}
      <div ref={listRef} className="person-list" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const person = shown[item.index];
          const top = { transform: `translateY(${item.start - listTop}px)` };
          if (person === undefined) {
            return (
              <div key="more" className="person-row placeholder" style={top}>
                {t('common.loading')}
              </div>
            );
          }
          const place =
            person.custody.facilityId ?? person.custody.transferToFacilityId ?? person.custody.lastFacilityId;
          const arabic = person.identity.names.arabic;
          const arabicName = arabic && [arabic.given, arabic.father, arabic.family].filter(Boolean).join(' ');
          // The name in the script of the language shown first, the other after it.
          const names = [person.displayName, arabicName].filter((n): n is string => Boolean(n));
          if (language === 'ar') names.reverse();
          return (
            <Link key={person.id} href={`/persons/${person.id}`} className="person-row" style={top}>
              <span className="person-name">
                <bdi>{names[0]}</bdi>
                {names[1] && (
                  <span className="other-name">
                    {' · '}
                    <bdi>{names[1]}</bdi>
                  </span>
                )}
              </span>
              <span className="person-meta">
                <StatusBadge custody={person.custody} />
                <span className="regno">{person.registrationNumber}</span>
                <span>{t(`person.category.${person.category}`)}</span>
                <span>{t(`nationality.${person.nationalityGroup}`)}</span>
                <span>
                  {directory.facility(place)?.code}
                  {person.custody.sectionId &&
                    ` · ${directory.section(person.custody.sectionId)?.code ?? ''}`}
                </span>
              </span>
            </Link>
          );
        })}
      </div>
      {pages.done && shown.length === 0 && <p className="empty">{t('registry.none')}</p>}
    </section>
  );
}
