import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateStr = string;

/** Kysely types for db/migrations/0008_wage_arrears.sql. */
export interface ArrearsTables {
  arrears_case: {
    province_code: string; id: string; case_no: string; region_code: string; employer_province_code: string | null; employer_id: string | null;
    employer_name: string; credit_code: string | null; status: string; workers: number; amount_owed_fen: number;
    amount_recovered_fen: ColumnType<number, number | undefined, number>; workers_paid: ColumnType<number, number | undefined, number>;
    ordered_to_pay: ColumnType<boolean, boolean | undefined, boolean>; order_deadline: DateStr | null; paid_after_order: boolean | null;
    mass_incident: ColumnType<boolean, boolean | undefined, boolean>; closure_code: string | null; decided_on: DateStr | null; closed_on: DateStr | null;
    created_at: Timestamp; updated_at: Timestamp;
  };
}
