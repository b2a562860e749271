import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** Kysely types for db/migrations/0010_notifications.sql. */
export interface NotificationTables {
  notification: { user_id: string; id: string; kind: string; params: ColumnType<unknown, string | undefined, string>; link: string | null; created_at: Timestamp; read_at: Timestamp | null };
}
