import type { MenuEntry } from '../../lib/modules.ts';
import type { Me } from '../../types.ts';

/** This module's console menu entries (filtered by role in ConsoleLayout). Kept apart from routes.tsx so the menu does not load the pages. */
export const arrearsMenu = (_me: Me): MenuEntry[] => [
  { key: 'arrears-cases', path: '/console/arrears/cases', label: 'arrears.menu.cases', action: 'arrears.read' },
  { key: 'arrears-supervision', path: '/console/arrears/supervision', label: 'arrears.menu.supervision', action: 'arrears.supervise' },
];
