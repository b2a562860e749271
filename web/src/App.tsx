import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider, Result, Button, Spin, theme as antTheme } from 'antd';
import type { ThemeConfig } from 'antd';
import zhCNLocale from 'antd/locale/zh_CN';
import enLocale from 'antd/locale/en_GB';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en-gb';
import { Link, Navigate, Route, Routes } from 'react-router';
import { useAuth } from './auth.tsx';
import { useI18n } from './i18n/index.tsx';
import { usePrefs } from './prefs.tsx';
import type { Action } from './types.ts';
import { ConsoleLayout, PublicLayout, menuEntries } from './components/ConsoleLayout.tsx';
import { PublicHome } from './pages/public/PublicHome.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { WelcomePage } from './pages/WelcomePage.tsx';
import { PersonListPage } from './pages/persons/PersonListPage.tsx';
import { PersonDetailPage } from './pages/persons/PersonDetailPage.tsx';
import { PersonFormPage } from './pages/persons/PersonFormPage.tsx';
import { EmployerListPage } from './pages/employers/EmployerListPage.tsx';
import { EmployerDetailPage } from './pages/employers/EmployerDetailPage.tsx';
import { EmployerFormPage } from './pages/employers/EmployerFormPage.tsx';
import { ImportPage } from './pages/imports/ImportPage.tsx';
import { AuditPage } from './pages/audit/AuditPage.tsx';
import { UsersPage } from './pages/users/UsersPage.tsx';
import { TokensPage } from './pages/tokens/TokensPage.tsx';
import { ReportListPage } from './pages/labour/ReportListPage.tsx';
import { ReportFormPage } from './pages/labour/ReportFormPage.tsx';
import { ReviewPage } from './pages/labour/ReviewPage.tsx';
import { AgenciesPage } from './pages/labour/AgenciesPage.tsx';
import { insuranceRulesConsoleRoutes, insuranceRulesPublicRoutes } from './pages/insurance/rules/routes.tsx';
import { insuranceEnrollmentConsoleRoutes, insuranceEnrollmentPublicRoutes } from './pages/insurance/enrollment/routes.tsx';
import { insuranceCollectionConsoleRoutes, insuranceCollectionPublicRoutes } from './pages/insurance/collection/routes.tsx';
import { arrearsConsoleRoutes, arrearsPublicRoutes } from './pages/arrears/routes.tsx';
import { blacklistConsoleRoutes, blacklistPublicRoutes } from './pages/blacklist/routes.tsx';

// The dashboard brings ECharts and the map: its own chunk, loaded when opened.
const DashboardPage = lazy(() => import('./pages/dashboard/DashboardPage.tsx'));
// The ranking (public) and the completeness board (with its ranking preview) bring ECharts too.
const RankingPage = lazy(() => import('./pages/labour/RankingPage.tsx'));
const BoardPage = lazy(() => import('./pages/labour/BoardPage.tsx'));

const NORMAL: ThemeConfig = {
  token: { colorPrimary: '#1d4ed8', borderRadius: 6, colorLink: '#1d4ed8' },
};
// Larger type and controls, near-black text, darker primary: WCAG AAA contrast for text.
const ELDERLY: ThemeConfig = {
  token: {
    colorPrimary: '#0033a0', colorLink: '#0033a0', colorText: '#000000', colorTextSecondary: '#1f1f1f', colorTextDescription: '#1f1f1f',
    colorTextPlaceholder: '#4a4a4a', colorBorder: '#404040', colorError: '#a8071a',
    fontSize: 20, fontSizeLG: 22, fontSizeSM: 18, fontSizeHeading1: 36, fontSizeHeading2: 30, fontSizeHeading3: 26, fontSizeHeading4: 22,
    controlHeight: 48, controlHeightLG: 56, controlHeightSM: 36, lineWidth: 2, borderRadius: 4,
  },
};

function Guard({ action, children }: { action: Action; children: ReactNode }) {
  const { can } = useAuth();
  const { t } = useI18n();
  if (!can(action)) {
    return <Result status="403" title={t('page.forbidden')} subTitle={t('page.forbiddenHint')} extra={<Link to="/console"><Button type="primary">{t('page.home')}</Button></Link>} />;
  }
  return <>{children}</>;
}

