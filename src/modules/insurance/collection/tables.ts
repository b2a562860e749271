/** Kysely types for db/migrations/0007_insurance_money.sql (payments, accounts, fund ledger). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface InsuranceMoneyTables {}
