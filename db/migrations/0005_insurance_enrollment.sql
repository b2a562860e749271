-- Social insurance enrollment (参保登记) and wage declarations (缴费工资申报).
-- Tenant rule as elsewhere: province_code leads every key; an enrollment belongs to the
-- province that insures it (a transfer ends it there and opens one in the receiving province).
create table insurance_enrollment (
  province_code        text collate "C" not null,
  id                   uuid not null,
  person_province_code text collate "C" not null,
  person_id            uuid not null,
  scheme               text not null check (scheme in ('pension_employee', 'pension_resident', 'unemployment', 'work_injury')),
  category             text not null check (category in ('employee', 'flexible', 'resident')),
  employer_id          uuid,                          -- category employee: the employer (same province)
  region_code          text collate "C" not null,     -- the insuring region (pooling area)
  status               text not null check (status in ('active', 'suspended', 'terminated', 'transferred_out')),
  started_on           date not null,
  ended_on             date,
  end_reason           text,
  transferred_from     uuid,                          -- the enrollment this one continues (inter-province transfer)
  created_at           timestamptz not null default now(),
  updated_at           timestamptz not null default now(),
  primary key (province_code, id),
  foreign key (person_province_code, person_id) references person (province_code, id),
  foreign key (province_code, employer_id) references employer (province_code, id),
  check ((category = 'employee') = (employer_id is not null))
);
-- One active employee enrollment per scheme per person, nationally.
create unique index insurance_enrollment_one_active on insurance_enrollment (person_id, scheme)
  where category = 'employee' and status in ('active', 'suspended');
create index insurance_enrollment_employer on insurance_enrollment (province_code, employer_id);

-- Declared monthly wage (or a flexible worker's chosen base) per enrollment holder and month.
-- A correction is a new revision; the old one stays, superseded, and assessment adjusts.
create table insurance_declaration (
  province_code        text collate "C" not null,
  id                   uuid not null,
  employer_id          uuid,                          -- null for an individually insured person
  person_province_code text collate "C" not null,
  person_id            uuid not null,
  period               text collate "C" not null check (period ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  wage_fen             bigint not null check (wage_fen >= 0),
  revision             integer not null default 1,
  superseded_by        uuid,                          -- null = the current revision
  declared_at          timestamptz not null default now(),
  declared_by          text not null,
  primary key (province_code, id),
  foreign key (person_province_code, person_id) references person (province_code, id)
);
create unique index insurance_declaration_current on insurance_declaration (province_code, period, person_id, coalesce(employer_id, '00000000-0000-0000-0000-000000000000'::uuid))
  where superseded_by is null;

-- Coverage dates: an enrollment insures from started_on (inclusive) to ended_on (exclusive: the
-- first day no longer insured), minus its suspensions. "Insured on D" is therefore
--   started_on <= D and (ended_on is null or D < ended_on)
--   and no suspension with suspended_from <= D and (resumed_on is null or D < resumed_on).
-- A transfer ends the old enrollment on the transfer date (ended_on) and the new one starts on it.

-- Suspensions (中断缴费/暂停参保): gaps in coverage, resumed_on exclusive like ended_on.
create table insurance_enrollment_suspension (
  province_code  text collate "C" not null,
  enrollment_id  uuid not null,
  suspended_from date not null,
  resumed_on     date,
  reason         text not null,
  primary key (province_code, enrollment_id, suspended_from),
  foreign key (province_code, enrollment_id) references insurance_enrollment (province_code, id),
  check (resumed_on is null or resumed_on > suspended_from)
);

-- The lifecycle of an enrollment as dated events, for its history (the timeline of a person).
create table insurance_enrollment_event (
  province_code  text collate "C" not null,
  enrollment_id  uuid not null,
  seq            integer not null,
  kind           text not null check (kind in ('enroll', 'suspend', 'resume', 'terminate', 'transfer_out', 'transfer_in')),
  effective_on   date not null,
  reason         text,
  actor_name     text not null,
  at             timestamptz not null default now(),
  primary key (province_code, enrollment_id, seq),
  foreign key (province_code, enrollment_id) references insurance_enrollment (province_code, id)
);

create index insurance_enrollment_person on insurance_enrollment (person_id, scheme);
create index insurance_enrollment_region on insurance_enrollment (province_code, region_code, scheme);

-- Declaration periods closed per province: months up to and including closed_through take no
-- new or corrected declaration (the province closes them, an audited officer action; forward only).
create table insurance_period_closure (
  province_code  text collate "C" not null primary key,
  closed_through text collate "C" not null check (closed_through ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  closed_at      timestamptz not null default now(),
  closed_by      text not null
);

alter table insurance_declaration add column source text not null default 'api' check (source in ('api', 'csv', 'console', 'demo'));
-- (province_code, period, person_id) of the unique index above serves the assessment and the forms;
-- no further index: each one costs on the bulk monthly inserts.
