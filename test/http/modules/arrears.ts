import type { ModuleHttpTests } from './types.ts';
import type { AppContext } from '../../../src/platform/context.ts';
import { SYSTEM_ACTOR } from '../../../src/platform/audit.ts';
import { todayInChina } from '../../../src/platform/dates.ts';
import { submitClue } from '../../../src/modules/arrears/clues.ts';
import { checkEvidence } from '../../../src/modules/arrears/attachments.ts';
import { idIn } from '../../helpers/fixtures.ts';

type World = { sz: Record<string, string>; bj: Record<string, string>; szAttachment: string; bjAttachment: string };

const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');
let n = 0;
const clueInput = (regionCode: string, employerName: string) => ({
  anonymous: false, complainantName: '投诉人', complainantIdNumber: idIn(`${regionCode.slice(0, 4)}05`), complainantPhone: '13800138000',
  employerName, project: `工地${n++}`, regionCode, workers: 5, amountOwedFen: 5_000_000, monthsUnpaid: 2, description: '',
});

/** One open case per route in each city, so that one route's step does not move another route's case. */
async function casesIn(ctx: AppContext, regionCode: string) {
  const out: Record<string, string> = {};
  for (const key of ['detail', 'accept', 'reject', 'investigate', 'extend', 'order', 'payment', 'close', 'transfer', 'supervise']) {
    const r = await submitClue(ctx, null, SYSTEM_ACTOR, clueInput(regionCode, `矩阵${key}有限公司`), key === 'detail' ? [checkEvidence('a.pdf', PDF)] : []);
    out[key] = (await ctx.db.selectFrom('arrears_case').select('id').where('case_no', '=', r.caseNo).executeTakeFirstOrThrow()).id;
  }
  return out;
}

