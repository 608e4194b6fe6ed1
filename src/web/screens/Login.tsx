// Signing in, and replacing a one-time password before anything else (the server allows nothing else).
import { type ReactNode, useState } from 'react';
import { Field, FormError, useSubmit } from '../components/form.tsx';
import { LanguagePicker } from '../components/Layout.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useSession } from '../session.tsx';

function Welcome({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <main className="welcome">
      <header>
        <h1>{t('app.name')}</h1>
        <p className="muted">{t('app.tagline')}</p>
        <LanguagePicker />
      </header>
      {children}
    </main>
  );
}

export function Login() {
  const { t } = useI18n();
  const { signIn } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { error, busy, submit } = useSubmit(() => signIn(username.trim(), password));
  return (
    <Welcome>
      <form className="card" onSubmit={submit} aria-label={t('login.title')}>
        <h2>{t('login.title')}</h2>
        <Field label={t('login.username')} name="username" error={error}>
          <input
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </Field>
        <Field label={t('login.password')} name="password" error={error}>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </Field>
        <FormError error={error} fields={['username', 'password']} />
        <button type="submit" className="primary" disabled={busy}>
          {t('login.submit')}
        </button>
      </form>
    </Welcome>
  );
}

export function ChangePassword() {
  const { t } = useI18n();
  const { changePassword, signOut } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const mismatch = repeat !== '' && next !== repeat;
  const { error, busy, submit } = useSubmit(() => changePassword(current, next));
  return (
    <Welcome>
      <form className="card" onSubmit={submit} aria-label={t('password.title')}>
        <h2>{t('password.title')}</h2>
        <p>{t('password.explain')}</p>
        <Field label={t('password.current')} name="currentPassword" error={error}>
          <input
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            required
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
        </Field>
        <Field label={t('password.new')} name="newPassword" error={error} hint={t('password.hint')}>
          <input
            name="newPassword"
            type="password"
            autoComplete="new-password"
            required
            value={next}
            onChange={(e) => setNext(e.target.value)}
          />
        </Field>
        <div className={mismatch ? 'field invalid' : 'field'}>
          <label>
            <span className="field-label">{t('password.repeat')}</span>
            <input
              name="repeatPassword"
              type="password"
              autoComplete="new-password"
              required
              value={repeat}
              onChange={(e) => setRepeat(e.target.value)}
            />
          </label>
          {mismatch && <p className="field-error">{t('password.mismatch')}</p>}
        </div>
        <FormError error={error} fields={['currentPassword', 'newPassword']} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || mismatch}>
            {t('password.submit')}
          </button>
          <button type="button" onClick={() => void signOut()}>
            {t('nav.signOut')}
          </button>
        </div>
      </form>
    </Welcome>
  );
}
