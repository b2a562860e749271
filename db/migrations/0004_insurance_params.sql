-- Social insurance parameters (rules-2020.md §1): every rate, floor, ceiling, average wage,
-- relief window and interest rate is an effective-dated value with a national default
-- (province_code '00') and per-province overrides, loaded from reference/insurance/*.json.
create table insurance_parameter (
  key            text collate "C" not null,           -- e.g. 'pension.employer_rate'
  province_code  text collate "C" not null,           -- '00' national default, else the province
  effective_from date not null,
  effective_to   date,                                -- exclusive; null = open-ended
  value          jsonb not null,
  source         text not null,                       -- the document that sets it
  updated_at     timestamptz not null default now(),
  primary key (key, province_code, effective_from),
  check (effective_to is null or effective_to > effective_from)
);
create index insurance_parameter_province on insurance_parameter (province_code, key, effective_from);
