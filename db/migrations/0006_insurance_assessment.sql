-- Monthly assessment (核定): per province × month, the amounts due per enrollment, from the
-- current declaration and the parameters in force. Written by a set-based batch job; an
-- assessment row is never updated, a corrected declaration adds an adjustment row.
create table insurance_assessment_run (
  province_code text collate "C" not null,
  period        text collate "C" not null,
  status        text not null check (status in ('running', 'done', 'failed')),
  started_at    timestamptz not null default now(),
  finished_at   timestamptz,
  rows_written  bigint not null default 0,
  message       text,
  primary key (province_code, period)
);

create table insurance_assessment (
  province_code        text collate "C" not null,
  id                   uuid not null,
  period               text collate "C" not null,
  enrollment_id        uuid not null,
  scheme               text not null,
  person_province_code text collate "C" not null,
  person_id            uuid not null,
  employer_id          uuid,
  declaration_id       uuid,
  kind                 text not null check (kind in ('original', 'adjustment')),
  base_fen             bigint not null,               -- the clamped contribution base
  employer_due_fen     bigint not null,               -- after relief
  employee_due_fen     bigint not null,
  employer_relief_fen  bigint not null default 0,     -- relieved (exempted or halved) employer share
  relief_kind          text,                          -- 'exempt' | 'halved' | null
  due_on               date not null,                 -- late fees run from the day after (deferral moves it)
  created_at           timestamptz not null default now(),
  primary key (province_code, id),
  foreign key (province_code, enrollment_id) references insurance_enrollment (province_code, id)
);
create index insurance_assessment_period on insurance_assessment (province_code, period, enrollment_id);
create index insurance_assessment_employer on insurance_assessment (province_code, employer_id, period);
create index insurance_assessment_person on insurance_assessment (person_id, period);
