import { useState } from 'react';
import { Button, Card, Descriptions, Empty, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useAuth } from '../../auth.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { RegionName } from '../../regions.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useApiGet, useFlash } from '../../lib/hooks.ts';
import { DeregisterModal, HireModal, SeparationModal, UnemploymentModal } from '../../components/EmploymentModals.tsx';
import type { Employment, PersonDetail, UnemploymentRegistration } from '../../types.ts';
import { IdNumber, PersonFlags } from './PersonListPage.tsx';

/** A person: identity, employment history, unemployment registrations, and the actions on them. */
export function PersonDetailPage() {
  const { id } = useParams();
  const { t, fmt } = useI18n();
  const { can } = useAuth();
  const [hiring, setHiring] = useState(false);
  const [separating, setSeparating] = useState<string | null>(null);
  const [registering, setRegistering] = useState(false);
  const [deregistering, setDeregistering] = useState<string | null>(null);

  const { data, error, reload: load } = useApiGet<PersonDetail>(`/api/persons/${id}`);
  useFlash();

  if (error && !data) return <ProblemAlert error={error} />;
  if (!data) return <Skeleton active />;
  const p = data.person;
  const current = data.employments.find((e) => !e.separatedOn);
  const activeRegistration = data.unemploymentRegistrations.find((u) => !u.deregisteredOn);

  return (
    <>
      <Typography.Title level={1} className="page-title" style={{ fontSize: '1.6em' }}>{p.name}</Typography.Title>
      <Card title={<h2 style={{ margin: 0, fontSize: 'inherit' }}>{t('person.identity')}</h2>} style={{ marginBottom: 16 }}
        extra={can('person.write') && <Link to={`/console/persons/${p.id}/edit`}><Button data-testid="person-edit">{t('common.edit')}</Button></Link>}>
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} data-testid="person-identity" items={[
          { key: 'idNumber', label: t('person.idNumber'), children: <IdNumber value={p.idNumber} masked={p.idNumberMasked} /> },
          { key: 'name', label: t('person.name'), children: p.name },
          { key: 'sex', label: t('person.sex'), children: t(`sex.${p.sex}`) },
          { key: 'birthDate', label: t('person.birthDate'), children: fmt.date(p.birthDate) },
          { key: 'hukouType', label: t('person.hukouType'), children: t(`hukou.${p.hukouType}`) },
          { key: 'region', label: t('person.region'), children: <RegionName code={p.regionCode} /> },
          { key: 'phone', label: t('person.phone'), children: p.phone ?? '—' },
          { key: 'flags', label: t('person.flags'), children: p.migrantWorker || p.registeredPoor || p.fisherman ? <PersonFlags p={p} /> : t('common.none') },
          { key: 'createdAt', label: t('person.createdAt'), children: fmt.dateTime(p.createdAt) },
        ]} />
      </Card>

      <Card title={<h2 style={{ margin: 0, fontSize: 'inherit' }}>{t('person.employments')}</h2>} style={{ marginBottom: 16 }}
        extra={can('employment.write') && !current && <Button type="primary" onClick={() => setHiring(true)} data-testid="hire">{t('employment.registerHire')}</Button>}>
        <Table<Employment> rowKey="id" pagination={false} dataSource={data.employments} scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('common.noData') }}
          columns={[
            { title: t('employment.employer'), dataIndex: 'employerName', render: (v: string, e) => (can('employer.read') ? <Link to={`/console/employers/${e.employerId}`}>{v}</Link> : v) },
            { title: t('employment.hiredOn'), dataIndex: 'hiredOn', render: (v: string) => fmt.date(v) },
            { title: t('employment.separatedOn'), dataIndex: 'separatedOn', render: (v: string | null) => (v ? fmt.date(v) : <Tag color="green">{t('employment.current')}</Tag>) },
            { title: t('employment.separationReason'), dataIndex: 'separationReason', render: (v: string | null) => (v ? t(`reason.separation.${v}` as 'reason.separation.other') : '—') },
            ...(can('employment.write') ? [{
              title: t('common.actions'), key: 'actions',
              render: (_v: unknown, e: Employment) => !e.separatedOn && <Button size="small" onClick={() => setSeparating(e.id)} data-testid="separate">{t('employment.registerSeparation')}</Button>,
            }] : []),
          ]} />
      </Card>

      <Card title={<h2 style={{ margin: 0, fontSize: 'inherit' }}>{t('person.unemployment')}</h2>} style={{ marginBottom: 16 }}
        extra={can('unemployment.write') && !activeRegistration && !current && <Button type="primary" onClick={() => setRegistering(true)} data-testid="register-unemployment">{t('unemployment.register')}</Button>}>
        <Table<UnemploymentRegistration> rowKey="id" pagination={false} dataSource={data.unemploymentRegistrations} scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('common.noData') }}
          columns={[
            { title: t('unemployment.registeredOn'), dataIndex: 'registeredOn', render: (v: string) => fmt.date(v) },
            { title: t('unemployment.region'), dataIndex: 'regionCode', render: (v: string) => <RegionName code={v} /> },
            { title: t('unemployment.deregisteredOn'), dataIndex: 'deregisteredOn', render: (v: string | null) => (v ? fmt.date(v) : <Tag color="orange">{t('unemployment.active')}</Tag>) },
            { title: t('unemployment.deregisterReason'), dataIndex: 'deregisterReason', render: (v: string | null) => (v ? t(`reason.deregister.${v}` as 'reason.deregister.other') : '—') },
            ...(can('unemployment.write') ? [{
              title: t('common.actions'), key: 'actions',
              render: (_v: unknown, u: UnemploymentRegistration) => !u.deregisteredOn && <Button size="small" onClick={() => setDeregistering(u.id)} data-testid="deregister">{t('unemployment.deregister')}</Button>,
            }] : []),
          ]} />
      </Card>

      <Card title={<h2 style={{ margin: 0, fontSize: 'inherit' }}>{t('person.later')}</h2>} className="hide-in-elderly">
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('person.laterHint')} />
      </Card>

      <Space>
        <HireModal open={hiring} personId={p.id} onClose={() => setHiring(false)} onDone={() => { setHiring(false); load(); }} />
        <SeparationModal employmentId={separating} onClose={() => setSeparating(null)} onDone={() => { setSeparating(null); load(); }} />
        <UnemploymentModal open={registering} personId={p.id} defaultRegion={p.regionCode} onClose={() => setRegistering(false)} onDone={() => { setRegistering(false); load(); }} />
        <DeregisterModal registrationId={deregistering} onClose={() => setDeregistering(null)} onDone={() => { setDeregistering(null); load(); }} />
      </Space>
    </>
  );
}
