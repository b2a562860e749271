import type { ModuleHttpTests } from './types.ts';
import { ROOT, employer, person } from '../../helpers/fixtures.ts';
import { SYSTEM_ACTOR } from '../../../src/platform/audit.ts';
import { hire } from '../../../src/modules/employment/employment.service.ts';
import { enroll } from '../../../src/modules/insurance/enrollment/enrollment.service.ts';

type World = {
  szJob: { id: string }; bjJob: { id: string }; szNewcomer: { id: string };
  szEnrollment: { id: string }; bjEnrollment: { id: string };
};

const csv = (boundary: string, body: string) =>
  `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="w.csv"\r\nContent-Type: text/csv\r\n\r\n${body}\r\n--${boundary}--\r\n`;

/**
 * Enrollment and declarations in the matrix world: a Shenzhen employee of the Shenzhen employer
 * (enrolled in pension) and a Beijing one likewise; a second Shenzhen hire not yet enrolled.
 */
export const insuranceEnrollmentHttp: ModuleHttpTests<World> = {
  async setup(ctx, base) {
    const szNewcomer = await person(ctx, '440300', { name: '深圳新员工' });
    const szJob = await hire(ctx, ROOT, SYSTEM_ACTOR, { personId: szNewcomer.id, employerId: base.szEmployer.id, hiredOn: '2020-02-01' });
    const szWorker = await person(ctx, '440300', { name: '深圳参保员工' });
    await hire(ctx, ROOT, SYSTEM_ACTOR, { personId: szWorker.id, employerId: base.szEmployer.id, hiredOn: '2019-05-01' });
    const szEnrollment = await enroll(ctx, ROOT, SYSTEM_ACTOR, { personId: szWorker.id, scheme: 'pension_employee', category: 'employee', employerId: base.szEmployer.id, startedOn: '2019-05-01', femaleCadre: false });
    const bjWorker = await person(ctx, '110100', { name: '北京参保员工' });
    const bjJob = await hire(ctx, ROOT, SYSTEM_ACTOR, { personId: bjWorker.id, employerId: base.bjEmployer.id, hiredOn: '2019-05-01' });
    const bjEnrollment = await enroll(ctx, ROOT, SYSTEM_ACTOR, { personId: bjWorker.id, scheme: 'unemployment', category: 'employee', employerId: base.bjEmployer.id, startedOn: '2019-05-01', femaleCadre: false });
    return { szJob, bjJob, szNewcomer, szEnrollment, bjEnrollment };
  },

  samples: (w, base) => ({
    'GET /api/insurance/enrollments': { inRegion: () => ({ method: 'GET', url: '/api/insurance/enrollments' }) },
    'POST /api/insurance/enrollments': {
      inRegion: () => ({ method: 'POST', url: '/api/insurance/enrollments', body: { personId: w.szNewcomer.id, scheme: 'work_injury', category: 'employee', employerId: base.szEmployer.id, startedOn: '2020-02-01' } }),
      outOfRegion: () => ({ method: 'POST', url: '/api/insurance/enrollments', body: { personId: base.bjPerson.id, scheme: 'pension_resident', category: 'resident', startedOn: '2020-02-01' } }),
    },
    'POST /api/insurance/enrollments/employee-schemes': {
      inRegion: () => ({ method: 'POST', url: '/api/insurance/enrollments/employee-schemes', body: { employmentId: w.szJob.id } }),
      outOfRegion: () => ({ method: 'POST', url: '/api/insurance/enrollments/employee-schemes', body: { employmentId: w.bjJob.id } }),
    },
    'GET /api/insurance/enrollments/:id': {
      inRegion: () => ({ method: 'GET', url: `/api/insurance/enrollments/${w.szEnrollment.id}` }),
      outOfRegion: () => ({ method: 'GET', url: `/api/insurance/enrollments/${w.bjEnrollment.id}` }),
    },
    'POST /api/insurance/enrollments/:id/suspend': {
      inRegion: () => ({ method: 'POST', url: `/api/insurance/enrollments/${w.szEnrollment.id}/suspend`, body: { suspendedFrom: '2020-03-01', reason: 'unpaid_leave' } }),
      outOfRegion: () => ({ method: 'POST', url: `/api/insurance/enrollments/${w.bjEnrollment.id}/suspend`, body: { suspendedFrom: '2020-03-01', reason: 'unpaid_leave' } }),
    },
    'POST /api/insurance/enrollments/:id/resume': {
      inRegion: () => ({ method: 'POST', url: `/api/insurance/enrollments/${w.szEnrollment.id}/resume`, body: { resumedOn: '2020-05-01' } }),
      outOfRegion: () => ({ method: 'POST', url: `/api/insurance/enrollments/${w.bjEnrollment.id}/resume`, body: { resumedOn: '2020-05-01' } }),
    },
    'POST /api/insurance/enrollments/:id/terminate': {
      inRegion: () => ({ method: 'POST', url: `/api/insurance/enrollments/${w.szEnrollment.id}/terminate`, body: { endedOn: '2020-09-01', reason: 'employment_ended' } }),
      outOfRegion: () => ({ method: 'POST', url: `/api/insurance/enrollments/${w.bjEnrollment.id}/terminate`, body: { endedOn: '2020-09-01', reason: 'employment_ended' } }),
    },
    'GET /api/insurance/persons/:id/enrollments': {
      inRegion: () => ({ method: 'GET', url: `/api/insurance/persons/${base.szPerson.id}/enrollments` }),
      outOfRegion: () => ({ method: 'GET', url: `/api/insurance/persons/${base.bjPerson.id}/enrollments` }),
    },
    'GET /api/insurance/declarations': { inRegion: () => ({ method: 'GET', url: '/api/insurance/declarations' }) },
    'GET /api/insurance/declarations/sheet': {
      inRegion: () => ({ method: 'GET', url: `/api/insurance/declarations/sheet?employerId=${base.szEmployer.id}&period=2020-03` }),
      outOfRegion: () => ({ method: 'GET', url: `/api/insurance/declarations/sheet?employerId=${base.bjEmployer.id}&period=2020-03` }),
    },
    'POST /api/insurance/declarations': {
      inRegion: () => ({ method: 'POST', url: '/api/insurance/declarations', body: { employerId: base.szEmployer.id, personId: w.szNewcomer.id, period: '2020-03', wageFen: 700_000 } }),
      outOfRegion: () => ({ method: 'POST', url: '/api/insurance/declarations', body: { employerId: base.bjEmployer.id, personId: base.bjPerson.id, period: '2020-03', wageFen: 700_000 } }),
    },
    'POST /api/insurance/declarations/batch': {
      inRegion: () => ({ method: 'POST', url: '/api/insurance/declarations/batch', body: { employerId: base.szEmployer.id, period: '2020-03', lines: [{ personId: w.szNewcomer.id, wageFen: 710_000 }] } }),
      outOfRegion: () => ({ method: 'POST', url: '/api/insurance/declarations/batch', body: { employerId: base.bjEmployer.id, period: '2020-03', lines: [{ personId: base.bjPerson.id, wageFen: 710_000 }] } }),
    },
    'POST /api/insurance/declarations/csv': {
      inRegion: () => ({ method: 'POST', url: `/api/insurance/declarations/csv?employerId=${base.szEmployer.id}&period=2020-03`, multipart: true }),
      outOfRegion: () => ({ method: 'POST', url: `/api/insurance/declarations/csv?employerId=${base.bjEmployer.id}&period=2020-03`, multipart: true }),
    },
    'GET /api/insurance/declaration-periods': { inRegion: () => ({ method: 'GET', url: '/api/insurance/declaration-periods' }) },
    'POST /api/insurance/declaration-periods/close': {
      inRegion: () => ({ method: 'POST', url: '/api/insurance/declaration-periods/close', body: { provinceCode: '44', through: '2018-12' } }),
      outOfRegion: () => ({ method: 'POST', url: '/api/insurance/declaration-periods/close', body: { provinceCode: '11', through: '2018-12' } }),
    },
  }),

  async walk({ ctx, gd, min, step }) {
    const company = await employer(ctx, '440300', '审计参保有限公司');
    const a = await person(ctx, '440300', { name: '审计参保甲' });
    const b = await person(ctx, '440300', { name: '审计参保乙' });
    const jobA = await hire(ctx, ROOT, SYSTEM_ACTOR, { personId: a.id, employerId: company.id, hiredOn: '2020-01-06' });
    await hire(ctx, ROOT, SYSTEM_ACTOR, { personId: b.id, employerId: company.id, hiredOn: '2020-01-06' });
    const e = JSON.parse((await step('POST /api/insurance/enrollments', () => gd.post('/api/insurance/enrollments', { personId: b.id, scheme: 'pension_employee', category: 'employee', employerId: company.id, startedOn: '2020-01-06' }), { action: 'insurance.enroll', province: '44' })).body);
    await step('POST /api/insurance/enrollments/employee-schemes', () => gd.post('/api/insurance/enrollments/employee-schemes', { employmentId: jobA.id }), { action: 'insurance.enroll', province: '44' });
    await step('POST /api/insurance/enrollments/:id/suspend', () => gd.post(`/api/insurance/enrollments/${e.id}/suspend`, { suspendedFrom: '2020-04-01', reason: 'unpaid_leave' }), { action: 'insurance.suspend', province: '44' });
    await step('POST /api/insurance/enrollments/:id/resume', () => gd.post(`/api/insurance/enrollments/${e.id}/resume`, { resumedOn: '2020-06-01' }), { action: 'insurance.resume', province: '44' });
    await step('POST /api/insurance/declarations', () => gd.post('/api/insurance/declarations', { employerId: company.id, personId: a.id, period: '2020-02', wageFen: 650_000 }), { action: 'insurance.declare', province: '44' });
    await step('POST /api/insurance/declarations/batch', () => gd.post('/api/insurance/declarations/batch', { employerId: company.id, period: '2020-02', lines: [{ personId: a.id, wageFen: 660_000 }, { personId: b.id, wageFen: 800_000 }] }), { action: 'insurance.declare', province: '44' });
    const boundary = 'enrollb';
    await step('POST /api/insurance/declarations/csv', () => gd.call('POST', `/api/insurance/declarations/csv?employerId=${company.id}&period=2020-03`, csv(boundary, `id_number,wage_fen\n${a.id_number},670000\n${b.id_number},-1\n`), { 'content-type': `multipart/form-data; boundary=${boundary}` }), { action: 'insurance.declare', province: '44' });
    await step('POST /api/insurance/enrollments/:id/terminate', () => gd.post(`/api/insurance/enrollments/${e.id}/terminate`, { endedOn: '2020-10-01', reason: 'employment_ended' }), { action: 'insurance.terminate', province: '44' });
    await step('POST /api/insurance/declaration-periods/close', () => min.post('/api/insurance/declaration-periods/close', { provinceCode: '44', through: '2019-12' }), { action: 'insurance.period_close', province: '44' });
  },
};
