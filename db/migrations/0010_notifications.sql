-- In-app notifications: a message to one user (a reporting reminder, a deadline warning, a notice).
-- The console words it from `kind` and `params` in the reader's language. Reading one changes the
-- reader's own inbox only; the event that sent it is audited where it happened.
create table notification (
  user_id    uuid not null references app_user (id) on delete cascade,
  id         uuid not null,
  kind       text not null,
  params     jsonb not null default '{}',
  link       text,
  created_at timestamptz not null default now(),
  read_at    timestamptz,
  primary key (user_id, id)
);
create index notification_unread on notification (user_id) where read_at is null;
