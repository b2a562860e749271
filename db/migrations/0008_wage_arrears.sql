-- Wage-arrears complaints (欠薪线索) and the inspection cases built from them (rules-2020.md §5).
create table arrears_case (
  province_code   text collate "C" not null,
  id              uuid not null,
  case_no         text collate "C" not null unique,
  region_code     text collate "C" not null,          -- the inspection office's region (where the arrears occurred)
  employer_province_code text collate "C",
  employer_id     uuid,                               -- matched registry employer, if any
  employer_name   text not null,
  credit_code     text collate "C",
  status          text not null,
  workers         integer not null check (workers >= 0),
  amount_owed_fen bigint not null check (amount_owed_fen >= 0),
  amount_recovered_fen bigint not null default 0,
  workers_paid    integer not null default 0,
  ordered_to_pay  boolean not null default false,     -- a rectification order with a deadline was issued
  order_deadline  date,
  paid_after_order boolean,                           -- null until the deadline passes
  mass_incident   boolean not null default false,
  closure_code    text,
  decided_on      date,                               -- the handling decision (处理决定) date
  closed_on       date,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  primary key (province_code, id)
);
