import { lazy } from 'react';
import { Route } from 'react-router';
import type { GuardFn } from '../../lib/modules.ts';

const ComplaintFormPage = lazy(() => import('./ComplaintFormPage.tsx').then((m) => ({ default: m.ComplaintFormPage })));
const TrackPage = lazy(() => import('./TrackPage.tsx').then((m) => ({ default: m.TrackPage })));
const CaseInboxPage = lazy(() => import('./CaseInboxPage.tsx').then((m) => ({ default: m.CaseInboxPage })));
const CasePage = lazy(() => import('./CasePage.tsx').then((m) => ({ default: m.CasePage })));
const SupervisionBoardPage = lazy(() => import('./SupervisionBoardPage.tsx').then((m) => ({ default: m.SupervisionBoardPage })));

/** Console routes of this module, placed inside /console by App.tsx (paths relative to /console). */
export const arrearsConsoleRoutes = (g: GuardFn) => (
  <>
    <Route path="arrears/cases" element={g('arrears.read', <CaseInboxPage />)} />
    <Route path="arrears/cases/:id" element={g('arrears.read', <CasePage />)} />
    <Route path="arrears/supervision" element={g('arrears.supervise', <SupervisionBoardPage />)} />
  </>
);

/** Public routes (no login), placed inside the public layout by App.tsx. */
export const arrearsPublicRoutes = () => (
  <>
    <Route path="complaints/new" element={<ComplaintFormPage />} />
    <Route path="complaints/track" element={<TrackPage />} />
  </>
);
