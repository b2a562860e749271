import { useEffect, useState } from 'react';
import { api } from './api.ts';
import { useI18n } from './i18n/index.tsx';
import type { Division } from './types.ts';

/**
 * GB/T 2260 divisions, fetched once per page load: provinces and prefectures up front (a few
 * hundred), counties per prefecture when needed.
 */
const byCode = new Map<string, Division>();
const childrenOf = new Map<string, Division[]>();
let base: Promise<void> | null = null;
const childLoads = new Map<string, Promise<Division[]>>();

function remember(items: Division[]) {
  for (const d of items) byCode.set(d.code, d);
}

export function loadBaseDivisions(): Promise<void> {
  base ??= Promise.all([
    api.get<{ items: Division[] }>('/api/reference/divisions', { level: 'province' }),
    api.get<{ items: Division[] }>('/api/reference/divisions', { level: 'prefecture' }),
  ]).then(([p, c]) => {
    remember(p.items);
    remember(c.items);
    childrenOf.set('', p.items);
    for (const d of c.items) if (d.parentCode) childrenOf.set(d.parentCode, [...(childrenOf.get(d.parentCode) ?? []), d]);
  }).catch((e) => { base = null; throw e; });
  return base;
}

export function loadChildren(parent: string): Promise<Division[]> {
  let p = childLoads.get(parent);
  if (!p) {
    p = api.get<{ items: Division[] }>('/api/reference/divisions', { parent }).then((r) => {
      remember(r.items);
      childrenOf.set(parent, r.items);
      return r.items;
    }).catch((e) => { childLoads.delete(parent); throw e; });
    childLoads.set(parent, p);
  }
  return p;
}

export const provinces = (): Division[] => childrenOf.get('') ?? [];
export const knownChildren = (parent: string): Division[] | undefined => childrenOf.get(parent);
export const division = (code: string): Division | undefined => byCode.get(code);

/** The chain province → prefecture → county for a code, loading what is missing. */
export async function divisionPath(code: string): Promise<Division[]> {
  if (code === '000000') return [];
  await loadBaseDivisions();
  if (!byCode.has(code)) {
    const parent = byCode.get(`${code.slice(0, 4)}00`) ? `${code.slice(0, 4)}00` : null;
    if (parent) await loadChildren(parent).catch(() => []);
  }
  const path: Division[] = [];
  // Counties are not all in the reference data: fall back to the prefecture or province.
  let d = byCode.get(code) ?? byCode.get(`${code.slice(0, 4)}00`) ?? byCode.get(`${code.slice(0, 2)}0000`);
  while (d) {
    path.unshift(d);
    d = d.parentCode ? byCode.get(d.parentCode) : undefined;
  }
  return path;
}

export function useDivisionPath(code: string | null | undefined): Division[] | null {
  const [path, setPath] = useState<Division[] | null>(() => (code === '000000' ? [] : null));
  useEffect(() => {
    let live = true;
    if (!code) { setPath(null); return; }
    divisionPath(code).then((p) => { if (live) setPath(p); }).catch(() => { if (live) setPath(null); });
    return () => { live = false; };
  }, [code]);
  return path;
}

/** A region's name in the current language: 全国, 广东省, 广东省 深圳市 南山区. */
export function RegionName({ code, short }: { code: string | null | undefined; short?: boolean }) {
  const { t, pick, locale } = useI18n();
  const path = useDivisionPath(code);
  if (!code) return <>—</>;
  if (code === '000000') return <>{t('region.national')}</>;
  if (!path || path.length === 0) return <span title={code}>{code}</span>;
  const names = path.map((d) => pick(d.nameZh, d.nameEn));
  const shown = short ? names[names.length - 1] : locale === 'zh-CN' ? names.join('') : [...names].reverse().join(', ');
  return <span title={code}>{shown}</span>;
}
