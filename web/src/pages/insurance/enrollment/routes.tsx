import { lazy } from 'react';
import { Route } from 'react-router';
import type { GuardFn } from '../../../lib/modules.ts';

const EnrollmentsPage = lazy(() => import('./EnrollmentsPage.tsx'));
const TimelinePage = lazy(() => import('./TimelinePage.tsx'));
const DeclarationPage = lazy(() => import('./DeclarationPage.tsx'));

/** Console routes of this module, placed inside /console by App.tsx (paths relative to /console). */
export const insuranceEnrollmentConsoleRoutes = (g: GuardFn) => (
  <>
    <Route path="insurance/enrollments" element={g('insurance.read', <EnrollmentsPage />)} />
    <Route path="insurance/enrollments/person/:personId" element={g('insurance.read', <TimelinePage />)} />
    <Route path="insurance/declarations" element={g('insurance.declare', <DeclarationPage />)} />
  </>
);

/** Public routes (no login), placed inside the public layout by App.tsx. */
export const insuranceEnrollmentPublicRoutes = () => <></>;
