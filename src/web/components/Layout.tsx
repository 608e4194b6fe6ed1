// The frame of every screen: the header with the user and language, and the navigation the user's role
// has use for. On a phone the navigation is a bar at the bottom, within reach of a thumb.
import type { ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import type { MessageKey } from '../i18n/en.ts';
import { type Language, languages, useI18n } from '../i18n/index.tsx';
import {
  protectsChildren,
  readsBirthRegistrations,
  readsCases,
  readsChildAlerts,
  readsCounts,
  readsPersons,
  reviewsDuplicates,
  scansCards,
} from '../policy.ts';
import { useSession, useUser } from '../session.tsx';

export function LanguagePicker() {
  const { language, setLanguage, t } = useI18n();
  return (
    <label className="language">
      <span className="visually-hidden">{t('common.language')}</span>
      <select
        name="language"
        value={language}
        onChange={(e) => setLanguage(e.target.value as Language)}
        aria-label={t('common.language')}
      >
        {Object.entries(languages).map(([code, { name }]) => (
          <option key={code} value={code} lang={code}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}

interface NavItem {
  href: string;
  label: MessageKey;
  /** Also current on paths under these. */
  under?: string[];
}

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const user = useUser();
  const { signOut } = useSession();
  const [location] = useLocation();
  // The children's screens open on the first the role may read: alerts, child cases, birth registrations.
  const childrenHome = readsChildAlerts(user.role)
    ? '/children'
    : protectsChildren(user.role)
      ? '/child-cases'
      : readsBirthRegistrations(user.role)
        ? '/birth-registrations'
        : '';
  const items = (
    [
      { href: '/', label: 'nav.dashboard' },
      { href: '/registry', label: 'nav.registry', under: ['/persons/'] },
      { href: '/counts', label: 'nav.counts', under: ['/headcounts/'] },
      { href: '/duplicates', label: 'nav.duplicates' },
      { href: '/facilities', label: 'nav.facilities', under: ['/facilities/'] },
      { href: '/scan', label: 'nav.scan' },
      { href: '/incidents', label: 'nav.incidents', under: ['/incidents/', '/at-large'] },
      { href: '/map', label: 'nav.map' },
      { href: '/cases', label: 'nav.cases', under: ['/cases/'] },
      {
        href: childrenHome,
        label: 'nav.children',
        under: ['/children', '/child-cases', '/birth-registrations'],
      },
    ] satisfies NavItem[] as NavItem[]
  ).filter(
    (item) =>
      (!['/registry', '/incidents', '/map'].includes(item.href) || readsPersons(user.role)) &&
      (item.href !== '/scan' || scansCards(user.role)) &&
      (item.href !== '/counts' || readsCounts(user.role)) &&
      (item.href !== '/duplicates' || reviewsDuplicates(user.role)) &&
      (item.href !== '/cases' || readsCases(user.role)) &&
      (item.label !== 'nav.children' || childrenHome !== ''),
  );
  const current = (item: NavItem) =>
    location === item.href || (item.under ?? []).some((prefix) => location.startsWith(prefix));
  return (
    <div className="layout">
      <header className="topbar">
        <Link href="/" className="brand">
          {t('app.name')}
        </Link>
        <span className="who" data-testid="who">
          {user.username} · {t(`role.${user.role}`)}
        </span>
        <LanguagePicker />
        <button type="button" className="link" onClick={() => void signOut()}>
          {t('nav.signOut')}
        </button>
      </header>
      <nav className="mainnav" aria-label={t('nav.label')}>
        {items.map((item) => (
          <Link key={item.href} href={item.href} aria-current={current(item) ? 'page' : undefined}>
            {t(item.label)}
          </Link>
        ))}
      </nav>
      <main className="content">{children}</main>
    </div>
  );
}
