import { lazy } from 'react';
import { Route } from 'react-router';
import type { GuardFn } from '../../../lib/modules.ts';

const ParametersPage = lazy(() => import('./ParametersPage.tsx').then((m) => ({ default: m.ParametersPage })));
const AssessmentRunsPage = lazy(() => import('./AssessmentRunsPage.tsx').then((m) => ({ default: m.AssessmentRunsPage })));

/** Console routes of this module, placed inside /console by App.tsx (paths relative to /console). */
export const insuranceRulesConsoleRoutes = (g: GuardFn) => (
  <>
    <Route path="insurance/parameters" element={g('insurance.read', <ParametersPage />)} />
    <Route path="insurance/assessment-runs" element={g('insurance.assess', <AssessmentRunsPage />)} />
  </>
);

/** Public routes (no login), placed inside the public layout by App.tsx. */
export const insuranceRulesPublicRoutes = () => <></>;
