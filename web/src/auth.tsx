import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, request, setCsrfToken, setSessionGoneHandler } from './api.ts';
import type { Action, Me, MeAnswer } from './types.ts';

export type AuthNotice = 'expired' | 'loggedOut' | null;

interface Auth {
  me: Me | null;
  /** false until the first /api/auth/me has answered */
  ready: boolean;
  notice: AuthNotice;
  can(action: Action): boolean;
  login(username: string, password: string): Promise<Me>;
  logout(): Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMeState] = useState<Me | null>(null);
  const [ready, setReady] = useState(false);
  const [notice, setNotice] = useState<AuthNotice>(null);
  const loggedOut = useRef(false);
  const navigate = useNavigate();

  const setMe = useCallback((m: Me | null) => {
    setMeState(m);
    setCsrfToken(m?.csrfToken ?? null);
  }, []);

  // After a reload the cookie may still hold a session: /me returns it with its CSRF token.
  useEffect(() => {
    request<MeAnswer>('GET', '/api/auth/me', { anonymousOk: true })
      .then((m) => {
        if (m.user) setMe(m as Me);
        else if (m.sessionExpired) setNotice('expired');
      })
      .catch((e) => { if (e instanceof ApiError && e.code === 'SESSION_EXPIRED') setNotice('expired'); })
      .finally(() => setReady(true));
  }, [setMe]);

  // Any later 401 that says the session is gone sends the user to the login page, then back.
  useEffect(() => {
    setSessionGoneHandler(() => {
      // A request that was in flight when the user logged out comes back 401: not an expiry.
      if (loggedOut.current) return;
      setMe(null);
      setNotice('expired');
      const from = window.location.pathname + window.location.search;
      navigate('/login', { replace: true, state: { from: from.startsWith('/login') ? '/console' : from } });
    });
    return () => setSessionGoneHandler(null);
  }, [navigate, setMe]);

  const value = useMemo<Auth>(() => ({
    me, ready, notice,
    can: (action) => !!me?.actions.includes(action),
    async login(username, password) {
      const m = await request<Me>('POST', '/api/auth/login', { body: { username, password }, anonymousOk: true });
      setMe(m);
      setNotice(null);
      loggedOut.current = false;
      return m;
    },
    async logout() {
      loggedOut.current = true;
      try { await request('POST', '/api/auth/logout', { body: {}, anonymousOk: true }); } catch { /* the session may be gone already */ }
      setMe(null);
      setNotice('loggedOut');
    },
  }), [me, ready, notice, setMe]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}
