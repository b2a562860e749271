import { lazy } from 'react';
import { Route } from 'react-router';
import type { GuardFn } from '../../lib/modules.ts';

const BlacklistManagePage = lazy(() => import('./BlacklistManagePage.tsx'));
const DisclosureManagePage = lazy(() => import('./DisclosureManagePage.tsx'));
const PublicBlacklistPage = lazy(() => import('./PublicBlacklistPage.tsx'));
const PublicDisclosuresPage = lazy(() => import('./PublicDisclosuresPage.tsx'));

/** Console routes of this module, placed inside /console by App.tsx (paths relative to /console). */
export const blacklistConsoleRoutes = (g: GuardFn) => (
  <>
    <Route path="blacklist" element={g('blacklist.manage', <BlacklistManagePage />)} />
    <Route path="disclosures" element={g('disclosure.manage', <DisclosureManagePage />)} />
  </>
);

/** Public routes (no login), placed inside the public layout by App.tsx. */
export const blacklistPublicRoutes = () => (
  <>
    <Route path="blacklist" element={<PublicBlacklistPage />} />
    <Route path="disclosures" element={<PublicDisclosuresPage />} />
  </>
);
