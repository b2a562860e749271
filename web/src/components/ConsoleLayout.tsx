import type { ReactNode } from 'react';
import { Layout, Menu } from 'antd';
import type { MenuProps } from 'antd';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { useAuth } from '../auth.tsx';
import { useI18n } from '../i18n/index.tsx';
import type { Me } from '../types.ts';
import { AppHeader } from './AppHeader.tsx';
import type { MenuEntry } from '../lib/modules.ts';
import { insuranceRulesMenu } from '../pages/insurance/rules/menu.ts';
import { insuranceEnrollmentMenu } from '../pages/insurance/enrollment/menu.ts';
import { insuranceCollectionMenu } from '../pages/insurance/collection/menu.ts';
import { arrearsMenu } from '../pages/arrears/menu.ts';
import { blacklistMenu } from '../pages/blacklist/menu.ts';

type Entry = MenuEntry;

/** The console menu: each entry shows only when the user's role may do its action. */
export function menuEntries(me: Me): Entry[] {
  const role = me.user.role;
  const entries: Entry[] = [
    { key: 'dashboard', path: '/console/dashboard', label: 'nav.dashboard', action: 'stats.read' },
    // Employer and insured users see their own record rather than a registry to search.
    role === 'insured' && me.user.subjectId
      ? { key: 'persons', path: `/console/persons/${me.user.subjectId}`, label: 'nav.myRecord', action: 'person.read' }
      : { key: 'persons', path: '/console/persons', label: 'nav.persons', action: 'person.read' },
    role === 'employer' && me.user.subjectId
      ? { key: 'employers', path: `/console/employers/${me.user.subjectId}`, label: 'nav.myEmployer', action: 'employer.read' }
      : { key: 'employers', path: '/console/employers', label: 'nav.employers', action: 'employer.read' },
    // Reporters file their agency's report; everyone else who reads labour data sees the board.
    { key: 'labour-reports', path: '/console/labour/reports', label: 'nav.labourReports', action: 'labour.report' },
    { key: 'labour-board', path: '/console/labour/board', label: 'nav.labourBoard', action: 'labour.read', unless: 'labour.report' },
    { key: 'labour-agencies', path: '/console/labour/agencies', label: 'nav.labourAgencies', action: 'labour.manage' },
    ...insuranceEnrollmentMenu(me),
    ...insuranceCollectionMenu(me),
    ...insuranceRulesMenu(me),
    ...arrearsMenu(me),
    ...blacklistMenu(me),
    { key: 'imports', path: '/console/imports', label: 'nav.imports', action: 'registry.import' },
    { key: 'audit', path: '/console/audit', label: 'nav.audit', action: 'audit.read' },
    { key: 'users', path: '/console/users', label: 'nav.users', action: 'user.manage' },
    { key: 'tokens', path: '/console/tokens', label: 'nav.tokens', action: 'self' },
  ];
  return entries.filter((e) => me.actions.includes(e.action) && !(e.unless && me.actions.includes(e.unless)));
}

type Group = 'registry' | 'labour' | 'insurance' | 'inspection' | 'system';
const GROUPS: Group[] = ['registry', 'labour', 'insurance', 'inspection', 'system'];
/** Which heading an entry sits under: by the area its key names. */
function groupOf(key: string): Group | null {
  if (key === 'dashboard') return null;
  if (['persons', 'employers', 'imports'].includes(key)) return 'registry';
  if (key.startsWith('labour-')) return 'labour';
  if (key.startsWith('insurance-')) return 'insurance';
  if (key.startsWith('arrears-') || key === 'blacklist' || key === 'disclosures') return 'inspection';
  return 'system';
}

/** The menu under headings by area (a province officer has some twenty entries); an area with one entry needs no heading. */
function menuItems(entries: Entry[], label: (e: Entry) => ReactNode, heading: (g: Group) => string): MenuProps['items'] {
  const item = (e: Entry) => ({ key: e.key, label: label(e) });
  const top = entries.filter((e) => groupOf(e.key) === null).map(item);
  const groups = GROUPS.map((g) => ({ g, members: entries.filter((e) => groupOf(e.key) === g) })).filter((x) => x.members.length);
  const grouped = groups.flatMap(({ g, members }) => (members.length > 1 && entries.length > 4
    ? [{ type: 'group' as const, key: `group-${g}`, label: heading(g), children: members.map(item) }]
    : members.map(item)));
  return [...top, ...grouped];
}

export function ConsoleLayout() {
  const { me, ready } = useAuth();
  const { t } = useI18n();
  const location = useLocation();
  if (!ready) return null;
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;

  const entries = menuEntries(me);
  const selected = entries.find((e) => location.pathname === e.path || location.pathname.startsWith(`${e.path}/`))?.key
    ?? entries.find((e) => location.pathname.startsWith(`/console/${e.key}`))?.key;
  const items = menuItems(entries, (e) => <Link to={e.path} data-testid={`nav-${e.key}`}>{t(e.label)}</Link>, (g) => t(`nav.group.${g}`));

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">{t('app.skipToContent')}</a>
      <AppHeader side="console" />
      <Layout>
        <Layout.Sider width={220} className="console-sider" breakpoint="md" collapsedWidth={0} theme="light">
          <nav aria-label={t('nav.menu')}>
            <Menu mode="inline" selectedKeys={selected ? [selected] : []} items={items} style={{ borderInlineEnd: 0, paddingTop: 8 }} data-testid="menu" />
          </nav>
        </Layout.Sider>
        <Layout.Content id="main" tabIndex={-1} className="console-main" role="main">
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

export function PublicLayout() {
  const { t } = useI18n();
  return (
    <Layout style={{ minHeight: '100vh', background: '#f5f6f8' }}>
      <a className="skip-link" href="#main">{t('app.skipToContent')}</a>
      <AppHeader side="public" />
      <main id="main" tabIndex={-1} className="public-main">
        <Outlet />
      </main>
    </Layout>
  );
}
