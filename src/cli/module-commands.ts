import type { Command } from 'commander';
import type { AppContext } from '../platform/context.ts';

/** Runs fn with an opened, migrated database and closes it after. */
export type WithContext = <T>(fn: (ctx: AppContext) => Promise<T>) => Promise<T>;
/** A module's CLI subcommands, added to the hrss program by src/cli/main.ts. */
export type RegisterCommands = (program: Command, withContext: WithContext) => void;
