-- Labour-market monitoring: the public employment services of monitored cities report, each
-- quarter, recruitment demand and job seekers per occupation; the ministry ranks the top-100
-- shortage occupations (rules-2020.md §6) and publishes a reproducible snapshot.
--
-- Tenant rule: agencies, reports and their lines are business data of a province (province_code
-- in every key). Quarters, validation rules, ranking weights and published rankings are national
-- control data (a national rollup, like the reference tables): keyed by quarter, not by province.

-- Quarters open for reporting, with their deadline and the classification date they validate
-- against. Deadlines are data: a late report is one submitted after due_on.
create table labour_quarter (
  quarter              text primary key check (quarter ~ '^\d{4}Q[1-4]$'),
  starts_on            date not null,
  ends_on              date not null,
  due_on               date not null,
  -- the occupational classification in force on this date applies to the quarter's reports
  classification_as_of date not null,
  closed_at            timestamptz,
  created_at           timestamptz not null default now(),
  check (ends_on > starts_on and due_on >= starts_on)
);

-- Validation rules as data: each row switches a rule on or off, sets its severity (an error
-- rejects the whole submission; a warning flags the value for a comment) and its parameters.
create table labour_validation_rule (
  code        text primary key,
  severity    text not null check (severity in ('error', 'warning')),
  enabled     boolean not null default true,
  params      jsonb not null default '{}',
  description text not null
);
insert into labour_validation_rule (code, severity, params, description) values
  ('NON_NEGATIVE_INTEGER', 'error', '{}', 'Demand, job seekers and the totals are non-negative integers.'),
  ('OCCUPATION_IN_FORCE', 'error', '{}', 'Each line names an occupation (a 4-level code) of the classification in force on the quarter''s classification date.'),
  ('DUPLICATE_OCCUPATION', 'error', '{}', 'An occupation appears at most once in a report.'),
  ('LINES_WITHIN_TOTALS', 'error', '{}', 'The per-occupation sums of demand and of job seekers are not above the reported totals.'),
  ('FAR_FROM_HISTORY', 'warning', '{"factor": 3, "minDifference": 100, "lookbackQuarters": 4}',
   'A value more than factor× (or less than 1/factor of) the agency''s mean for the occupation over its previous accepted quarters, and at least minDifference away, is flagged for a comment; it is not rejected.');

-- Ranking parameters, effective from a quarter (the newest row not after the quarter applies).
-- score = gap_weight × gap / max gap + city_weight × cities / max cities (README: Labour-market ranking).
create table labour_ranking_param (
  effective_from text primary key check (effective_from ~ '^\d{4}Q[1-4]$'),
  gap_weight     numeric(5, 4) not null check (gap_weight >= 0),
  city_weight    numeric(5, 4) not null check (city_weight >= 0),
  city_top_n     integer not null default 20 check (city_top_n > 0),
  national_top_n integer not null default 100 check (national_top_n > 0),
  typical_cities integer not null default 5 check (typical_cities > 0),
  note           text not null default '',
  check (gap_weight + city_weight = 1)
);
insert into labour_ranking_param (effective_from, gap_weight, city_weight, note) values
  ('2019Q1', 0.5, 0.5, 'hrss default: gap and breadth weigh equally; CETTIC''s weights are unpublished (rules-2020.md §6).');

-- The public employment service of a monitored city. Its reporters are the users with role
-- monitoring_reporter whose region is the agency's city (one agency per city).
create table labour_agency (
  province_code  char(2) not null,
  id             uuid not null,
  city_code      char(6) not null references division (code),
  name           text not null,
  monitored_from text not null check (monitored_from ~ '^\d{4}Q[1-4]$'),
  active         boolean not null default true,
  created_at     timestamptz not null default now(),
  primary key (province_code, id),
  unique (province_code, city_code)
);
create index labour_agency_id on labour_agency (id);

create table labour_report (
  province_code  char(2) not null,
  id             uuid not null,
  agency_id      uuid not null,
  quarter        text not null references labour_quarter (quarter),
  status         text not null check (status in ('draft', 'submitted', 'accepted', 'returned', 'locked')),
  revision       integer not null default 1,
  total_demand   bigint not null check (total_demand >= 0),
  total_seekers  bigint not null check (total_seekers >= 0),
  -- warnings of the rules with severity 'warning' at the last save: [{field, code, message}]
  warnings       jsonb not null default '[]',
  review_comment text,
  submitted_at   timestamptz,
  reviewed_at    timestamptz,
  created_at     timestamptz not null default now(),
  updated_at     timestamptz not null default now(),
  primary key (province_code, id),
  unique (province_code, agency_id, quarter),
  foreign key (province_code, agency_id) references labour_agency (province_code, id)
);
create index labour_report_quarter on labour_report (quarter, status);
create index labour_report_id on labour_report (id);

create table labour_report_line (
  province_code   char(2) not null,
  report_id       uuid not null,
  occupation_code text not null references occupation (code),
  demand          integer not null check (demand >= 0),
  seekers         integer not null check (seekers >= 0),
  comment         text,
  primary key (province_code, report_id, occupation_code),
  foreign key (province_code, report_id) references labour_report (province_code, id) on delete cascade
);

-- The history of a report: every save, submission, return and acceptance, with the figures as
-- they stood (a resubmission keeps what was returned).
create table labour_report_event (
  province_code char(2) not null,
  report_id     uuid not null,
  seq           integer not null,
  at            timestamptz not null default now(),
  action        text not null check (action in ('save', 'submit', 'return', 'accept', 'lock')),
  status        text not null,
  actor_id      uuid,
  actor_name    text not null,
  comment       text,
  snapshot      jsonb,
  primary key (province_code, report_id, seq),
  foreign key (province_code, report_id) references labour_report (province_code, id) on delete cascade
);

create table labour_reminder (
  province_code char(2) not null,
  id            uuid not null,
  agency_id     uuid not null,
  quarter       text not null references labour_quarter (quarter),
  sent_at       timestamptz not null default now(),
  sent_by       text not null,
  primary key (province_code, id),
  foreign key (province_code, agency_id) references labour_agency (province_code, id)
);
create index labour_reminder_quarter on labour_reminder (quarter, province_code, agency_id);

-- A published quarter: the snapshot is the ranking itself (names and definitions as published),
-- the parameters used and a digest of the input, so it never changes when later data arrive.
create table labour_publication (
  quarter        text primary key references labour_quarter (quarter),
  published_at   timestamptz not null default now(),
  published_by   text not null,
  params         jsonb not null,
  agencies       integer not null,
  cities         integer not null,
  demand         bigint not null,
  seekers        bigint not null,
  prev_quarter   text,
  prev_demand    bigint,
  prev_seekers   bigint,
  breakdown      jsonb not null,
  entries        jsonb not null,
  exits          jsonb not null,
  input_digest   text not null
);

create table labour_ranking_entry (
  quarter         text not null references labour_publication (quarter),
  rank            integer not null,
  occupation_code text not null references occupation (code),
  name_zh         text not null,
  definition_zh   text not null,
  major_code      text not null,
  gap_total       bigint not null,
  city_count      integer not null,
  score           numeric not null,
  demand          bigint not null,
  seekers         bigint not null,
  typical_cities  jsonb not null,
  prev_rank       integer,
  primary key (quarter, rank),
  unique (quarter, occupation_code)
);
