import { useEffect, useState } from 'react';
import { Button, Input, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { usePrefs } from '../../prefs.tsx';
import { simplify } from '../../lib/columns.ts';
import { useI18n } from '../../i18n/index.tsx';
import { RegionName } from '../../regions.tsx';
import { IndustryName } from '../../components/IndustrySelect.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import type { Employer, Page } from '../../types.ts';

/** Search employers by credit code prefix or name. */
export function EmployerListPage() {
  const { t, fmt } = useI18n();
  const { elderly } = usePrefs();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Number(params.get('page') ?? 1);
  const pageSize = Number(params.get('pageSize') ?? 20);
  const [data, setData] = useState<Page<Employer> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const [text, setText] = useState(q);

  useEffect(() => {
    const ac = new AbortController();
    setLoading(true);
    api.get<Page<Employer>>('/api/employers', { q: q || undefined, page, pageSize }, ac.signal)
      .then((r) => { setData(r); setError(null); })
      .catch((e) => { if (e.name !== 'AbortError') setError(e); })
      .finally(() => setLoading(false));
    return () => ac.abort();
  }, [q, page, pageSize]);

  const columns: TableColumnsType<Employer> = [
    { title: t('employer.creditCode'), dataIndex: 'creditCode', render: (v: string) => <span className="mono">{v}</span> },
    { title: t('employer.name'), dataIndex: 'name', render: (v: string, e) => <Link to={`/console/employers/${e.id}`}>{v}</Link> },
    { title: t('employer.region'), dataIndex: 'regionCode', render: (v: string) => <RegionName code={v} /> },
    { title: t('employer.industry'), dataIndex: 'industryCode', render: (v: string) => <IndustryName code={v} />, className: 'hide-in-elderly' },
    { title: t('employer.sizeClass'), dataIndex: 'sizeClass', render: (v: Employer['sizeClass']) => t(`size.${v}`), className: 'hide-in-elderly' },
    { title: t('employer.ownership'), dataIndex: 'ownership', render: (v: Employer['ownership']) => t(`ownership.${v}`), className: 'hide-in-elderly' },
  ];

  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6em' }}>{t('employer.title')}</Typography.Title>
      <div className="toolbar">
        <form role="search" className="grow" onSubmit={(e) => { e.preventDefault(); setParams({ q: text.trim(), page: '1' }); }}>
          <label htmlFor="employer-search" className="muted" style={{ display: 'block', marginBottom: 4 }}>{t('employer.searchLabel')}</label>
          <Space.Compact style={{ width: '100%', maxWidth: 560 }}>
            <Input id="employer-search" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('employer.searchPlaceholder')} allowClear />
            <Button type="primary" htmlType="submit">{t('common.search')}</Button>
          </Space.Compact>
        </form>
        <Space wrap style={{ alignSelf: 'flex-end' }}>
          {can('employer.write') && <Link to="/console/employers/new"><Button type="primary" data-testid="employer-new">{t('employer.new')}</Button></Link>}
          {can('registry.export') && <Button href="/api/employers/export.csv" download data-testid="employer-export">{t('employer.export')}</Button>}
        </Space>
      </div>
      <ProblemAlert error={error} style={{ marginBottom: 16 }} />
      <Table<Employer>
        rowKey="id"
        columns={simplify(columns, elderly)}
        dataSource={data?.items ?? []}
        loading={loading}
        locale={{ emptyText: t('employer.notFoundInList') }}
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
