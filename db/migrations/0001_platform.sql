-- Platform: reference data, identity and access, audit.
-- Tenant rule (DESIGN.md §2): business tables carry province_code (2 digits of GB/T 2260) in their
-- primary key and in every unique and foreign key. Reference tables are small and shared.

create table division (
  code          char(6) primary key,
  province_code char(2) not null,
  level         text not null check (level in ('province', 'prefecture', 'county')),
  parent_code   char(6) references division (code),
  name_zh       text not null,
  name_en       text not null
);
create index division_parent on division (parent_code);

create table occupation_release (
  version        text primary key,
  effective_from date not null,
  note           text not null default ''
);

create table occupation (
  code          text primary key check (code ~ '^[1-8](-\d{2}){0,3}$'),
  level         text not null check (level in ('major', 'medium', 'minor', 'occupation')),
  parent_code   text references occupation (code),
  name_zh       text not null,
  name_en       text not null default '',
  definition_zh text not null default '',
  introduced_in text not null references occupation_release (version),
  retired_in    text references occupation_release (version)
);
create index occupation_parent on occupation (parent_code);

create table industry (
  code         text primary key,
  level        text not null check (level in ('section', 'division')),
  section_code text references industry (code),
  name_zh      text not null,
  name_en      text not null,
  injury_class smallint check (injury_class between 1 and 8)
);

-- Users are the control plane, not tenant data: a ministry user belongs to no province.
create table app_user (
  id            uuid primary key,
  username      text not null unique check (username ~ '^[a-z0-9._-]{3,64}$'),
  display_name  text not null,
  password_hash text not null,
  role          text not null check (role in ('ministry', 'province_officer', 'city_officer',
                  'labour_inspector', 'monitoring_reporter', 'employer', 'insured')),
  -- GB/T 2260 code of the region the user acts for; '000000' is national.
  region_code   char(6) not null,
  -- For employer and insured users: the record they act as.
  subject_province_code char(2),
  subject_id    uuid,
  disabled      boolean not null default false,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now()
);

create table session (
  token_hash   text primary key,
  user_id      uuid not null references app_user (id) on delete cascade,
  csrf_token   text not null,
  created_at   timestamptz not null default now(),
  expires_at   timestamptz not null,
  last_seen_at timestamptz not null default now()
);
create index session_by_user on session (user_id);

create table api_token (
  id           uuid primary key,
  user_id      uuid not null references app_user (id) on delete cascade,
  name         text not null,
  token_hash   text not null unique,
  scopes       text[] not null,
  created_at   timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at   timestamptz
);

-- Audit rows are written in the same transaction as the change they describe.
-- province_code '00' marks national (control-plane) actions.
create table audit_log (
  province_code char(2) not null,
  id            uuid not null,
  at            timestamptz not null default now(),
  actor_id      uuid,
  actor_name    text not null,
  action        text not null,
  entity_type   text not null,
  entity_id     text not null,
  before        jsonb,
  after         jsonb,
  request_id    text,
  primary key (province_code, id)
);
create index audit_log_at on audit_log (at desc);
create index audit_log_entity on audit_log (entity_type, entity_id);
