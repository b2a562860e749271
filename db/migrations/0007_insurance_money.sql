-- Collection (征收), individual pension accounts (个人账户) and the double-entry fund ledger.
-- Owner of this file: the collection/accounts/ledger work. Tables follow.

-- ---------- fund ledger ----------
-- The chart of accounts (a small reference table). normal_side says on which side the account grows.
create table fund_account (
  code        text collate "C" primary key,
  kind        text not null check (kind in ('asset', 'liability', 'net_assets', 'income', 'expenditure')),
  normal_side text not null check (normal_side in ('debit', 'credit')),
  name_zh     text not null,
  name_en     text not null
);
insert into fund_account (code, kind, normal_side, name_zh, name_en) values
  ('1002', 'asset',       'debit',  '基金银行存款',   'Fund bank deposits'),
  ('2101', 'liability',   'credit', '预收社会保险费', 'Contributions received in advance (payer credits)'),
  ('3001', 'net_assets',  'credit', '基金累计结余（期初）', 'Fund balance brought forward'),
  ('4101', 'income',      'credit', '社会保险费收入', 'Contribution income'),
  ('4201', 'income',      'credit', '财政补贴收入',   'Fiscal subsidy income'),
  ('4301', 'income',      'credit', '利息收入',       'Interest income'),
  ('4401', 'income',      'credit', '转移收入',       'Transfer-in income'),
  ('5101', 'expenditure', 'debit',  '社会保险待遇支出', 'Benefit expenditure'),
  ('5201', 'expenditure', 'debit',  '转移支出',       'Transfer-out expenditure');

