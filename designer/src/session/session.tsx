// Who is signed in, for every page: loaded once from GET /api/me (which also returns the CSRF
// token the API wants back on writes), replaced on sign-in, cleared on sign-out or when the
// API says the session is gone. Pages read it with `useSession()`.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, onSessionLost, setCsrfToken, unwrap, type Schemas } from '../api/client';

export type Me = Schemas['Me'];

interface SessionValue {
  me: Me | null;
  /** True until the first GET /api/me has answered. */
  loading: boolean;
  signIn(email: string, password: string): Promise<Me>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);

  const accept = useCallback((next: Me | null) => {
    setCsrfToken(next?.csrf_token ?? null);
    setMe(next);
  }, []);

  useEffect(() => {
    onSessionLost(() => accept(null));
    api.GET('/api/me').then(
      ({ data }) => accept(data ?? null),
      () => accept(null),
    ).finally(() => setLoading(false));
  }, [accept]);

  const signIn = useCallback(async (email: string, password: string) => {
    const next = await unwrap(api.POST('/api/auth/login', { body: { email, password } }));
    accept(next);
    return next;
  }, [accept]);

  const signOut = useCallback(async () => {
    await api.POST('/api/auth/logout').catch(() => undefined);
    accept(null);
  }, [accept]);

  const value = useMemo(() => ({ me, loading, signIn, signOut }), [me, loading, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in person; only for pages behind `RequireSession`. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe without a session');
  return me;
}
