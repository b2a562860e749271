import type { Config } from './config.ts';
import type { Database, Db } from './db.ts';

/** What the modules are handed: the database and the configuration, nothing global. */
export interface AppContext {
  database: Database;
  db: Db;
  config: Config;
}
