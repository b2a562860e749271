import { useCallback, useEffect, useState } from 'react';
import { App } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { api, type Query } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';
import type { Me } from '../types.ts';

/** GET a JSON resource and keep it: reloads when the path or query change; `reload` after a change. */
export function useApiGet<T>(path: string | null, query?: Query) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const [version, setVersion] = useState(0);
  const key = JSON.stringify(query ?? {});
  useEffect(() => {
    if (!path) return;
    const ac = new AbortController();
    setLoading(true);
    api.get<T>(path, JSON.parse(key) as Query, ac.signal)
      .then((r) => { setData(r); setError(null); })
      .catch((e: unknown) => { if ((e as Error).name !== 'AbortError') setError(e); })
      .finally(() => setLoading(false));
    return () => ac.abort();
  }, [path, key, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, loading, reload };
}

export type Flash = 'saved' | 'created';

/** Shows, once, the message a form handed over when it navigated here after saving (`state.flash`). */
export function useFlash() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const location = useLocation();
  const navigate = useNavigate();
  useEffect(() => {
    const flash = (location.state as { flash?: Flash } | null)?.flash;
    if (flash) {
      message.success(flash === 'created' ? t('common.created') : t('common.saved'));
      navigate(location.pathname, { replace: true, state: null });
    }
  }, [location, message, navigate, t]);
}

/** Where a new record starts: a city (or county) officer registers in their own area. */
export function defaultRegion(me: Me | null): string | undefined {
  return me && me.user.regionCode !== '000000' && !me.user.regionCode.endsWith('0000') ? me.user.regionCode : undefined;
}
