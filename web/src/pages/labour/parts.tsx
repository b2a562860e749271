import { Table, Tag } from 'antd';
import { useI18n } from '../../i18n/index.tsx';
import { farFromHistory, warningsByValue } from '../../lib/labour.ts';
import type { FieldNote, LabourReportDetail, ReportStatus } from '../../types.ts';

const STATUS_COLOR: Record<ReportStatus | 'missing', string> = {
  draft: 'default', submitted: 'processing', accepted: 'success', returned: 'warning', locked: 'purple', missing: 'error',
};

export function ReportStatusTag({ status }: { status: ReportStatus | 'missing' }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLOR[status]} data-testid="report-status">{t(`labour.status.${status}`)}</Tag>;
}

/** The API's warning about a line, in the user's language when it is one the console knows. */
export function useWarningText() {
  const { t } = useI18n();
  return (w: FieldNote) => {
    const far = farFromHistory(w.message);
    if (!far) return w.message;
    return t(w.code === 'FAR_FROM_HISTORY_COMMENTED' ? 'labour.warn.farCommented' : 'labour.warn.far', far);
  };
}

/** A report's lines, read only (a submitted, accepted or locked report; the reviewer's view). */
export function ReportLinesTable({ report }: { report: LabourReportDetail }) {
  const { t, fmt } = useI18n();
  const warningText = useWarningText();
  // Warnings name lines in the order they were sent; the lines come back in code order.
  const byLine = warningsByValue(report);
  const warningsOf = (i: number) => byLine.filter((w) => w.occupation === report.lines[i].occupationCode);
  return (
    <Table rowKey="occupationCode" size="small" pagination={report.lines.length > 50 ? { pageSize: 50 } : false} dataSource={report.lines.map((l, i) => ({ ...l, i }))}
      scroll={{ x: 'max-content' }} locale={{ emptyText: t('common.noData') }} data-testid="report-lines"
      columns={[
        { title: '#', dataIndex: 'i', width: 48, render: (i: number) => i + 1 },
        { title: t('labour.occupation'), dataIndex: 'nameZh', render: (v: string, l) => <><span>{v}</span> <span className="mono muted">{l.occupationCode}</span></> },
        { title: t('labour.demand'), dataIndex: 'demand', align: 'right', render: (v: number) => fmt.number(v) },
        { title: t('labour.seekers'), dataIndex: 'seekers', align: 'right', render: (v: number) => fmt.number(v) },
        { title: t('labour.gap'), dataIndex: 'gap', align: 'right', render: (v: number) => fmt.number(v) },
        { title: t('labour.comment'), dataIndex: 'comment', render: (v: string | null, l) => (
          <>
            {warningsOf(l.i).map((w) => <div key={w.field} className="cell-warning">{warningText(w)}</div>)}
            {v ?? (warningsOf(l.i).length ? null : '—')}
          </>
        ) },
      ]} />
  );
}

const ACTIONS = ['save', 'submit', 'accept', 'return'] as const;

/** Every save, submission, return and acceptance, with who, when, the figures and the comment. */
export function ReportHistory({ report }: { report: LabourReportDetail }) {
  const { t, fmt } = useI18n();
  return (
    <Table rowKey="seq" size="small" pagination={false} dataSource={[...report.history].reverse()} scroll={{ x: 'max-content' }} data-testid="report-history"
      locale={{ emptyText: t('common.noData') }}
      columns={[
        { title: t('labour.history.at'), dataIndex: 'at', render: (v: string) => fmt.dateTime(v) },
        { title: t('labour.history.action'), dataIndex: 'action', render: (v: string) => ((ACTIONS as readonly string[]).includes(v) ? t(`labour.action.${v as typeof ACTIONS[number]}`) : v) },
        { title: t('labour.history.status'), dataIndex: 'status', render: (v: ReportStatus) => <ReportStatusTag status={v} /> },
        { title: t('labour.history.actor'), dataIndex: 'actor' },
        { title: t('labour.history.figures'), key: 'figures', render: (_v, h) => (h.totals ? t('labour.history.figuresText', { demand: fmt.number(h.totals.demand), seekers: fmt.number(h.totals.seekers), lines: h.lines ?? 0 }) : '—') },
        { title: t('labour.comment'), dataIndex: 'comment', render: (v: string | null) => v ?? '—' },
      ]} />
  );
}
