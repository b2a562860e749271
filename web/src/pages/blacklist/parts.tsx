import { Tag } from 'antd';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import type { EntryStatus, ListedPerson } from './types.ts';

const STATUS_COLOR: Record<EntryStatus, string> = {
  proposed: 'blue', noticed: 'geekblue', not_listed: 'default', decided: 'purple', published: 'red', extended: 'volcano', expired: 'default', removed: 'green',
};

export function StatusTag({ status }: { status: EntryStatus }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLOR[status]}>{t(`blacklist.status.${status}` as MessageKey)}</Tag>;
}

export function RegimeTag({ regime }: { regime: string }) {
  const { t } = useI18n();
  const key = `blacklist.regime.${regime}` as MessageKey;
  return <Tag>{t(key) === key ? regime : t(key)}</Tag>;
}

export function PersonsList({ persons }: { persons: ListedPerson[] }) {
  const { t } = useI18n();
  return (
    <ul style={{ margin: 0, paddingInlineStart: 16 }}>
      {persons.map((p, i) => (
        <li key={i}>{t(`blacklist.role.${p.role}` as MessageKey)}：{p.name}{p.idNumber && <span className="mono muted"> {p.idNumber}</span>}</li>
      ))}
    </ul>
  );
}

export const groundLabel = (t: (k: MessageKey) => string, g: string) => {
  const key = `blacklist.ground.${g}` as MessageKey;
  return t(key) === key ? g : t(key);
};
