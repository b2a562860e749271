import { useEffect, useState } from 'react';
import { Card, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { api } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { RegionName } from '../../regions.tsx';
import { CaseStatusTag, DeadlineTag } from './parts.tsx';
import type { BoardItem } from './types.ts';

/** Cases under supervision in the user's region, soonest deadline first. */
export function SupervisionBoardPage() {
  const { t, fmt } = useI18n();
  const [items, setItems] = useState<BoardItem[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const ac = new AbortController();
    api.get<{ items: BoardItem[] }>('/api/arrears/supervision', undefined, ac.signal).then((r) => setItems(r.items)).catch((e) => { if (e.name !== 'AbortError') setError(e); });
    return () => ac.abort();
  }, []);
  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6em' }}>{t('arrears.board.title')}</Typography.Title>
      <ProblemAlert error={error} style={{ marginBottom: 16 }} />
      <Card styles={{ body: { padding: 0 } }}>
        <Table<BoardItem> rowKey="caseId" dataSource={items ?? []} loading={!items && !error} pagination={{ pageSize: 50 }} scroll={{ x: 'max-content' }} locale={{ emptyText: t('common.noData') }} data-testid="board-table"
          columns={[
            { title: t('arrears.col.caseNo'), dataIndex: 'caseNo', render: (v: string, r) => <Link to={`/console/arrears/cases/${r.caseId}`}>{v}</Link> },
            { title: t('arrears.col.employer'), dataIndex: 'employerName' },
            { title: t('arrears.col.office'), dataIndex: 'officeName' },
            { title: t('arrears.col.status'), dataIndex: 'status', render: (v: BoardItem['status']) => <CaseStatusTag status={v} /> },
            { title: t('arrears.board.supervisor'), dataIndex: 'supervisorRegion', render: (v: string) => <RegionName code={v} /> },
            { title: t('arrears.board.openedOn'), dataIndex: 'openedOn', render: (v: string) => fmt.date(v) },
            { title: t('arrears.board.deadline'), dataIndex: 'deadline', render: (v: string) => fmt.date(v) },
            { title: t('arrears.board.daysLeft'), dataIndex: 'workingDaysLeft', align: 'right', render: (v: number | null) => (v === null ? '—' : fmt.number(v)) },
            { title: t('arrears.col.deadline'), dataIndex: 'deadlineState', render: (v: BoardItem['deadlineState']) => <DeadlineTag state={v} /> },
            { title: t('arrears.col.amount'), dataIndex: 'amountOwedFen', align: 'right', render: (v: number) => fmt.fen(v) },
          ]} />
      </Card>
    </>
  );
}
