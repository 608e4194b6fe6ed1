// Shared value schemas: ids, times, dates, nationalities, free text.
import countries from 'i18n-iso-countries';
import { z } from 'zod';

export const id = z.uuid({ message: 'must be a UUID' });

/** An ISO 8601 instant with an offset, normalised to UTC (`2019-10-13T08:00:00.000Z`). */
export const instant = z.iso
  .datetime({
    offset: true,
    message: 'must be an ISO 8601 date-time with an offset, e.g. 2019-10-13T08:00:00Z',
  })
  .transform((value) => new Date(value).toISOString());

export const isoDate = z.iso.date({ message: 'must be a date as YYYY-MM-DD' });

/**
 * Text of a person or a user. A lone UTF-16 surrogate (a broken character, e.g. from a cut string) is
 * refused: it has no UTF-8 form, so PostgreSQL would refuse what SQLite stores.
 */
export const text = (max = 500) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max)
    .refine((s) => !/\p{Cs}/u.test(s), 'contains a broken character (a lone UTF-16 surrogate)');

export const reason = text(2000);

/** ISO 3166-1 alpha-3, or `stateless` / `unknown`. */
export const nationality = z
  .string()
  .refine((code) => code === 'stateless' || code === 'unknown' || countries.isValid(code), {
    message: 'must be an ISO 3166-1 alpha-3 country code (e.g. SYR), "stateless" or "unknown"',
  })
  .refine((code) => code === 'stateless' || code === 'unknown' || /^[A-Z]{3}$/.test(code), {
    message: 'country codes are three capital letters',
  });

export const country = z.string().refine((code) => /^[A-Z]{3}$/.test(code) && countries.isValid(code), {
  message: 'must be an ISO 3166-1 alpha-3 country code (e.g. FRA)',
});

export const nationalityGroups = ['syrian', 'iraqi', 'third-country'] as const;
export type NationalityGroup = (typeof nationalityGroups)[number];

export function nationalityGroup(nationalities: readonly string[]): NationalityGroup {
  if (nationalities.includes('SYR')) return 'syrian';
  if (nationalities.includes('IRQ')) return 'iraqi';
  return 'third-country';
}