-- A journal entry belongs to one province; its lines may touch several schemes' ledgers (a payment
-- covers pension, unemployment and work injury at once) but balance within each scheme.
-- 'collection' is the province's holding ledger for money received but not yet applied to an
-- assessment (an overpayment kept as the payer's credit): it is no fund's income yet.
create table fund_journal (
  province_code text collate "C" not null,
  id            uuid not null,
  posted_on     date not null,
  kind          text not null check (kind in ('opening', 'contribution', 'fiscal_subsidy', 'interest', 'benefit', 'transfer_out', 'transfer_in', 'credit_applied')),
  memo          text not null default '',
  source_type   text,                                 -- e.g. 'payment', 'transfer', 'demo_collection'
  source_id     text,
  created_by    text not null,
  created_at    timestamptz not null default now(),
  primary key (province_code, id)
);
create index fund_journal_posted on fund_journal (province_code, posted_on);

create table fund_posting (
  province_code text collate "C" not null,
  journal_id    uuid not null,
  line_no       integer not null,
  scheme        text not null check (scheme in ('pension_employee', 'pension_resident', 'unemployment', 'work_injury', 'collection')),
  account_code  text collate "C" not null references fund_account (code),
  debit_fen     bigint not null default 0 check (debit_fen >= 0),
  credit_fen    bigint not null default 0 check (credit_fen >= 0),
  posted_on     date not null,                        -- the journal's date, kept on the line for period sums
  primary key (province_code, journal_id, line_no),
  foreign key (province_code, journal_id) references fund_journal (province_code, id),
  check ((debit_fen = 0) <> (credit_fen = 0))         -- exactly one side
);
create index fund_posting_report on fund_posting (province_code, scheme, account_code, posted_on);

-- Debit = credit, per journal and scheme, checked at commit: a journal cannot be left unbalanced
-- by any writer (the application checks first and says which; this is the backstop).
create function fund_posting_check_balanced() returns trigger language plpgsql as $$
declare
  bad record;
begin
  select scheme, sum(debit_fen) as d, sum(credit_fen) as c into bad
    from fund_posting
   where province_code = new.province_code and journal_id = new.journal_id
   group by scheme
  having sum(debit_fen) <> sum(credit_fen)
   limit 1;
  if found then
    raise exception 'fund journal % is unbalanced in scheme % (debit %, credit %)', new.journal_id, bad.scheme, bad.d, bad.c
      using errcode = '23514';
  end if;
  return null;
end $$;
create constraint trigger fund_posting_balanced after insert or update on fund_posting
  deferrable initially deferred for each row execute function fund_posting_check_balanced();

-- ---------- payments ----------
-- A payment by an employer (for its employees' assessments) or by an individually insured person.
create table insurance_payment (
  province_code        text collate "C" not null,
  id                   uuid not null,
  payer_kind           text not null check (payer_kind in ('employer', 'person')),
  employer_id          uuid,
  person_province_code text collate "C",
  person_id            uuid,
  region_code          text collate "C" not null,      -- the payer's region, for region scoping
  amount_fen           bigint not null check (amount_fen > 0),
  paid_on              date not null,
  reference            text,                          -- bank reference or CSV file row
  channel              text not null default 'api' check (channel in ('api', 'csv', 'demo')),
  journal_id           uuid,
  created_by           text not null,
  created_at           timestamptz not null default now(),
  primary key (province_code, id),
  check ((payer_kind = 'employer') = (employer_id is not null)),
  check ((payer_kind = 'person') = (person_id is not null))
);
create index insurance_payment_employer on insurance_payment (province_code, employer_id, paid_on);
create index insurance_payment_person on insurance_payment (province_code, person_id, paid_on);

-- Money of a payment applied to an assessment, split by share. The unapplied rest of a payment is
-- the payer's credit, applied to later assessments by later allocations of the same payment.
create table insurance_allocation (
  province_code  text collate "C" not null,
  id             uuid not null,
  payment_id     uuid not null,
  assessment_id  uuid not null,
  employer_fen   bigint not null check (employer_fen >= 0),
  employee_fen   bigint not null check (employee_fen >= 0),
  allocated_on   date not null,                       -- when the money met the assessment (the payment date, or later for a credit)
  late_fee_fen   bigint not null default 0,           -- late fee accrued on this amount up to allocated_on
  created_at     timestamptz not null default now(),
  primary key (province_code, id),
  foreign key (province_code, payment_id) references insurance_payment (province_code, id),
  foreign key (province_code, assessment_id) references insurance_assessment (province_code, id)
);
create index insurance_allocation_assessment on insurance_allocation (province_code, assessment_id);
create index insurance_allocation_payment on insurance_allocation (province_code, payment_id);

-- ---------- individual pension accounts ----------
-- One open account per person, kept by the province that insures the person; a transfer closes it
-- and opens (or continues) one in the receiving province. The balance is the sum of the entries.
create table insurance_account (
  province_code        text collate "C" not null,
  id                   uuid not null,
  person_province_code text collate "C" not null,
  person_id            uuid not null,
  status               text not null check (status in ('open', 'transferred_out')),
  opened_on            date not null,
  closed_on            date,
  transferred_from     uuid,                          -- the account (in another province) this one continues
  created_at           timestamptz not null default now(),
  primary key (province_code, id),
  foreign key (person_province_code, person_id) references person (province_code, id)
);
create unique index insurance_account_one_open on insurance_account (person_id) where status = 'open';

create table insurance_account_entry (
  province_code text collate "C" not null,
  account_id    uuid not null,
  id            uuid not null,
  entry_on      date not null,
  kind          text not null check (kind in ('credit', 'interest', 'transfer_in', 'transfer_out')),
  amount_fen    bigint not null,                      -- signed: transfer_out is negative
  period        text collate "C",                     -- credit: the contribution month
  year          integer,                              -- interest: the year it is for
  assessment_id uuid,                                 -- credit: the assessment whose employee share was paid
  rate          numeric,                              -- credit / interest: the rate applied
  created_at    timestamptz not null default now(),
  primary key (province_code, account_id, id),
  foreign key (province_code, account_id) references insurance_account (province_code, id)
);
-- Idempotence: one credit per assessment, one interest entry per account and year.
create unique index insurance_account_entry_credit on insurance_account_entry (province_code, assessment_id) where kind = 'credit';
create unique index insurance_account_entry_interest on insurance_account_entry (province_code, account_id, year) where kind = 'interest';

-- ---------- inter-province transfers ----------
-- Kept once in each province (side 'out' in the sending one, 'in' in the receiving one) under the
-- same id, so that both see it without reading another tenant's rows.
create table insurance_transfer (
  province_code        text collate "C" not null,
  id                   uuid not null,
  side                 text not null check (side in ('out', 'in')),
  from_province_code   text collate "C" not null,
  to_province_code     text collate "C" not null,
  from_region_code     text collate "C" not null,
  to_region_code       text collate "C" not null,
  person_province_code text collate "C" not null,
  person_id            uuid not null,
  transfer_on          date not null,
  enrollments          jsonb not null,                -- [{scheme, fromEnrollmentId, toEnrollmentId}]
  contribution_months  integer not null,              -- paid pension months carried (all provinces)
  account_balance_fen  bigint not null,               -- moved with the account
  created_by           text not null,
  created_at           timestamptz not null default now(),
  primary key (province_code, id),
  foreign key (person_province_code, person_id) references person (province_code, id)
);
create index insurance_transfer_person on insurance_transfer (person_id);
