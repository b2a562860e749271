import type { GuardFn } from '../../../lib/modules.ts';

/** Console routes of this module, placed inside /console by App.tsx (paths relative to /console). */
export const insuranceRulesConsoleRoutes = (_g: GuardFn) => <></>;

/** Public routes (no login), placed inside the public layout by App.tsx. */
export const insuranceRulesPublicRoutes = () => <></>;
