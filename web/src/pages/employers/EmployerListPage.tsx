import { Button } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useAuth } from '../../auth.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { RegionName } from '../../regions.tsx';
import { IndustryName } from '../../components/IndustrySelect.tsx';
import { SearchListPage } from '../../components/SearchListPage.tsx';
import type { Employer } from '../../types.ts';

/** Search employers by credit code prefix or name. */
export function EmployerListPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const columns: TableColumnsType<Employer> = [
    { title: t('employer.creditCode'), dataIndex: 'creditCode', render: (v: string) => <span className="mono">{v}</span> },
    { title: t('employer.name'), dataIndex: 'name', render: (v: string, e) => <Link to={`/console/employers/${e.id}`}>{v}</Link> },
    { title: t('employer.region'), dataIndex: 'regionCode', render: (v: string) => <RegionName code={v} /> },
    { title: t('employer.industry'), dataIndex: 'industryCode', render: (v: string) => <IndustryName code={v} />, className: 'hide-in-elderly' },
    { title: t('employer.sizeClass'), dataIndex: 'sizeClass', render: (v: Employer['sizeClass']) => t(`size.${v}`), className: 'hide-in-elderly' },
    { title: t('employer.ownership'), dataIndex: 'ownership', render: (v: Employer['ownership']) => t(`ownership.${v}`), className: 'hide-in-elderly' },
  ];
  return (
    <SearchListPage<Employer> endpoint="/api/employers" name="employer" columns={columns} actions={<>
      {can('employer.write') && <Link to="/console/employers/new"><Button type="primary" data-testid="employer-new">{t('employer.new')}</Button></Link>}
      {can('registry.export') && <Button href="/api/employers/export.csv" download data-testid="employer-export">{t('employer.export')}</Button>}
    </>} />
  );
}
