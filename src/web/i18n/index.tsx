// Languages: English, Arabic (right to left) and Kurmanji. The choice is kept in localStorage and set
// on <html lang dir>, so the whole page, native controls included, turns with it.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { Count } from '../api/types.ts';
import { ar } from './ar.ts';
import { en, type MessageKey, type Messages } from './en.ts';
import { ku } from './ku.ts';

export const languages = {
  en: { name: 'English', dir: 'ltr', locale: 'en-GB', messages: en },
  ar: { name: 'العربية', dir: 'rtl', locale: 'ar-SY', messages: ar },
  ku: { name: 'Kurmancî', dir: 'ltr', locale: 'ku', messages: ku },
} as const satisfies Record<string, { name: string; dir: 'ltr' | 'rtl'; locale: string; messages: Messages }>;
export type Language = keyof typeof languages;

const STORAGE_KEY = 'custodian.language';

function storedLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  return stored !== null && stored in languages ? (stored as Language) : 'en';
}

export interface I18n {
  language: Language;
  setLanguage(language: Language): void;
  /** The message for `key`, with `{name}` placeholders filled from `values`. */
  t(key: MessageKey, values?: Record<string, string | number>): string;
  /** A count as the API gives it: a number in the language's digits, or the words for a hidden one. */
  count(value: Count): string;
  /** A day (YYYY-MM-DD or an instant), in UTC like every time the register keeps. */
  date(value: string): string;
  /** An instant, to the minute, in UTC. */
  dateTime(value: string): string;
  /** A facility's name in the language shown (facilities are named in English and Arabic). */
  facilityName(facility: { nameEn: string; nameAr: string }): string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(storedLanguage);
  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLanguageState(next);
  }, []);

  useEffect(() => {
    document.documentElement.lang = language;
    document.documentElement.dir = languages[language].dir;
  }, [language]);

  const value = useMemo<I18n>(() => {
    const { messages, locale } = languages[language];
    const numbers = new Intl.NumberFormat(locale);
    const days = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    const minutes = new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'UTC',
      hourCycle: 'h23',
    });
    const t = (key: MessageKey, values?: Record<string, string | number>) =>
      messages[key].replace(/\{(\w+)\}/g, (_, name: string) => {
        const v = values?.[name];
        return v === undefined ? `{${name}}` : typeof v === 'number' ? numbers.format(v) : v;
      });
    return {
      language,
      setLanguage,
      t,
      count: (value) =>
        value === '<5'
          ? t('count.small')
          : value === 'suppressed'
            ? t('count.suppressed')
            : numbers.format(value),
      date: (value) => days.format(new Date(value.length === 10 ? `${value}T00:00:00Z` : value)),
      dateTime: (value) => `${minutes.format(new Date(value))} UTC`,
      facilityName: (f) => (language === 'ar' ? f.nameAr : f.nameEn),
    };
  }, [language, setLanguage]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (i18n === null) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
