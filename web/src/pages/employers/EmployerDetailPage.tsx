import { useState } from 'react';
import { Button, Card, Descriptions, Skeleton, Table, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useAuth } from '../../auth.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { RegionName } from '../../regions.tsx';
import { IndustryName } from '../../components/IndustrySelect.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useApiGet, useFlash } from '../../lib/hooks.ts';
import { HireModal, SeparationModal } from '../../components/EmploymentModals.tsx';
import type { Employee, EmployerDetail } from '../../types.ts';

/** An employer with its current employees; hires and separations for roles that may. */
export function EmployerDetailPage() {
  const { id } = useParams();
  const { t, fmt } = useI18n();
  const { can } = useAuth();
  const [hiring, setHiring] = useState(false);
  const [separating, setSeparating] = useState<string | null>(null);

  const { data, error, reload: load } = useApiGet<EmployerDetail>(`/api/employers/${id}`);
  useFlash();


  if (error && !data) return <ProblemAlert error={error} />;
  if (!data) return <Skeleton active />;
  const e = data.employer;

  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6em' }}>{e.name}</Typography.Title>
      <Card title={<h2 style={{ margin: 0, fontSize: 'inherit' }}>{t('employer.details')}</h2>} style={{ marginBottom: 16 }}
        extra={can('employer.write') && <Link to={`/console/employers/${e.id}/edit`}><Button>{t('common.edit')}</Button></Link>}>
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} items={[
          { key: 'creditCode', label: t('employer.creditCode'), children: <span className="mono">{e.creditCode}</span> },
          { key: 'name', label: t('employer.name'), children: e.name },
          { key: 'legalRep', label: t('employer.legalRep'), children: e.legalRep },
          { key: 'region', label: t('employer.region'), children: <RegionName code={e.regionCode} /> },
          { key: 'industry', label: t('employer.industry'), children: <IndustryName code={e.industryCode} /> },
          { key: 'sizeClass', label: t('employer.sizeClass'), children: t(`size.${e.sizeClass}`) },
          { key: 'ownership', label: t('employer.ownership'), children: t(`ownership.${e.ownership}`) },
          { key: 'address', label: t('employer.address'), children: e.address || '—' },
          { key: 'createdAt', label: t('person.createdAt'), children: fmt.dateTime(e.createdAt) },
        ]} />
      </Card>

      <Card title={<h2 style={{ margin: 0, fontSize: 'inherit' }}>{t('employer.employeeCount', { n: fmt.number(data.employees.length) })}</h2>}
        extra={can('employment.write') && <Button type="primary" onClick={() => setHiring(true)} data-testid="hire">{t('employment.registerHire')}</Button>}>
        <Table<Employee> rowKey="employmentId" dataSource={data.employees} scroll={{ x: 'max-content' }} pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t('common.noData') }}
          columns={[
            { title: t('person.name'), dataIndex: 'name', render: (v: string, x) => (can('person.read') ? <Link to={`/console/persons/${x.personId}`}>{v}</Link> : v) },
            { title: t('person.idNumber'), dataIndex: 'idNumber', render: (v: string) => <span className="mono">{v}</span> },
            { title: t('employment.hiredOn'), dataIndex: 'hiredOn', render: (v: string) => fmt.date(v) },
            ...(can('employment.write') ? [{
              title: t('common.actions'), key: 'actions',
              render: (_v: unknown, x: Employee) => <Button size="small" onClick={() => setSeparating(x.employmentId)}>{t('employment.registerSeparation')}</Button>,
            }] : []),
          ]} />
      </Card>

      <HireModal open={hiring} employerId={e.id} onClose={() => setHiring(false)} onDone={() => { setHiring(false); load(); }} />
      <SeparationModal employmentId={separating} onClose={() => setSeparating(null)} onDone={() => { setSeparating(null); load(); }} />
    </>
  );
}
