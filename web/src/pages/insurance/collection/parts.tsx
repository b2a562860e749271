import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { api } from '../../../api.ts';
import { useI18n, type MessageKey } from '../../../i18n/index.tsx';
import type { Page } from '../../../types.ts';

export const schemeKey = (s: string) => `collection.scheme.${s}` as MessageKey;

/** Searches employers or persons of the caller's region (GET /api/employers, /api/persons) and picks one by id. */
export function RecordPicker({ kind, value, onChange, id, placeholder }: { kind: 'employer' | 'person'; value?: string; onChange?: (v: string) => void; id?: string; placeholder?: string }) {
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const [loading, setLoading] = useState(false);
  const search = (q: string) => {
    setLoading(true);
    const path = kind === 'employer' ? '/api/employers' : '/api/persons';
    api.get<Page<{ id: string; name: string; creditCode?: string; idNumber?: string }>>(path, { q: q.trim() || undefined, pageSize: 20 })
      .then((r) => setOptions(r.items.map((e) => ({ value: e.id, label: `${e.name}（${e.creditCode ?? e.idNumber ?? ''}）` }))))
      .catch(() => setOptions([]))
      .finally(() => setLoading(false));
  };
  useEffect(() => { search(''); }, [kind]); // eslint-disable-line react-hooks/exhaustive-deps
  return <Select id={id} value={value} onChange={onChange} showSearch={{ filterOption: false, onSearch: search }} loading={loading} options={options}
    placeholder={placeholder} style={{ minWidth: 320 }} data-testid={`${kind}-picker`} />;
}

/** A fen amount right-aligned in tables. */
export function Money({ fen }: { fen: number }) {
  const { fmt } = useI18n();
  return <span className="mono" style={{ whiteSpace: 'nowrap' }}>{fmt.fen(fen)}</span>;
}
