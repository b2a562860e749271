import type { MenuEntry } from '../../../lib/modules.ts';
import type { Me } from '../../../types.ts';

/** This module's console menu entries (filtered by role in ConsoleLayout). Kept apart from routes.tsx so the menu does not load the pages. */
export const insuranceRulesMenu = (_me: Me): MenuEntry[] => [
  { key: 'insurance-parameters', path: '/console/insurance/parameters', label: 'insuranceRules.menuParameters', action: 'insurance.read' },
  { key: 'insurance-assessment-runs', path: '/console/insurance/assessment-runs', label: 'insuranceRules.menuRuns', action: 'insurance.assess' },
];
