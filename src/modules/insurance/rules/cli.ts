import type { RegisterCommands } from '../../../cli/module-commands.ts';

/** hrss insurance …: parameter loading and the monthly assessment job. */
export const registerInsuranceCommands: RegisterCommands = (_program, _withContext) => {};
