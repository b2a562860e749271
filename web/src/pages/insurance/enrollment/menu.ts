import type { MenuEntry } from '../../../lib/modules.ts';
import type { Me } from '../../../types.ts';

/** This module's console menu entries (filtered by role in ConsoleLayout). Kept apart from routes.tsx so the menu does not load the pages. */
export const insuranceEnrollmentMenu = (_me: Me): MenuEntry[] => [
  { key: 'insurance-enrollments', path: '/console/insurance/enrollments', label: 'enrollment.menu.enrollments', action: 'insurance.read' },
  { key: 'insurance-declarations', path: '/console/insurance/declarations', label: 'enrollment.menu.declarations', action: 'insurance.declare' },
];
