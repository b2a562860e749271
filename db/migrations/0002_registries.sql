-- Registries of persons and employers, employment and unemployment registration.

create table person (
  province_code   char(2) not null,
  id              uuid not null,
  id_number       char(18) collate "C" not null, -- codes compare bytewise: cheaper sorts and index inserts
  name            text not null,
  sex             char(1) not null check (sex in ('M', 'F')),
  birth_date      date not null,
  hukou_type      text not null check (hukou_type in ('urban', 'rural')),
  region_code     char(6) not null references division (code),
  migrant_worker  boolean not null default false,
  registered_poor boolean not null default false,
  fisherman       boolean not null default false,
  phone           text,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  primary key (province_code, id),
  unique (province_code, id_number)
);
create index person_region on person (province_code, region_code);
-- No btree on name: search is by substring (LIKE '%…%'), which a btree cannot serve, and each
-- extra index costs every bulk import.

-- National uniqueness of the ID number across provinces. On Citus this lookup table is
-- distributed by id_number, the usual global-index pattern for a tenant-distributed schema.
create table person_identity (
  id_number     char(18) collate "C" primary key,
  province_code char(2) not null,
  person_id     uuid not null
);

create table employer (
  province_code  char(2) not null,
  id             uuid not null,
  credit_code    char(18) collate "C" not null,
  name           text not null,
  legal_rep      text not null,
  region_code    char(6) not null references division (code),
  industry_code  text not null references industry (code),
  size_class     text not null check (size_class in ('micro', 'small', 'medium', 'large', 'public_institution')),
  ownership      text not null check (ownership in ('state', 'collective', 'private', 'foreign', 'hmt', 'joint', 'other')),
  address        text not null default '',
  created_at     timestamptz not null default now(),
  updated_at     timestamptz not null default now(),
  primary key (province_code, id),
  unique (province_code, credit_code)
);
create index employer_region on employer (province_code, region_code);

create table employer_identity (
  credit_code   char(18) collate "C" primary key,
  province_code char(2) not null,
  employer_id   uuid not null
);

-- An employment belongs to the employer's province. The person may live in another province
-- (migrant workers), so the person reference is checked by the service, not a co-located FK.
create table employment (
  province_code        char(2) not null,
  id                   uuid not null,
  employer_id          uuid not null,
  person_province_code char(2) not null,
  person_id            uuid not null,
  hired_on             date not null,
  separated_on         date,
  separation_reason    text check (separation_reason in
                         ('resigned', 'dismissed', 'contract_ended', 'retired', 'died', 'employer_closed', 'other')),
  created_at           timestamptz not null default now(),
  primary key (province_code, id),
  foreign key (province_code, employer_id) references employer (province_code, id),
  check ((separated_on is null) = (separation_reason is null)),
  check (separated_on is null or separated_on >= hired_on)
);
create index employment_person on employment (person_id);
create index employment_employer on employment (province_code, employer_id);

create table unemployment_registration (
  province_code        char(2) not null,
  id                   uuid not null,
  person_province_code char(2) not null,
  person_id            uuid not null,
  region_code          char(6) not null references division (code),
  registered_on        date not null,
  deregistered_on      date,
  deregister_reason    text check (deregister_reason in
                         ('reemployed', 'retired', 'moved_away', 'no_longer_seeking', 'conscripted', 'imprisoned', 'died', 'other')),
  created_at           timestamptz not null default now(),
  primary key (province_code, id),
  check ((deregistered_on is null) = (deregister_reason is null)),
  check (deregistered_on is null or deregistered_on >= registered_on)
);
create index unemployment_person on unemployment_registration (person_id);

-- CSV imports run outside any one province: job records are control-plane data.
create table import_job (
  id          uuid primary key,
  kind        text not null check (kind in ('persons', 'employers')),
  filename    text not null,
  status      text not null check (status in ('running', 'done', 'failed')),
  total_rows  integer not null default 0,
  ok_rows     integer not null default 0,
  error_rows  integer not null default 0,
  created_by  uuid,
  created_at  timestamptz not null default now(),
  finished_at timestamptz,
  message     text
);

create table import_error (
  job_id   uuid not null references import_job (id) on delete cascade,
  row_no   integer not null,
  col      text not null,
  code     text not null,
  message  text not null,
  primary key (job_id, row_no, col)
);

-- Lookup by id alone (links in the console, a ministry user's national reads).
create index person_id on person (id);
create index employer_id on employer (id);
create index employment_id on employment (id);
create index unemployment_id on unemployment_registration (id);

-- One current job and one open unemployment registration per person (the service checks across
-- provinces; these close the race within one).
create unique index employment_one_current on employment (province_code, person_id) where separated_on is null;
create unique index unemployment_one_open on unemployment_registration (province_code, person_id) where deregistered_on is null;
