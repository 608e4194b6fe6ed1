// The registry's filters: which ones the API applies (GET /persons query parameters) and which the page
// applies to the people it has read. The name search is not an API parameter yet (it comes with
// src/names); moving it to the API is moving its key below.
import type { Category, CustodyStatus, NationalityGroup, Person } from './api/types.ts';

export interface RegistryFilters {
  facilityId?: string;
  sectionId?: string;
  status?: CustodyStatus;
  category?: Category;
  nationalityGroup?: NationalityGroup;
  /** A name or registration number. */
  q?: string;
}

/** The filters sent to GET /persons. */
export const apiFilters = [
  'facilityId',
  'sectionId',
  'status',
  'category',
  'nationalityGroup',
] as const satisfies readonly (keyof RegistryFilters)[];

/** Lower case, no diacritics or tashkeel, one form of alef, yeh and teh marbuta, single spaces. */
export function normaliseName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .replace(/ـ/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

// Normalised once per person read: the list filters tens of thousands on every keystroke.
const searchable = new WeakMap<Person, string>();

function searchableText(person: Person): string {
  let text = searchable.get(person);
  if (text === undefined) {
    const { names } = person.identity;
    const parts = [names.latin, names.arabic].flatMap((n) => (n ? Object.values(n) : []));
    text = ` ${normaliseName([person.registrationNumber, person.displayName, ...parts, ...names.aliases].join(' '))}`;
    searchable.set(person, text);
  }
  return text;
}

/**
 * Whether a person passes the filters the page applies: every word of `q` must begin a word of their
 * names or registration number, in either script.
 */
export function matchesInPage(person: Person, filters: RegistryFilters): boolean {
  const words = normaliseName(filters.q ?? '')
    .split(' ')
    .filter(Boolean);
  if (words.length === 0) return true;
  const text = searchableText(person);
  return words.every((w) => text.includes(` ${w}`));
}

/** Whether any filter is applied in the page (the list then scans what the API sends). */
export const filtersInPage = (filters: RegistryFilters): boolean => Boolean(filters.q?.trim());
