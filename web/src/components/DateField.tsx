import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { latestEventDate } from '../i18n/format.ts';

/** A calendar date as the API wants it ('YYYY-MM-DD'); days after today are disabled. */
export function DateField({ value, onChange, id, allowFuture }: { value?: string; onChange?: (v: string | undefined) => void; id?: string; allowFuture?: boolean }) {
  const latest = latestEventDate();
  return (
    <DatePicker
      id={id}
      value={value ? dayjs(value) : null}
      format="YYYY-MM-DD"
      onChange={(d: Dayjs | null) => onChange?.(d ? d.format('YYYY-MM-DD') : undefined)}
      disabledDate={allowFuture ? undefined : (d) => d.format('YYYY-MM-DD') > latest}
      style={{ width: '100%' }}
    />
  );
}
