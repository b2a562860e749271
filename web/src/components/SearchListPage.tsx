import { useState, type ReactNode } from 'react';
import { Button, Input, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useSearchParams } from 'react-router';
import { usePrefs } from '../prefs.tsx';
import { simplify } from '../lib/columns.ts';
import { useApiGet } from '../lib/hooks.ts';
import { useI18n, type MessageKey } from '../i18n/index.tsx';
import { ProblemAlert } from './ProblemAlert.tsx';
import type { Page } from '../types.ts';

interface Props<T> {
  /** API list endpoint taking q, page and pageSize */
  endpoint: string;
  /** prefix of the page's texts: <name>.title, .searchLabel, .searchPlaceholder, .notFoundInList; also the search box id */
  name: 'person' | 'employer';
  columns: TableColumnsType<T>;
  actions?: ReactNode;
}

/** A registry's search page: a query box, actions, and a paged table; the query and page live in the URL. */
export function SearchListPage<T extends { id: string }>({ endpoint, name, columns, actions }: Props<T>) {
  const { t, fmt } = useI18n();
  const { elderly } = usePrefs();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Number(params.get('page') ?? 1);
  const pageSize = Number(params.get('pageSize') ?? 20);
  const { data, error, loading } = useApiGet<Page<T>>(endpoint, { q: q || undefined, page, pageSize });
  const [text, setText] = useState(q);
  const key = (k: string) => `${name}.${k}` as MessageKey;

  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6em' }}>{t(key('title'))}</Typography.Title>
      <div className="toolbar">
        <form role="search" className="grow" onSubmit={(e) => { e.preventDefault(); setParams({ q: text.trim(), page: '1' }); }}>
          <label htmlFor={`${name}-search`} className="muted" style={{ display: 'block', marginBottom: 4 }}>{t(key('searchLabel'))}</label>
          <Space.Compact style={{ width: '100%', maxWidth: 560 }}>
            <Input id={`${name}-search`} value={text} onChange={(e) => setText(e.target.value)} placeholder={t(key('searchPlaceholder'))} allowClear data-testid={`${name}-search`} />
            <Button type="primary" htmlType="submit">{t('common.search')}</Button>
          </Space.Compact>
        </form>
        <Space wrap style={{ alignSelf: 'flex-end' }}>{actions}</Space>
      </div>
      <ProblemAlert error={error} style={{ marginBottom: 16 }} />
      <Table<T>
        rowKey="id"
        columns={simplify(columns, elderly)}
        dataSource={data?.items ?? []}
        loading={loading}
        locale={{ emptyText: t(key('notFoundInList')) }}
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
