-- The arrears blacklist (失信联合惩戒对象名单) under its two regimes by date, and public
-- disclosure of major violations (人社部令第29号). Rules: rules-2020.md §5.

-- The two regimes' terms, loaded from reference/blacklist/regimes.json (data, not code).
create table blacklist_regime (
  code            text collate "C" primary key,       -- 'R2017' (人社部规〔2017〕16号) | 'O45' (人社部令第45号)
  valid_from      date not null,                      -- chosen by the case's handling-decision date
  valid_to        date,
  requires_unpaid_order boolean not null,             -- Order 45 art. 5: ordered to pay by a deadline and still unpaid
  objection_working_days integer not null check (objection_working_days > 0),
  term_months     integer not null check (term_months > 0),
  extension_months integer not null default 0,        -- automatic extension when not corrected at expiry (0: none)
  early_removal   boolean not null,                   -- credit repair on application before expiry
  early_removal_min_months integer,                   -- months since correction before early removal
  terms           jsonb not null                      -- every figure with its source and V/P/U tag
);

-- Criminal "数额较大" figures (法释〔2013〕3号 art. 3) per province, effective-dated. '00' is the national default.
create table blacklist_threshold (
  province_code   text collate "C" not null,
  valid_from      date not null,
  valid_to        date,
  per_person_fen  bigint not null check (per_person_fen > 0),   -- one worker, ≥ min_months unpaid
  total_fen       bigint not null check (total_fen > 0),        -- ≥ min_workers in total
  min_months      integer not null default 3,
  min_workers     integer not null default 10,
  source          text not null,
  tag             text not null check (tag in ('V', 'P', 'U')),
  primary key (province_code, valid_from)
);

-- One listing per case: proposal → notice → objection window → (objection upheld → not listed) or
-- decision → published → extended / expired / removed. Each step keeps its date.
create table blacklist_entry (
  province_code   text collate "C" not null,
  id              uuid not null,
  case_id         uuid not null,
  region_code     text collate "C" not null,          -- the deciding department's region (the case's office)
  regime          text collate "C" not null references blacklist_regime (code),
  origin          text not null check (origin in ('automatic', 'manual')),
  status          text not null check (status in ('proposed', 'noticed', 'not_listed', 'decided', 'published', 'extended', 'expired', 'removed')),
  grounds         jsonb not null,                     -- e.g. ["AMOUNT_TOTAL","MASS_INCIDENT"]
  employer_name   text not null,
  credit_code     text collate "C",
  address         text not null default '',
  facts           text not null default '',
  amount_owed_fen bigint not null,
  workers         integer not null,
  months_unpaid   integer,
  case_decided_on date not null,
  proposed_on     date not null,
  noticed_on      date,
  objection_due   date,                               -- last working day for an objection / statement
  objection_received_on date,
  objection_statement text,
  objection_outcome text check (objection_outcome in ('upheld', 'rejected')),
  objection_reviewed_on date,
  decided_on      date,
  published_on    date,
  expires_on      date,
  extended_on     date,
  corrected_on    date,                               -- arrears paid (corrected)
  commitment_signed_on date,                          -- 守信承诺
  removal_applied_on date,
  expired_on      date,
  removed_on      date,
  removal_reason  text check (removal_reason in ('credit_repair', 'revoked')),
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  primary key (province_code, id),
  unique (province_code, case_id),
  foreign key (province_code, case_id) references arrears_case (province_code, id)
);
create index blacklist_entry_status on blacklist_entry (status, expires_on);
create index blacklist_entry_region on blacklist_entry (province_code, region_code);

-- The unit's legal representative / principal and responsible persons, listed with it.
create table blacklist_person (
  province_code   text collate "C" not null,
  entry_id        uuid not null,
  seq             integer not null,
  role            text not null check (role in ('legal_rep', 'principal', 'manager', 'responsible')),
  name            text not null,
  id_number       text collate "C",                   -- never shown in full publicly
  primary key (province_code, entry_id, seq),
  foreign key (province_code, entry_id) references blacklist_entry (province_code, id) on delete cascade
);

-- A decided case marked for disclosure, with the published fields only (Order 29 art. 6).
create table disclosure_case (
  province_code   text collate "C" not null,
  id              uuid not null,
  case_id         uuid not null,
  region_code     text collate "C" not null,          -- the case's office
  category        smallint not null check (category between 1 and 7),
  employer_name   text not null,
  credit_code     text collate "C",
  address         text not null default '',
  legal_rep       text not null default '',
  facts           text not null,
  handling        text not null,
  marked_on       date not null,
  created_at      timestamptz not null default now(),
  primary key (province_code, id),
  unique (province_code, case_id),
  foreign key (province_code, case_id) references arrears_case (province_code, id)
);

-- A publication batch of a department: level and period follow the frequency rule. Ministry batches are province '00'.
create table disclosure_batch (
  province_code   text collate "C" not null,
  id              uuid not null,
  region_code     text collate "C" not null,          -- the publishing department
  level           text not null check (level in ('ministry', 'province', 'city', 'county')),
  kind            text not null check (kind in ('periodic', 'adhoc')),
  period          text collate "C" not null,          -- 'YYYYQn' (city, county), 'YYYYHn' (province, ministry), or the ad-hoc date
  title           text not null,
  status          text not null check (status in ('draft', 'published')),
  published_on    date,
  created_at      timestamptz not null default now(),
  primary key (province_code, id)
);
create unique index disclosure_batch_periodic on disclosure_batch (region_code, period) where kind = 'periodic';

-- A disclosure in a batch; a higher level's batch may hold (republish) a lower level's case.
create table disclosure_batch_item (
  province_code   text collate "C" not null,
  batch_id        uuid not null,
  case_province_code text collate "C" not null,
  disclosure_id   uuid not null,
  primary key (province_code, batch_id, case_province_code, disclosure_id),
  foreign key (province_code, batch_id) references disclosure_batch (province_code, id) on delete cascade,
  foreign key (case_province_code, disclosure_id) references disclosure_case (province_code, id)
);
