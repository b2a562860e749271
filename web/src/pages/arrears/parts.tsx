import { Tag } from 'antd';
import { ApiError } from '../../api.ts';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import type { CaseStatus, DeadlineState } from './types.ts';

const STATUS_COLOR: Record<CaseStatus, string> = {
  received: 'blue', accepted: 'cyan', not_accepted: 'default', investigating: 'processing', ordered: 'orange', paid: 'green', not_paid: 'red', closed: 'default',
};
export const CASE_STATUSES = Object.keys(STATUS_COLOR) as CaseStatus[];

export function CaseStatusTag({ status }: { status: CaseStatus }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLOR[status]} data-testid="case-status">{t(`arrears.status.${status}` as MessageKey)}</Tag>;
}

export function DeadlineTag({ state }: { state: DeadlineState }) {
  const { t } = useI18n();
  if (state === 'ok') return <Tag>{t('arrears.deadline.ok')}</Tag>;
  return <Tag color={state === 'overdue' ? 'red' : 'gold'}>{t(`arrears.deadline.${state}` as MessageKey)}</Tag>;
}

/** A complaint with evidence files as multipart (field "clue" holds the JSON), through fetch like the rest of the console. */
export async function postComplaint<T>(clue: unknown, files: File[]): Promise<T> {
  const form = new FormData();
  form.append('clue', JSON.stringify(clue));
  for (const f of files) form.append('evidence', f, f.name);
  const res = await fetch('/api/public/arrears/clues', { method: 'POST', body: form, credentials: 'same-origin', headers: { accept: 'application/json' } });
  const text = await res.text();
  let body: Record<string, unknown> | null = null;
  try { body = text ? JSON.parse(text) : null; } catch { body = null; }
  if (!res.ok) {
    throw new ApiError(res.status, String(body?.code ?? 'BAD_REQUEST'), String(body?.title ?? res.statusText), (body?.fields as never) ?? [], (body?.requestId as string) ?? null, body ?? {});
  }
  return body as T;
}

export const yuanToFen = (yuan: number | string | null | undefined): number => Math.round(Number(yuan ?? 0) * 100);
