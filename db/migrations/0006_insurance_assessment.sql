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
  primary key (province_code, id)
  -- No foreign key to insurance_enrollment: the job is the only writer and takes every
  -- enrollment_id from insurance_enrollment in the same statement, and enrollments are never
  -- deleted (history is kept). The per-row check cost 40–60 % of the insert time on PGlite.
);
create index insurance_assessment_period on insurance_assessment (province_code, period, enrollment_id);
create index insurance_assessment_employer on insurance_assessment (province_code, employer_id, period);
create index insurance_assessment_person on insurance_assessment (person_id, period);

-- Progress of a run (chunks of enrollment ids, one commit each) and where a crashed run resumes.
alter table insurance_assessment_run
  add column enrollments_total bigint not null default 0,
  add column enrollments_done  bigint not null default 0,
  add column last_enrollment_id uuid,
  add column started_by text not null default 'system';

-- The employer's work-injury floating tier (浮动费率档次, 人社部发〔2015〕71号), decided by the agency from
-- the employer's fund usage; in force from a date until the next decision. No row: the ×1.0 tier.
create table insurance_injury_tier (
  province_code  text collate "C" not null,
  employer_id    uuid not null,
  effective_from date not null,
  tier           smallint not null check (tier between 1 and 5),
  reason         text not null default '',
  decided_by     text not null,
  decided_at     timestamptz not null default now(),
  primary key (province_code, employer_id, effective_from),
  foreign key (province_code, employer_id) references employer (province_code, id)
);

-- An approved deferral (缓缴) for an employer in difficulty: the employer's assessments of the periods
-- from_period…to_period fall due on until_on, without late fee before (人社部发〔2020〕11号, 49号).
create table insurance_deferral (
  province_code text collate "C" not null,
  id            uuid not null,
  employer_id   uuid not null,
  from_period   text collate "C" not null,
  to_period     text collate "C" not null,
  until_on      date not null,
  reason        text not null,
  approved_by   text not null,
  approved_at   timestamptz not null default now(),
  revoked_at    timestamptz,
  primary key (province_code, id),
  foreign key (province_code, employer_id) references employer (province_code, id),
  check (from_period <= to_period)
);
create index insurance_deferral_employer on insurance_deferral (province_code, employer_id);

-- An individually insured flexible worker's suspension of a year's pension contributions (2020, 49号):
-- the year's assessments fall due on pay_by instead.
create table insurance_pension_suspension (
  province_code        text collate "C" not null,
  person_province_code text collate "C" not null,
  person_id            uuid not null,
  year                 integer not null,
  pay_by               date not null,
  requested_by         text not null,
  requested_at         timestamptz not null default now(),
  primary key (province_code, person_id, year),
  foreign key (person_province_code, person_id) references person (province_code, id)
);
