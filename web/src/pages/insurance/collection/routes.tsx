import { lazy } from 'react';
import { Route } from 'react-router';
import type { GuardFn } from '../../../lib/modules.ts';

const CollectionPage = lazy(() => import('./CollectionPage.tsx'));
const StatementPage = lazy(() => import('./StatementPage.tsx'));
const RecordPage = lazy(() => import('./RecordPage.tsx'));
const FundPage = lazy(() => import('./FundPage.tsx'));

/** Console routes of this module, placed inside /console by App.tsx (paths relative to /console). */
export const insuranceCollectionConsoleRoutes = (g: GuardFn) => (
  <>
    <Route path="insurance/collection" element={g('insurance.collect', <CollectionPage />)} />
    <Route path="insurance/statement" element={g('insurance.read', <StatementPage />)} />
    <Route path="insurance/statement/:employerId" element={g('insurance.read', <StatementPage />)} />
    <Route path="insurance/record" element={g('insurance.read', <RecordPage />)} />
    <Route path="insurance/record/:personId" element={g('insurance.read', <RecordPage />)} />
    <Route path="insurance/fund" element={g('fund.read', <FundPage />)} />
  </>
);

/** Public routes (no login), placed inside the public layout by App.tsx. */
export const insuranceCollectionPublicRoutes = () => <></>;
