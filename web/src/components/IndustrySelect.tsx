import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { api } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';
import type { Industry } from '../types.ts';

let industries: Promise<Industry[]> | null = null;
/** GB/T 4754 industries, fetched once per page load. */
export function loadIndustries(): Promise<Industry[]> {
  industries ??= api.get<{ items: Industry[] }>('/api/reference/industries').then((r) => r.items).catch((e) => { industries = null; throw e; });
  return industries;
}

export function useIndustries(): Industry[] {
  const [items, setItems] = useState<Industry[]>([]);
  useEffect(() => { loadIndustries().then(setItems).catch(() => {}); }, []);
  return items;
}

/** Chooses a 2-digit industry division (the level employers register at). */
export function IndustrySelect({ value, onChange, id }: { value?: string; onChange?: (v: string) => void; id?: string }) {
  const { pick } = useI18n();
  const items = useIndustries().filter((i) => i.code.length === 2);
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      showSearch={{ optionFilterProp: 'label' }}
      options={items.map((i) => ({ value: i.code, label: `${i.sectionCode ?? ''}${i.code} ${pick(i.nameZh, i.nameEn)}` }))}
    />
  );
}

export function IndustryName({ code }: { code: string }) {
  const { pick } = useI18n();
  const found = useIndustries().find((i) => i.code === code);
  return <span title={code}>{found ? `${code} ${pick(found.nameZh, found.nameEn)}` : code}</span>;
}
