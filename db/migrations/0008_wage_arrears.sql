-- Wage-arrears complaints (欠薪线索) and the inspection cases built from them (rules-2020.md §5).

-- The working-day calendar: the State Council's yearly holiday notices (国务院办公厅 部分节假日安排的通知),
-- as data (reference/holidays/*.json). A weekend day is a rest day unless listed as a 'workday'
-- (调休上班); a weekday is a working day unless listed as a 'holiday'.
create table holiday_calendar (
  day    date primary key,
  kind   text not null check (kind in ('holiday', 'workday')),
  name   text not null,
  source text not null                                -- the notice's number, e.g. 国办发明电〔2020〕1号
);

-- Standard closure conclusions (结案结论): a configurable list, data not code.
create table arrears_closure_conclusion (
  code       text primary key,
  name_zh    text not null,
  name_en    text not null,
  recovered  boolean not null,                        -- wages were recovered under this conclusion
  sort_order integer not null,
  active     boolean not null default true
);
insert into arrears_closure_conclusion (code, name_zh, name_en, recovered, sort_order) values
  ('paid_in_full',         '已足额支付',       'Paid in full', true, 10),
  ('paid_in_part',         '部分支付',         'Paid in part', true, 20),
  ('no_arrears_found',     '经查不存在欠薪',   'No arrears found', false, 30),
  ('settled_by_mediation', '调解结案',         'Settled by mediation', true, 40),
  ('referred_arbitration', '引导劳动争议仲裁', 'Referred to labour arbitration', false, 50),
  ('referred_court',       '引导诉讼',         'Referred to the courts', false, 60),
  ('referred_police',      '移送公安机关',     'Referred to the police (refusal to pay)', false, 70),
  ('penalty_imposed',      '行政处罚结案',     'Administrative penalty imposed', false, 80),
  ('employer_unreachable', '用人单位下落不明', 'Employer cannot be found', false, 90),
  ('withdrawn',            '投诉人撤回',       'Withdrawn by the complainant', false, 100),
  ('outside_jurisdiction', '不属于监察范围',   'Outside labour-inspection jurisdiction', false, 110);

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
  -- case work (owned by arrears; not part of the blacklist contract)
  case_key        text collate "C" not null,          -- normalised employer + project: a second clue joins the open case
  project         text not null default '',
  received_on     date not null,
  accepted_on     date,
  not_accepted_reason text,
  investigation_due date,                             -- 60 working days from acceptance (劳动保障监察条例 art. 17)
  investigation_extended boolean not null default false, -- extended once by 30 working days
  order_note      text,
  deadline_state  text not null default 'ok' check (deadline_state in ('ok', 'warning', 'overdue')),
  supervised      boolean not null default false,
  clue_count      integer not null default 1,
  months_unpaid   integer not null default 0,          -- the longest of its clues (法释〔2013〕3号 art. 3: ≥ 3 months)
  primary key (province_code, id),
  check (status in ('received', 'accepted', 'not_accepted', 'investigating', 'ordered', 'paid', 'not_paid', 'closed'))
);
create index arrears_case_region on arrears_case (province_code, region_code, status);
-- One open case per employer + project: concurrent clues about it join, never fork.
create unique index arrears_case_open_key on arrears_case (case_key) where status not in ('closed', 'not_accepted');

create table arrears_clue (
  province_code   text collate "C" not null,
  id              uuid not null,
  case_id         uuid not null,
  tracking_no     text collate "C" not null unique,
  code_hash       text collate "C" not null,          -- sha256 of the secret query code: the code itself is never stored
  channel         text not null check (channel in ('online', 'phone', 'walk_in', 'letter', 'transfer')),
  anonymous       boolean not null default false,
  complainant_name text,
  complainant_id_number text collate "C",
  complainant_phone text,
  person_province_code text collate "C",              -- the insured user who filed it, if logged in
  person_id       uuid,
  employer_name   text not null,
  credit_code     text collate "C",
  project         text not null default '',
  region_code     text collate "C" not null,          -- where the arrears occurred, as given
  workers         integer not null check (workers > 0),
  amount_owed_fen bigint not null check (amount_owed_fen > 0),
  months_unpaid   integer not null check (months_unpaid >= 0),
  description     text not null default '',
  received_at     timestamptz not null default now(),
  primary key (province_code, id),
  foreign key (province_code, case_id) references arrears_case (province_code, id) on update cascade
);
create index arrears_clue_case on arrears_clue (province_code, case_id);
create index arrears_clue_received on arrears_clue (province_code, received_at);

-- Evidence files, in the database (no file-system path to escape from). Served to officers only, as attachment.
create table arrears_attachment (
  province_code text collate "C" not null,
  id            uuid not null,
  clue_id       uuid not null,
  file_name     text not null,
  media_type    text not null,
  size_bytes    integer not null,
  sha256        text collate "C" not null,
  content       bytea not null,
  created_at    timestamptz not null default now(),
  primary key (province_code, id),
  foreign key (province_code, clue_id) references arrears_clue (province_code, id) on update cascade
);
create index arrears_attachment_clue on arrears_attachment (province_code, clue_id);

-- The timeline: every step, warning and escalation of a case, in order.
create table arrears_case_event (
  province_code text collate "C" not null,
  id            uuid not null,
  case_id       uuid not null,
  at            timestamptz not null default now(),
  on_date       date not null,                        -- the business date the step took effect
  kind          text not null,
  region_code   text collate "C" not null,            -- the office that held the case at the time
  actor_name    text not null,
  note          text not null default '',
  data          jsonb,
  dedupe_key    text collate "C",                     -- warnings and escalations are recorded once
  primary key (province_code, id),
  foreign key (province_code, case_id) references arrears_case (province_code, id) on update cascade
);
create index arrears_case_event_case on arrears_case_event (province_code, case_id, at);
create unique index arrears_case_event_dedupe on arrears_case_event (province_code, case_id, dedupe_key) where dedupe_key is not null;

create table arrears_transfer (
  province_code   text collate "C" not null,
  id              uuid not null,
  case_id         uuid not null,
  from_region     text collate "C" not null,
  to_region       text collate "C" not null,
  reason          text not null,
  transferred_on  date not null,
  actor_name      text not null,
  primary key (province_code, id),
  foreign key (province_code, case_id) references arrears_case (province_code, id) on update cascade
);
create index arrears_transfer_case on arrears_transfer (province_code, case_id);

-- Supervision (督办) by a higher level, with its own deadline.
create table arrears_supervision (
  province_code     text collate "C" not null,
  id                uuid not null,
  case_id           uuid not null,
  supervisor_region text collate "C" not null,        -- '000000' ministry, 'PP0000' province, 'PPCC00' city
  deadline          date not null,
  note              text not null default '',
  opened_on         date not null,
  closed_on         date,
  actor_name        text not null,
  primary key (province_code, id),
  foreign key (province_code, case_id) references arrears_case (province_code, id) on update cascade
);
create index arrears_supervision_case on arrears_supervision (province_code, case_id);

-- Deadlines of a case: investigation (60 + 30 working days), payment (the order's deadline), supervision.
create table arrears_deadline (
  province_code text collate "C" not null,
  id            uuid not null,
  case_id       uuid not null,
  kind          text not null check (kind in ('investigation', 'payment', 'supervision')),
  due_on        date not null,
  warn_on       date not null,                        -- N working days before due_on
  state         text not null default 'open' check (state in ('open', 'met', 'missed', 'cancelled')),
  warned_on     date,
  escalated_on  date,
  primary key (province_code, id),
  foreign key (province_code, case_id) references arrears_case (province_code, id) on update cascade
);
create index arrears_deadline_open on arrears_deadline (state, warn_on) where state = 'open';
create index arrears_deadline_case on arrears_deadline (province_code, case_id);