/** /console: the first page the role may use. */
function ConsoleHome() {
  const { me } = useAuth();
  if (!me) return null;
  const first = menuEntries(me).find((e) => e.key !== 'tokens');
  return first ? <Navigate to={first.path} replace /> : <WelcomePage />;
}

function NotFound() {
  const { t } = useI18n();
  return <Result status="404" title={t('page.notFound')} subTitle={t('page.notFoundHint')} extra={<Link to="/"><Button type="primary">{t('page.home')}</Button></Link>} />;
}

export function App() {
  const { locale } = useI18n();
  const { elderly } = usePrefs();
  const { ready } = useAuth();
  useEffect(() => { dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en-gb'); }, [locale]);

  const g = (action: Action, el: ReactNode) => <Guard action={action}>{el}</Guard>;
  return (
    <ConfigProvider locale={locale === 'zh-CN' ? zhCNLocale : enLocale} theme={{ ...(elderly ? ELDERLY : NORMAL), algorithm: antTheme.defaultAlgorithm }} componentSize={elderly ? 'large' : 'middle'}>
      <AntApp>
        {!ready ? <div style={{ padding: 48, textAlign: 'center' }}><Spin /></div> : (
          <Suspense fallback={<div style={{ padding: 48, textAlign: 'center' }}><Spin /></div>}>
            <Routes>
              <Route element={<PublicLayout />}>
                <Route index element={<PublicHome />} />
                <Route path="login" element={<LoginPage />} />
                <Route path="labour/ranking" element={<RankingPage />} />
                <Route path="labour/ranking/:quarter" element={<RankingPage />} />
                {insuranceRulesPublicRoutes()}
                {insuranceEnrollmentPublicRoutes()}
                {insuranceCollectionPublicRoutes()}
                {arrearsPublicRoutes()}
                {blacklistPublicRoutes()}
              </Route>
              <Route path="console" element={<ConsoleLayout />}>
                <Route index element={<ConsoleHome />} />
                <Route path="welcome" element={<WelcomePage />} />
                <Route path="dashboard" element={g('stats.read', <DashboardPage />)} />
                <Route path="persons" element={g('person.read', <PersonListPage />)} />
                <Route path="persons/new" element={g('person.write', <PersonFormPage />)} />
                <Route path="persons/:id" element={g('person.read', <PersonDetailPage />)} />
                <Route path="persons/:id/edit" element={g('person.write', <PersonFormPage />)} />
                <Route path="employers" element={g('employer.read', <EmployerListPage />)} />
                <Route path="employers/new" element={g('employer.write', <EmployerFormPage />)} />
                <Route path="employers/:id" element={g('employer.read', <EmployerDetailPage />)} />
                <Route path="employers/:id/edit" element={g('employer.write', <EmployerFormPage />)} />
                <Route path="labour/reports" element={g('labour.report', <ReportListPage />)} />
                <Route path="labour/reports/:quarter" element={g('labour.report', <ReportFormPage />)} />
                <Route path="labour/board" element={g('labour.read', <BoardPage />)} />
                <Route path="labour/board/reports/:id" element={g('labour.read', <ReviewPage />)} />
                <Route path="labour/agencies" element={g('labour.manage', <AgenciesPage />)} />
                <Route path="imports" element={g('registry.import', <ImportPage />)} />
                {insuranceRulesConsoleRoutes(g)}
                {insuranceEnrollmentConsoleRoutes(g)}
                {insuranceCollectionConsoleRoutes(g)}
                {arrearsConsoleRoutes(g)}
                {blacklistConsoleRoutes(g)}
                <Route path="audit" element={g('audit.read', <AuditPage />)} />
                <Route path="users" element={g('user.manage', <UsersPage />)} />
                <Route path="tokens" element={g('self', <TokensPage />)} />
                <Route path="*" element={<NotFound />} />
              </Route>
              <Route element={<PublicLayout />}>
                <Route path="*" element={<NotFound />} />
              </Route>
            </Routes>
          </Suspense>
        )}
      </AntApp>
    </ConfigProvider>
  );
}
