import type { ReactNode } from 'react';
import type { MessageKey } from '../i18n/index.tsx';
import type { Action } from '../types.ts';

/** A console menu entry: shown only when the user's role may do its action. */
export interface MenuEntry { key: string; path: string; label: MessageKey; action: Action; /** hidden when the user may also do this */ unless?: Action }

/** Wraps a page in the role check (App.tsx's Guard). Module route files receive it. */
export type GuardFn = (action: Action, el: ReactNode) => ReactNode;
