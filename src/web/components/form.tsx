// Form pieces that show the API's answer where it belongs: each field error beside its field, the
// rest (and the problem's detail) above the buttons.
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { ApiError } from '../api/client.ts';
import type { MessageKey } from '../i18n/en.ts';
import { useI18n } from '../i18n/index.tsx';

/** Problems a user meets often, said in their language; the others keep the server's (English) detail. */
const translated: Record<string, MessageKey> = {
  network: 'error.network',
  'auth.failed': 'error.signInFailed',
  'auth.locked': 'error.locked',
  'rate.limited': 'error.rateLimited',
};

/** The text of a problem, in the user's language when it is a common one. */
export function useProblemText(): (error: ApiError) => string {
  const { t } = useI18n();
  return (error) => {
    const key = translated[error.code];
    return key ? t(key) : error.message;
  };
}

export function Field({
  label,
  name,
  error,
  hint,
  children,
}: {
  label: string;
  /** The field's name in the request body, as the API names it in its errors. */
  name: string;
  error: ApiError | undefined;
  hint?: string;
  children: ReactNode;
}) {
  const messages = error?.forField(name) ?? [];
  return (
    <div className={messages.length > 0 ? 'field invalid' : 'field'} data-field={name}>
      {/* biome-ignore lint/a11y/noLabelWithoutControl: the control is `children`, inside the label */}
      <label>
        <span className="field-label">{label}</span>
        {children}
      </label>
      {hint && <p className="hint">{hint}</p>}
      {messages.map((m) => (
        <p key={m} className="field-error" role="alert">
          {m}
        </p>
      ))}
    </div>
  );
}

/** The problem's detail and the field errors no field of this form shows. */
export function FormError({ error, fields }: { error: ApiError | undefined; fields: readonly string[] }) {
  const text = useProblemText();
  if (error === undefined) return null;
  const shown = (field: string) => fields.some((f) => field === f || field.startsWith(`${f}.`));
  const others = error.errors.filter((e) => !shown(e.field));
  return (
    <div className="form-error" role="alert">
      <p>{text(error)}</p>
      {others.map((e) => (
        <p key={`${e.field}:${e.message}`}>
          {e.field}: {e.message}
        </p>
      ))}
    </div>
  );
}

/** What a screen shows while its data is on the way, or when reading it failed. */
export function Loading({ error }: { error?: ApiError | undefined }) {
  const { t } = useI18n();
  const text = useProblemText();
  if (error) {
    return (
      <p className="form-error" role="alert">
        {error.status === 404 ? t('error.notFound') : text(error)}
      </p>
    );
  }
  return (
    <p className="loading" aria-busy="true">
      {t('common.loading')}
    </p>
  );
}

/** A form's submission: busy while it runs, and the API's refusal to show if it fails. */
export function useSubmit(action: () => Promise<void>) {
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, submit };
}

/** A value as it stands once typing pauses: a search asks the server (and the audit log records it) once, not per key. */
export function useSettled<T>(value: T, ms = 250): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
