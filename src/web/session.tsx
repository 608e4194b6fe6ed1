// Who is signed in. The session itself is the server's httpOnly cookie; the page only keeps what the
// server says about it (user, role, facilities) and the CSRF token it must send back on every POST.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiError, api, onSignedOut, setCsrfToken } from './api/client.ts';
import type { SessionInfo } from './api/types.ts';

interface SessionState {
  /** undefined while the page asks the server; null when nobody is signed in. */
  user: SessionInfo | null | undefined;
  signIn(username: string, password: string): Promise<void>;
  changePassword(currentPassword: string, newPassword: string): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionInfo | null | undefined>(undefined);
  const adopt = useCallback((info: SessionInfo | null) => {
    setCsrfToken(info?.csrfToken ?? null);
    setUser(info);
  }, []);

  const reload = useCallback(async () => {
    try {
      adopt(await api.get<SessionInfo>('/auth/session'));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) adopt(null);
      else throw error;
    }
  }, [adopt]);

  useEffect(() => {
    onSignedOut(() => adopt(null));
    void reload();
  }, [adopt, reload]);

  const value = useMemo<SessionState>(
    () => ({
      user,
      signIn: async (username, password) =>
        adopt(await api.post<SessionInfo>('/auth/login', { username, password })),
      changePassword: async (currentPassword, newPassword) => {
        await api.post('/auth/password', { currentPassword, newPassword });
        await reload();
      },
      signOut: async () => {
        try {
          await api.post('/auth/logout', {});
        } finally {
          adopt(null);
        }
      },
    }),
    [user, adopt, reload],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in user, for screens that only render once someone is. */
export function useUser(): SessionInfo {
  const { user } = useSession();
  if (!user) throw new Error('useUser with nobody signed in');
  return user;
}
