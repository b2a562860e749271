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
