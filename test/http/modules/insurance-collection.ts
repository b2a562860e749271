import type { ModuleHttpTests } from './types.ts';
import { employer, person } from '../../helpers/fixtures.ts';
import type { AppContext } from '../../../src/platform/context.ts';

type World = Record<string, never>;

const csv = (boundary: string, body: string) =>
  `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="payments.csv"\r\nContent-Type: text/csv\r\n\r\n${body}\r\n--${boundary}--\r\n`;

/** The parameters collection reads, added where the reference files have not put them (never changing a loaded value). */
async function ensureParams(ctx: AppContext) {
  await ctx.db.insertInto('insurance_parameter').values([
    { key: 'late_fee.daily_rate', province_code: '00', effective_from: '2011-07-01', effective_to: null, value: JSON.stringify('0.0005'), source: 'test' },
    { key: 'account.credit_rate', province_code: '00', effective_from: '2006-01-01', effective_to: null, value: JSON.stringify('0.08'), source: 'test' },
    { key: 'account.interest_rate', province_code: '00', effective_from: '2020-01-01', effective_to: '2021-01-01', value: JSON.stringify('0.0604'), source: 'test' },
  ]).onConflict((oc) => oc.doNothing()).execute();
}

/**
 * Collection, accounts, transfers and the fund ledger in the matrix world: Shenzhen's employer and
 * insured person in region, Beijing's outside. Statements and accounts address a record; fund
 * reports and postings address a province (44 in region, 11 outside).
 */