const later = (days: number) => new Date(Date.parse(`${todayInChina()}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export const arrearsHttp: ModuleHttpTests<World> = {
  async setup(ctx) {
    const sz = await casesIn(ctx, '440300');
    const bj = await casesIn(ctx, '110100');
    const att = async (caseId: string) => (await ctx.db.selectFrom('arrears_attachment as a').innerJoin('arrears_clue as k', 'k.id', 'a.clue_id')
      .select('a.id').where('k.case_id', '=', caseId).executeTakeFirstOrThrow()).id;
    return { sz, bj, szAttachment: await att(sz.detail), bjAttachment: await att(bj.detail) };
  },

  samples: (w) => {
    const onCase = (path: string, body: unknown) => ({
      inRegion: () => ({ method: 'POST', url: `/api/arrears/cases/${w.sz[path]}/${path}`, body }),
      outOfRegion: () => ({ method: 'POST', url: `/api/arrears/cases/${w.bj[path]}/${path}`, body }),
    });
    return {
      'POST /api/arrears/clues': { inRegion: () => ({ method: 'POST', url: '/api/arrears/clues', body: { ...clueInput('440300', '电话线索有限公司'), channel: 'phone' } }) },
      'GET /api/arrears/closure-conclusions': { inRegion: () => ({ method: 'GET', url: '/api/arrears/closure-conclusions' }) },
      'GET /api/arrears/cases': { inRegion: () => ({ method: 'GET', url: '/api/arrears/cases' }) },
      'GET /api/arrears/cases/:id': { inRegion: () => ({ method: 'GET', url: `/api/arrears/cases/${w.sz.detail}` }), outOfRegion: () => ({ method: 'GET', url: `/api/arrears/cases/${w.bj.detail}` }) },
      'POST /api/arrears/cases/:id/accept': onCase('accept', {}),
      'POST /api/arrears/cases/:id/reject': onCase('reject', { reason: '不属于受理范围' }),
      'POST /api/arrears/cases/:id/investigate': onCase('investigate', {}),
      'POST /api/arrears/cases/:id/extend': onCase('extend', { reason: '案情复杂' }),
      'POST /api/arrears/cases/:id/order': onCase('order', { deadline: later(20), note: '责令支付' }),
      'POST /api/arrears/cases/:id/payment': onCase('payment', { paid: true, amountRecoveredFen: 1, workersPaid: 1 }),
      'POST /api/arrears/cases/:id/close': onCase('close', { closureCode: 'withdrawn', note: '撤回' }),
      // To the office that already holds it: a 400 for the allowed (the case stays where the other samples need it).
      'POST /api/arrears/cases/:id/transfer': onCase('transfer', { toRegionCode: '440300', reason: '矩阵' }),
      'POST /api/arrears/cases/:id/supervise': onCase('supervise', { deadline: later(30), note: '督办' }),
      'GET /api/arrears/supervision': { inRegion: () => ({ method: 'GET', url: '/api/arrears/supervision' }) },
      'POST /api/arrears/deadlines/check': { inRegion: () => ({ method: 'POST', url: '/api/arrears/deadlines/check' }) },
      'GET /api/arrears/attachments/:id': { inRegion: () => ({ method: 'GET', url: `/api/arrears/attachments/${w.szAttachment}` }), outOfRegion: () => ({ method: 'GET', url: `/api/arrears/attachments/${w.bjAttachment}` }) },
      'GET /api/stats/arrears': { inRegion: () => ({ method: 'GET', url: '/api/stats/arrears?from=2020-01-01&to=2020-12-31' }), outOfRegion: () => ({ method: 'GET', url: '/api/stats/arrears?from=2020-01-01&to=2020-12-31&regionCode=110100' }) },
    };
  },

  async walk({ gd, step }) {
    const p44 = { province: '44' };
    const filed = JSON.parse((await step('POST /api/public/arrears/clues', () => gd.post('/api/public/arrears/clues', clueInput('440300', '审计欠薪有限公司')), { action: 'arrears.clue.submit', ...p44 })).body);
    await step('POST /api/arrears/clues', () => gd.post('/api/arrears/clues', { ...clueInput('440100', '审计来电有限公司'), channel: 'phone' }), { action: 'arrears.clue.submit', ...p44 });
    const inbox = JSON.parse((await gd.get('/api/arrears/cases?pageSize=200')).body).items as { id: string; caseNo: string }[];
    const id = inbox.find((c) => c.caseNo === filed.caseNo)!.id;
    const other = inbox.find((c) => c.caseNo !== filed.caseNo)!.id;
    await step('POST /api/arrears/cases/:id/reject', () => gd.post(`/api/arrears/cases/${other}/reject`, { reason: '重复投诉' }), { action: 'arrears.case.not_accepted', ...p44 });
    await step('POST /api/arrears/cases/:id/accept', () => gd.post(`/api/arrears/cases/${id}/accept`, {}), { action: 'arrears.case.accepted', ...p44 });
    await step('POST /api/arrears/cases/:id/supervise', () => gd.post(`/api/arrears/cases/${id}/supervise`, { deadline: later(30), note: '督办' }), { action: 'arrears.case.supervised', ...p44 });
    await step('POST /api/arrears/cases/:id/transfer', () => gd.post(`/api/arrears/cases/${id}/transfer`, { toRegionCode: '440100', reason: '工程在广州' }), { action: 'arrears.case.transferred', ...p44 });
    await step('POST /api/arrears/cases/:id/investigate', () => gd.post(`/api/arrears/cases/${id}/investigate`, {}), { action: 'arrears.case.investigating', ...p44 });
    await step('POST /api/arrears/cases/:id/extend', () => gd.post(`/api/arrears/cases/${id}/extend`, { reason: '案情复杂' }), { action: 'arrears.case.extended', ...p44 });
    await step('POST /api/arrears/cases/:id/order', () => gd.post(`/api/arrears/cases/${id}/order`, { deadline: later(15), note: '责令支付' }), { action: 'arrears.case.ordered', ...p44 });
    await step('POST /api/arrears/cases/:id/payment', () => gd.post(`/api/arrears/cases/${id}/payment`, { paid: true, amountRecoveredFen: 5_000_000, workersPaid: 5 }), { action: 'arrears.case.paid', ...p44 });
    await step('POST /api/arrears/cases/:id/close', () => gd.post(`/api/arrears/cases/${id}/close`, { closureCode: 'paid_in_full' }), { action: 'arrears.case.closed', ...p44 });
    await step('POST /api/arrears/deadlines/check', () => gd.post('/api/arrears/deadlines/check'), { action: 'arrears.deadlines.check', province: '00' });
  },
};
