import type { MenuEntry } from '../../../lib/modules.ts';
import type { Me } from '../../../types.ts';

/** This module's console menu entries (filtered by role in ConsoleLayout). Kept apart from routes.tsx so the menu does not load the pages. */
export const insuranceCollectionMenu = (me: Me): MenuEntry[] => [
  { key: 'insurance-collection', path: '/console/insurance/collection', label: 'collection.menu.payments', action: 'insurance.collect' },
  // An insured person has no employer statement; an employer reads no person's record.
  ...(me.user.role === 'insured' ? [] : [{ key: 'insurance-statement', path: '/console/insurance/statement', label: 'collection.menu.statement', action: 'insurance.read' } as const]),
  ...(me.user.role === 'employer' ? [] : [{ key: 'insurance-record', path: '/console/insurance/record', label: 'collection.menu.record', action: 'insurance.read' } as const]),
  { key: 'insurance-fund', path: '/console/insurance/fund', label: 'collection.menu.fund', action: 'fund.read' },
];
