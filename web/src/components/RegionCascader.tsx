import { useEffect, useMemo, useState } from 'react';
import { Cascader } from 'antd';
import { useI18n } from '../i18n/index.tsx';
import { knownChildren, loadBaseDivisions, loadChildren, provinces } from '../regions.tsx';
import type { Division } from '../types.ts';

interface Option { value: string; label: string; isLeaf?: boolean; children?: Option[] }

/** The codes from province down to `code`: 440305 → [440000, 440300, 440305]. */
export function pathCodes(code: string): string[] {
  if (!/^\d{6}$/.test(code) || code === '000000') return [];
  const out = [`${code.slice(0, 2)}0000`];
  if (code.slice(2, 4) !== '00') out.push(`${code.slice(0, 4)}00`);
  if (code.slice(4) !== '00') out.push(code);
  return out;
}

/**
 * Chooses a GB/T 2260 division (province, prefecture or county) within the user's scope;
 * the form value is the 6-digit code of the deepest level chosen.
 */
export function RegionCascader({ value, onChange, scope = '000000', id, disabled, 'aria-invalid': invalid }: {
  value?: string; onChange?: (code: string | undefined) => void; scope?: string; id?: string; disabled?: boolean; 'aria-invalid'?: boolean | 'true' | 'false';
}) {
  const { t, pick } = useI18n();
  const [version, setVersion] = useState(0); // bumps when divisions arrive
  const scopePath = useMemo(() => pathCodes(scope), [scope]);

  useEffect(() => {
    let live = true;
    const wanted = [...new Set([...scopePath, ...pathCodes(value ?? '')])].filter((c) => c.endsWith('00') && !c.endsWith('0000'));
    loadBaseDivisions()
      .then(() => Promise.all(wanted.map((c) => loadChildren(c).catch(() => []))))
      .then(() => { if (live) setVersion((v) => v + 1); })
      .catch(() => {});
    return () => { live = false; };
  }, [scopePath, value]);

  const options = useMemo(() => {
    const toOption = (d: Division, depth: number): Option => {
      const kids = depth < 2 ? knownChildren(d.code) : undefined;
      return {
        value: d.code,
        label: pick(d.nameZh, d.nameEn),
        isLeaf: depth >= 2 || (kids !== undefined && kids.length === 0),
        children: kids?.filter((k) => !scopePath[depth + 1] || k.code === scopePath[depth + 1]).map((k) => toOption(k, depth + 1)),
      };
    };
    return provinces().filter((p) => !scopePath[0] || p.code === scopePath[0]).map((p) => toOption(p, 0));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version, scopePath, pick]);

  return (
    <Cascader
      id={id}
      aria-invalid={invalid}
      disabled={disabled}
      options={options}
      value={value ? pathCodes(value) : undefined}
      changeOnSelect
      showSearch={{ filter: (input, path) => path.some((o) => String(o.label).toLowerCase().includes(input.toLowerCase())) }}
      placeholder={t('region.placeholder')}
      loadData={(selected) => {
        const last = selected[selected.length - 1] as Option;
        if (knownChildren(last.value)) return;
        loadChildren(last.value).then(() => setVersion((v) => v + 1)).catch(() => {});
      }}
      onChange={(path) => onChange?.(path && path.length ? String(path[path.length - 1]) : undefined)}
      style={{ width: '100%' }}
    />
  );
}