export const insuranceCollectionHttp: ModuleHttpTests<World> = {
  async setup(ctx) {
    await ensureParams(ctx);
    return {};
  },

  samples: (_w, base) => ({
    'POST /api/insurance/payments': {
      inRegion: () => ({ method: 'POST', url: '/api/insurance/payments', body: { employerId: base.szEmployer.id, amountFen: 100, paidOn: '2020-06-01' } }),
      outOfRegion: () => ({ method: 'POST', url: '/api/insurance/payments', body: { employerId: base.bjEmployer.id, amountFen: 100, paidOn: '2020-06-01' } }),
    },
    'POST /api/insurance/payments/csv': { inRegion: () => ({ method: 'POST', url: '/api/insurance/payments/csv', multipart: true }) },
    'GET /api/insurance/arrears': { inRegion: () => ({ method: 'GET', url: '/api/insurance/arrears?by=employer&asOf=2020-12-31' }) },
    'GET /api/insurance/employers/:id/statement': {
      inRegion: () => ({ method: 'GET', url: `/api/insurance/employers/${base.szEmployer.id}/statement?from=2020-01&to=2020-12` }),
      outOfRegion: () => ({ method: 'GET', url: `/api/insurance/employers/${base.bjEmployer.id}/statement?from=2020-01&to=2020-12` }),
    },
    'GET /api/insurance/persons/:id/account': {
      inRegion: () => ({ method: 'GET', url: `/api/insurance/persons/${base.szPerson.id}/account` }),
      outOfRegion: () => ({ method: 'GET', url: `/api/insurance/persons/${base.bjPerson.id}/account` }),
    },
    'GET /api/insurance/persons/:id/record': {
      inRegion: () => ({ method: 'GET', url: `/api/insurance/persons/${base.szPerson.id}/record` }),
      outOfRegion: () => ({ method: 'GET', url: `/api/insurance/persons/${base.bjPerson.id}/record` }),
    },
    'POST /api/insurance/accounts/interest': {
      inRegion: () => ({ method: 'POST', url: '/api/insurance/accounts/interest', body: { provinceCode: '44', year: 2020 } }),
      outOfRegion: () => ({ method: 'POST', url: '/api/insurance/accounts/interest', body: { provinceCode: '11', year: 2020 } }),
    },
    // The receiving region acts: a transfer into Shenzhen is in region, one into Beijing outside.
    'POST /api/insurance/transfers': {
      inRegion: () => ({ method: 'POST', url: '/api/insurance/transfers', body: { personId: base.bjPerson.id, toRegionCode: '440300', date: '2020-07-01' } }),
      outOfRegion: () => ({ method: 'POST', url: '/api/insurance/transfers', body: { personId: base.szPerson.id, toRegionCode: '110100', date: '2020-07-01' } }),
    },
    'GET /api/insurance/transfers': { inRegion: () => ({ method: 'GET', url: '/api/insurance/transfers' }) },
    'GET /api/insurance/fund/report': {
      inRegion: () => ({ method: 'GET', url: '/api/insurance/fund/report?from=2020-01-01&to=2020-12-31&provinceCode=44' }),
      outOfRegion: () => ({ method: 'GET', url: '/api/insurance/fund/report?from=2020-01-01&to=2020-12-31&provinceCode=11' }),
    },
    'GET /api/insurance/fund/monthly': {
      inRegion: () => ({ method: 'GET', url: '/api/insurance/fund/monthly?from=2020-01-01&to=2020-12-31&provinceCode=44' }),
      outOfRegion: () => ({ method: 'GET', url: '/api/insurance/fund/monthly?from=2020-01-01&to=2020-12-31&provinceCode=11' }),
    },
    'GET /api/insurance/fund/journals': {
      inRegion: () => ({ method: 'GET', url: '/api/insurance/fund/journals?from=2020-01-01&to=2020-12-31&provinceCode=44' }),
      outOfRegion: () => ({ method: 'GET', url: '/api/insurance/fund/journals?from=2020-01-01&to=2020-12-31&provinceCode=11' }),
    },
    'POST /api/insurance/fund/postings': {
      inRegion: () => ({ method: 'POST', url: '/api/insurance/fund/postings', body: { provinceCode: '44', scheme: 'pension_employee', kind: 'fiscal_subsidy', amountFen: 100000, postedOn: '2020-06-30' } }),
      outOfRegion: () => ({ method: 'POST', url: '/api/insurance/fund/postings', body: { provinceCode: '11', scheme: 'pension_employee', kind: 'fiscal_subsidy', amountFen: 100000, postedOn: '2020-06-30' } }),
    },
  }),

  async walk({ ctx, gd, min, step }) {
    await ensureParams(ctx);
    const emp = await employer(ctx, '440300', '征收审计有限公司');
    await step('POST /api/insurance/fund/postings', () => min.post('/api/insurance/fund/postings', { provinceCode: '44', scheme: 'unemployment', kind: 'interest', amountFen: 5000, postedOn: '2020-12-31' }), { action: 'fund.post', province: '44' });
    await step('POST /api/insurance/payments', () => gd.post('/api/insurance/payments', { employerId: emp.id, amountFen: 12345, paidOn: '2020-06-01', reference: 'BANK-1' }), { action: 'insurance.payment', province: '44' });
    const boundary = 'c0llect';
    await step('POST /api/insurance/payments/csv', () => gd.call('POST', '/api/insurance/payments/csv', csv(boundary, `credit_code,id_number,amount,paid_on,reference\n${emp.credit_code},,100.50,2020-06-02,BANK-2\n`),
      { 'content-type': `multipart/form-data; boundary=${boundary}` }), { action: 'insurance.payment', province: '44' });
    await step('POST /api/insurance/accounts/interest', () => gd.post('/api/insurance/accounts/interest', { provinceCode: '44', year: 2020 }), { action: 'insurance.account_interest', province: '44' });
    // A Sichuan worker's pension moves to Shenzhen: the receiving province's officer acts.
    const migrant = await person(ctx, '510100', { name: '四川务工' });
    await ctx.db.insertInto('insurance_enrollment').values({
      province_code: '51', id: crypto.randomUUID(), person_province_code: migrant.province_code, person_id: migrant.id, scheme: 'pension_employee', category: 'flexible',
      employer_id: null, region_code: '510100', status: 'active', started_on: '2019-01-01', ended_on: null, end_reason: null, transferred_from: null,
    }).execute();
    await step('POST /api/insurance/transfers', () => gd.post('/api/insurance/transfers', { personId: migrant.id, toRegionCode: '440300', date: '2020-08-01' }), { action: 'insurance.transfer', province: '44' });
  },
};
