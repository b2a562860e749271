/** Kysely types for db/migrations/0009_blacklist_disclosure.sql. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface BlacklistTables {}
