import type { ModuleHttpTests } from './types.ts';
import { employer, person } from '../../helpers/fixtures.ts';
import { newId } from '../../../src/platform/ids.ts';
import type { AppContext } from '../../../src/platform/context.ts';

type World = { szFlexible: { id: string } };

/** An individually insured (flexible) pension enrollment, written straight into the contract table. */
async function flexibleEnrollment(ctx: AppContext, personId: string, provinceCode: string, regionCode: string) {
  await ctx.db.insertInto('insurance_enrollment').values({
    province_code: provinceCode, id: newId(), person_province_code: provinceCode, person_id: personId, scheme: 'pension_employee', category: 'flexible',
    employer_id: null, region_code: regionCode, status: 'active', started_on: '2019-01-01',
  } as never).execute();
}

/**
 * Parameters, tier/deferral/suspension decisions and assessment runs in the matrix world. A Shenzhen
 * flexible worker is insured individually so that a 2020 pension suspension can be asked for.
 */
export const insuranceRulesHttp: ModuleHttpTests<World> = {
  async setup(ctx) {
    const szFlexible = await person(ctx, '440300', { name: '深圳灵活就业' });
    await flexibleEnrollment(ctx, szFlexible.id, '44', '440300');
    return { szFlexible };
  },

  samples: (w, base) => ({
    'GET /api/insurance/parameters': { inRegion: () => ({ method: 'GET', url: '/api/insurance/parameters?key=rate.&province=44&date=2020-03-01' }) },
    'GET /api/insurance/parameters/at': { inRegion: () => ({ method: 'GET', url: '/api/insurance/parameters/at?key=rate.unemployment.employer&province=44&date=2020-03-01' }) },
    'GET /api/insurance/parameters/history': { inRegion: () => ({ method: 'GET', url: '/api/insurance/parameters/history?key=avg_wage.monthly_fen&province=44' }) },
    'POST /api/insurance/parameters': {
      inRegion: () => ({ method: 'POST', url: '/api/insurance/parameters', body: { key: 'rate.unemployment.employer', provinceCode: '44', effectiveFrom: '2023-01-01', value: '0.0048', source: 'matrix' } }),
      outOfRegion: () => ({ method: 'POST', url: '/api/insurance/parameters', body: { key: 'rate.unemployment.employer', provinceCode: '11', effectiveFrom: '2023-01-01', value: '0.005', source: 'matrix' } }),
    },
    'GET /api/insurance/injury-tiers': {
      inRegion: () => ({ method: 'GET', url: `/api/insurance/injury-tiers?employerId=${base.szEmployer.id}` }),
      outOfRegion: () => ({ method: 'GET', url: `/api/insurance/injury-tiers?employerId=${base.bjEmployer.id}` }),
    },
    'POST /api/insurance/injury-tiers': {
      inRegion: () => ({ method: 'POST', url: '/api/insurance/injury-tiers', body: { employerId: base.szEmployer.id, effectiveFrom: '2020-01-01', tier: 2, reason: 'matrix' } }),
      outOfRegion: () => ({ method: 'POST', url: '/api/insurance/injury-tiers', body: { employerId: base.bjEmployer.id, effectiveFrom: '2020-01-01', tier: 2, reason: 'matrix' } }),
    },
    'GET /api/insurance/deferrals': { inRegion: () => ({ method: 'GET', url: '/api/insurance/deferrals' }) },
    'POST /api/insurance/deferrals': {
      inRegion: () => ({ method: 'POST', url: '/api/insurance/deferrals', body: { employerId: base.szEmployer.id, fromPeriod: '2020-02', toPeriod: '2020-06', untilOn: '2020-12-31', reason: '疫情困难' } }),
      outOfRegion: () => ({ method: 'POST', url: '/api/insurance/deferrals', body: { employerId: base.bjEmployer.id, fromPeriod: '2020-02', toPeriod: '2020-06', untilOn: '2020-12-31', reason: '疫情困难' } }),
    },
    'GET /api/insurance/pension-suspensions': {
      inRegion: () => ({ method: 'GET', url: `/api/insurance/pension-suspensions?personId=${w.szFlexible.id}` }),
      outOfRegion: () => ({ method: 'GET', url: `/api/insurance/pension-suspensions?personId=${base.bjPerson.id}` }),
    },
    'POST /api/insurance/pension-suspensions': {
      inRegion: () => ({ method: 'POST', url: '/api/insurance/pension-suspensions', body: { personId: w.szFlexible.id, year: 2020 } }),
      outOfRegion: () => ({ method: 'POST', url: '/api/insurance/pension-suspensions', body: { personId: base.bjPerson.id, year: 2020 } }),
    },
    'POST /api/insurance/assessment-runs': {
      inRegion: () => ({ method: 'POST', url: '/api/insurance/assessment-runs', body: { provinceCode: '44', period: '2019-01' } }),
      outOfRegion: () => ({ method: 'POST', url: '/api/insurance/assessment-runs', body: { provinceCode: '11', period: '2019-01' } }),
    },
    'GET /api/insurance/assessment-runs': { inRegion: () => ({ method: 'GET', url: '/api/insurance/assessment-runs' }) },
    'GET /api/insurance/assessment-runs/:provinceCode/:period': {
      inRegion: () => ({ method: 'GET', url: '/api/insurance/assessment-runs/44/2019-01' }),
      outOfRegion: () => ({ method: 'GET', url: '/api/insurance/assessment-runs/11/2019-01' }),
    },
    'GET /api/insurance/assessments': { inRegion: () => ({ method: 'GET', url: '/api/insurance/assessments?period=2019-01' }) },
  }),

  async walk({ ctx, gd, min, step }) {
    await step('POST /api/insurance/parameters', () => min.post('/api/insurance/parameters', { key: 'late_fee.daily_rate', provinceCode: '00', effectiveFrom: '2030-01-01', value: '0.0005', source: 'walk' }),
      { action: 'insurance.param_set', province: '00' });
    await step('POST /api/insurance/parameters', () => gd.post('/api/insurance/parameters', { key: 'rate.unemployment.employee', provinceCode: '44', effectiveFrom: '2030-01-01', value: '0.002', source: 'walk' }),
      { action: 'insurance.param_set', province: '44' });
    const e = await employer(ctx, '440300', '审计工伤企业');
    await step('POST /api/insurance/injury-tiers', () => gd.post('/api/insurance/injury-tiers', { employerId: e.id, effectiveFrom: '2020-01-01', tier: 4, reason: 'walk' }),
      { action: 'insurance.injury_tier_set', province: '44' });
    await step('POST /api/insurance/deferrals', () => gd.post('/api/insurance/deferrals', { employerId: e.id, fromPeriod: '2020-02', toPeriod: '2020-06', untilOn: '2020-12-31', reason: 'walk' }),
      { action: 'insurance.deferral_approve', province: '44' });
    const p = await person(ctx, '440300', { name: '审计灵活就业' });
    await flexibleEnrollment(ctx, p.id, '44', '440300');
    await step('POST /api/insurance/pension-suspensions', () => gd.post('/api/insurance/pension-suspensions', { personId: p.id, year: 2020 }),
      { action: 'insurance.pension_suspend', province: '44' });
    await step('POST /api/insurance/assessment-runs', () => gd.post('/api/insurance/assessment-runs', { provinceCode: '44', period: '2019-02' }),
      { action: 'insurance.assess', province: '44' });
    // the job goes on in the background: let it finish before the database closes
    for (let i = 0; i < 100; i++) {
      const run = await ctx.db.selectFrom('insurance_assessment_run').select('status').where('province_code', '=', '44').where('period', '=', '2019-02').executeTakeFirst();
      if (run?.status !== 'running') break;
      await new Promise((r) => setTimeout(r, 50));
    }
  },
};
