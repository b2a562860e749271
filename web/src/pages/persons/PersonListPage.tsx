import { Button, Space, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useAuth } from '../../auth.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { RegionName } from '../../regions.tsx';
import { SearchListPage } from '../../components/SearchListPage.tsx';
import type { Person } from '../../types.ts';

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
  const { can } = useAuth();
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
    <SearchListPage<Person> endpoint="/api/persons" name="person" columns={columns} actions={<>
      {can('person.write') && <Link to="/console/persons/new"><Button type="primary" data-testid="person-new">{t('person.new')}</Button></Link>}
      {can('registry.export') && <Button href="/api/persons/export.csv" download data-testid="person-export">{t('person.export')}</Button>}
    </>} />
  );
}
