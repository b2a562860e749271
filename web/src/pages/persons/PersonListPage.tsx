import { useEffect, useState } from 'react';
import { Button, Input, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { usePrefs } from '../../prefs.tsx';
import { simplify } from '../../lib/columns.ts';
import { useI18n } from '../../i18n/index.tsx';
import { RegionName } from '../../regions.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import type { Page, Person } from '../../types.ts';

export function PersonFlags({ p }: { p: Pick<Person, 'migrantWorker' | 'registeredPoor' | 'fisherman'> }) {
  const { t } = useI18n();
  return (
    <Space size={4} wrap>
      {p.migrantWorker && <Tag color="blue">{t('person.migrantWorker')}</Tag>}
      {p.registeredPoor && <Tag color="gold">{t('person.registeredPoor')}</Tag>}
      {p.fisherman && <Tag color="cyan">{t('person.fisherman')}</Tag>}
    </Space>
  );
}

export function IdNumber({ value, masked }: { value: string; masked: boolean }) {
  const { t } = useI18n();
  return <span className="mono" data-testid="id-number">{value}{masked && <Tag style={{ marginInlineStart: 6 }}>{t('person.masked')}</Tag>}</span>;
}

/** Search persons by ID number prefix or name; ID numbers come masked as the API decides. */
export function PersonListPage() {
  const { t, fmt } = useI18n();
  const { elderly } = usePrefs();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Number(params.get('page') ?? 1);
  const pageSize = Number(params.get('pageSize') ?? 20);
  const [data, setData] = useState<Page<Person> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const [text, setText] = useState(q);

  useEffect(() => {
    const ac = new AbortController();
    setLoading(true);
    api.get<Page<Person>>('/api/persons', { q: q || undefined, page, pageSize }, ac.signal)
      .then((r) => { setData(r); setError(null); })
      .catch((e) => { if (e.name !== 'AbortError') setError(e); })
      .finally(() => setLoading(false));
    return () => ac.abort();
  }, [q, page, pageSize]);

  const columns: TableColumnsType<Person> = [
    { title: t('person.idNumber'), dataIndex: 'idNumber', render: (_v, p) => <IdNumber value={p.idNumber} masked={p.idNumberMasked} /> },
    { title: t('person.name'), dataIndex: 'name', render: (_v, p) => <Link to={`/console/persons/${p.id}`}>{p.name}</Link> },
    { title: t('person.sex'), dataIndex: 'sex', render: (v: Person['sex']) => t(`sex.${v}`) },
    { title: t('person.birthDate'), dataIndex: 'birthDate', render: (v: string) => fmt.date(v) },
    { title: t('person.hukouType'), dataIndex: 'hukouType', render: (v: Person['hukouType']) => t(`hukou.${v}`), className: 'hide-in-elderly' },
    { title: t('person.region'), dataIndex: 'regionCode', render: (v: string) => <RegionName code={v} /> },
    { title: t('person.flags'), key: 'flags', render: (_v, p) => <PersonFlags p={p} />, className: 'hide-in-elderly' },
  ];

  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6em' }}>{t('person.title')}</Typography.Title>
      <div className="toolbar">
        <form role="search" className="grow" onSubmit={(e) => { e.preventDefault(); setParams({ q: text.trim(), page: '1' }); }}>
          <label htmlFor="person-search" className="muted" style={{ display: 'block', marginBottom: 4 }}>{t('person.searchLabel')}</label>
          <Space.Compact style={{ width: '100%', maxWidth: 560 }}>
            <Input id="person-search" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('person.searchPlaceholder')} allowClear data-testid="person-search" />
            <Button type="primary" htmlType="submit">{t('common.search')}</Button>
          </Space.Compact>
        </form>
        <Space wrap style={{ alignSelf: 'flex-end' }}>
          {can('person.write') && <Link to="/console/persons/new"><Button type="primary" data-testid="person-new">{t('person.new')}</Button></Link>}
          {can('registry.export') && <Button href="/api/persons/export.csv" download data-testid="person-export">{t('person.export')}</Button>}
        </Space>
      </div>
      <ProblemAlert error={error} style={{ marginBottom: 16 }} />
      <Table<Person>
        rowKey="id"
        columns={simplify(columns, elderly)}
        dataSource={data?.items ?? []}
        loading={loading}
        locale={{ emptyText: t('person.notFoundInList') }}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page, pageSize, total: data?.total ?? 0, showSizeChanger: true,
          showTotal: (n) => t('common.total', { n: fmt.number(n) }),
          onChange: (p, s) => setParams({ q, page: String(p), pageSize: String(s) }),
        }}
      />
    </>
  );
}
