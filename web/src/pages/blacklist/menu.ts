import type { MenuEntry } from '../../lib/modules.ts';
import type { Me } from '../../types.ts';

/** This module's console menu entries (filtered by role in ConsoleLayout). Kept apart from routes.tsx so the menu does not load the pages. */
export const blacklistMenu = (_me: Me): MenuEntry[] => [
  { key: 'blacklist', path: '/console/blacklist', label: 'blacklist.menu', action: 'blacklist.manage' },
  { key: 'disclosures', path: '/console/disclosures', label: 'blacklist.menuDisclosures', action: 'disclosure.manage' },
];
