import { uuidv7 } from 'uuidv7';

/** Time-ordered ids made by the application: no global sequence, index-friendly inserts. */
export const newId = (): string => uuidv7();
