// The one way the web app talks to the server: JSON over /api/v1 with the session cookie, the CSRF
// token on every POST, and problem+json errors turned into ApiError with their field errors.

export const API = '/api/v1';

export interface FieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** The problem's stable code, e.g. `custody.transition-refused`; `network` when no answer came. */
    readonly code: string,
    detail: string,
    readonly errors: FieldError[] = [],
  ) {
    super(detail);
    this.name = 'ApiError';
  }

  /** The messages for one input field (`field` or a path under it, e.g. `identity.sex`). */
  forField(field: string): string[] {
    return this.errors
      .filter((e) => e.field === field || e.field.startsWith(`${field}.`))
      .map((e) => e.message);
  }
}

let csrfToken: string | null = null;
let signedOut: () => void = () => {};

/** Set by the session on sign-in and reload; POSTs send it back in X-CSRF-Token. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the server answers 401: the session ended (idle, expired, signed out elsewhere). */
export function onSignedOut(handler: () => void): void {
  signedOut = handler;
}

async function request<T>(method: 'GET' | 'POST', path: string, body?: unknown, headers = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(API + path, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(method === 'POST' && csrfToken ? { 'x-csrf-token': csrfToken } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'The server could not be reached');
  }
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (response.ok) return json as T;
  const problem = (json ?? {}) as { code?: string; detail?: string; errors?: FieldError[] };
  const error = new ApiError(
    response.status,
    problem.code ?? `http.${response.status}`,
    problem.detail ?? response.statusText,
    problem.errors ?? [],
  );
  // Signing in with a wrong password is also a 401, but there is no session to end then.
  if (response.status === 401 && !path.startsWith('/auth/login')) signedOut();
  throw error;
}

/** Query parameters without the empty ones. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  /** `idempotencyKey`: a retry of the same submission is answered once, never recorded twice. */
  post: <T>(path: string, body: unknown, idempotencyKey?: string) =>
    request<T>('POST', path, body, idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
};
