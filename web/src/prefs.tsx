import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';

/** The elderly-friendly mode (larger type, higher contrast, simpler layout), remembered in localStorage. */
const ELDERLY_KEY = 'hrss.elderly';

interface Prefs { elderly: boolean; setElderly(on: boolean): void }
const PrefsContext = createContext<Prefs | null>(null);

export function PrefsProvider({ children }: { children: ReactNode }) {
  const [elderly, setState] = useState(() => {
    try { return localStorage.getItem(ELDERLY_KEY) === '1'; } catch { return false; }
  });
  const setElderly = useCallback((on: boolean) => {
    setState(on);
    try { localStorage.setItem(ELDERLY_KEY, on ? '1' : '0'); } catch { /* not remembered */ }
  }, []);
  useEffect(() => { document.body.classList.toggle('elderly', elderly); }, [elderly]);
  return <PrefsContext.Provider value={{ elderly, setElderly }}>{children}</PrefsContext.Provider>;
}

export function usePrefs(): Prefs {
  const v = useContext(PrefsContext);
  if (!v) throw new Error('usePrefs outside PrefsProvider');
  return v;
}
