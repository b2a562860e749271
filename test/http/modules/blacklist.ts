import type { ModuleHttpTests } from './types.ts';
import { SYSTEM_ACTOR } from '../../../src/platform/audit.ts';
import { newId } from '../../../src/platform/ids.ts';
import { ROOT } from '../../helpers/fixtures.ts';
import { insertCase } from '../../../src/modules/blacklist/test-cases.ts';
import { act, proposeListing } from '../../../src/modules/blacklist/service.ts';

type World = { szEntry: string; bjEntry: string; szCaseNo: string; bjCaseNo: string; szDisclosure: string; bjDisclosure: string; szBatch: string; bjBatch: string };

/** Shenzhen (in region) and Beijing (out of region): a decided qualifying case each, its listing proposal, a disclosure and a city batch. */
export const blacklistHttp: ModuleHttpTests<World> = {
  async setup(ctx) {
    const sz = await insertCase(ctx.db, { regionCode: '440300', decidedOn: '2020-05-11' });
    const bj = await insertCase(ctx.db, { regionCode: '110100', decidedOn: '2020-05-11', employerName: '北京拖欠测试有限公司' });
    const szEntry = (await proposeListing(ctx.db, sz as never, SYSTEM_ACTOR, { origin: 'automatic', monthsUnpaid: null })).id!;
    const bjEntry = (await proposeListing(ctx.db, bj as never, SYSTEM_ACTOR, { origin: 'automatic', monthsUnpaid: null })).id!;
    const disclosure = async (c: typeof sz) => {
      const id = newId();
      await ctx.db.insertInto('disclosure_case').values({ province_code: c.province_code, id, case_id: c.id, region_code: c.region_code, category: 1, employer_name: c.employer_name,
        credit_code: null, facts: '拖欠工资', handling: '责令支付', marked_on: '2020-06-01' }).execute();
      return id;
    };
    const batch = async (region: string) => {
      const id = newId();
      await ctx.db.insertInto('disclosure_batch').values({ province_code: region.slice(0, 2), id, region_code: region, level: 'city', kind: 'periodic', period: '2020Q3', title: 'x', status: 'draft' }).execute();
      return id;
    };
    return { szEntry, bjEntry, szCaseNo: sz.case_no, bjCaseNo: bj.case_no, szDisclosure: await disclosure(sz), bjDisclosure: await disclosure(bj), szBatch: await batch('440300'), bjBatch: await batch('110100') };
  },

  samples: (w) => {
    const entry = (path: string, body: unknown) => ({
      inRegion: () => ({ method: 'POST', url: `/api/blacklist/entries/${w.szEntry}/${path}`, body }),
      outOfRegion: () => ({ method: 'POST', url: `/api/blacklist/entries/${w.bjEntry}/${path}`, body }),
    });
    return {
      'GET /api/blacklist/rules': { inRegion: () => ({ method: 'GET', url: '/api/blacklist/rules' }) },
      'GET /api/blacklist/entries': { inRegion: () => ({ method: 'GET', url: '/api/blacklist/entries' }) },
      'GET /api/blacklist/entries/:id': { inRegion: () => ({ method: 'GET', url: `/api/blacklist/entries/${w.szEntry}` }), outOfRegion: () => ({ method: 'GET', url: `/api/blacklist/entries/${w.bjEntry}` }) },
      'POST /api/blacklist/proposals': { inRegion: () => ({ method: 'POST', url: '/api/blacklist/proposals', body: { caseNo: w.szCaseNo } }),
        outOfRegion: () => ({ method: 'POST', url: '/api/blacklist/proposals', body: { caseNo: w.bjCaseNo } }) },
      'POST /api/blacklist/entries/:id/notice': entry('notice', { noticedOn: '2020-05-12' }),
      'POST /api/blacklist/entries/:id/objection': entry('objection', { receivedOn: '2020-05-13', statement: '异议', outcome: 'rejected', reviewedOn: '2020-05-14' }),
      'POST /api/blacklist/entries/:id/decision': entry('decision', { decidedOn: '2020-05-20' }),
      'POST /api/blacklist/entries/:id/publication': entry('publication', { publishedOn: '2020-05-21' }),
      'POST /api/blacklist/entries/:id/correction': entry('correction', { correctedOn: '2020-09-01' }),
      'POST /api/blacklist/entries/:id/removal': entry('removal', { reason: 'revoked', appliedOn: '2020-09-01', removedOn: '2020-09-02' }),
      'POST /api/blacklist/entries/:id/persons': entry('persons', { persons: [{ role: 'legal_rep', name: '张三' }] }),
      'POST /api/blacklist/advance': { inRegion: () => ({ method: 'POST', url: '/api/blacklist/advance', body: { today: '2020-01-01' } }) },
      'GET /api/disclosures': { inRegion: () => ({ method: 'GET', url: '/api/disclosures' }) },
      'POST /api/disclosures': { inRegion: () => ({ method: 'POST', url: '/api/disclosures', body: { caseNo: w.szCaseNo, category: 1, facts: '拖欠', handling: '责令支付' } }),
        outOfRegion: () => ({ method: 'POST', url: '/api/disclosures', body: { caseNo: w.bjCaseNo, category: 1, facts: '拖欠', handling: '责令支付' } }) },
      'GET /api/disclosure-batches': { inRegion: () => ({ method: 'GET', url: '/api/disclosure-batches' }) },
      'POST /api/disclosure-batches': { inRegion: () => ({ method: 'POST', url: '/api/disclosure-batches', body: { kind: 'adhoc', period: '2020-09-01', title: '随时公布' } }) },
      'POST /api/disclosure-batches/:id/items': { inRegion: () => ({ method: 'POST', url: `/api/disclosure-batches/${w.szBatch}/items`, body: { disclosureIds: [w.szDisclosure] } }),
        outOfRegion: () => ({ method: 'POST', url: `/api/disclosure-batches/${w.bjBatch}/items`, body: { disclosureIds: [w.bjDisclosure] } }) },
      'POST /api/disclosure-batches/:id/publication': { inRegion: () => ({ method: 'POST', url: `/api/disclosure-batches/${w.szBatch}/publication`, body: { publishedOn: '2020-10-10' } }),
        outOfRegion: () => ({ method: 'POST', url: `/api/disclosure-batches/${w.bjBatch}/publication`, body: { publishedOn: '2020-10-10' } }) },
      'GET /api/stats/blacklist': { inRegion: () => ({ method: 'GET', url: '/api/stats/blacklist?from=2020-01-01&to=2020-12-31' }),
        outOfRegion: () => ({ method: 'GET', url: '/api/stats/blacklist?from=2020-01-01&to=2020-12-31&regionCode=110000' }) },
    };
  },

  async walk({ ctx, gd, step }) {
    const j = (r: { body: string }) => JSON.parse(r.body);
    const a = await insertCase(ctx.db, { regionCode: '440300', decidedOn: '2020-05-11' });
    const e = j(await step('POST /api/blacklist/proposals', () => gd.post('/api/blacklist/proposals', { caseNo: a.case_no, proposedOn: '2020-05-11' }), { action: 'blacklist.propose', province: '44' }));
    await step('POST /api/blacklist/entries/:id/persons', () => gd.post(`/api/blacklist/entries/${e.id}/persons`, { persons: [{ role: 'legal_rep', name: '王五' }] }), { action: 'blacklist.persons', province: '44' });
    await step('POST /api/blacklist/entries/:id/notice', () => gd.post(`/api/blacklist/entries/${e.id}/notice`, { noticedOn: '2020-05-12' }), { action: 'blacklist.notice', province: '44' });
    await step('POST /api/blacklist/entries/:id/objection', () => gd.post(`/api/blacklist/entries/${e.id}/objection`, { receivedOn: '2020-05-14', statement: '请求不予列入', outcome: 'rejected', reviewedOn: '2020-05-18' }), { action: 'blacklist.objection', province: '44' });
    await step('POST /api/blacklist/entries/:id/decision', () => gd.post(`/api/blacklist/entries/${e.id}/decision`, { decidedOn: '2020-05-20' }), { action: 'blacklist.decide', province: '44' });
    await step('POST /api/blacklist/entries/:id/publication', () => gd.post(`/api/blacklist/entries/${e.id}/publication`, { publishedOn: '2020-05-21' }), { action: 'blacklist.publish', province: '44' });
    await step('POST /api/blacklist/entries/:id/correction', () => gd.post(`/api/blacklist/entries/${e.id}/correction`, { correctedOn: '2020-09-01' }), { action: 'blacklist.correct', province: '44' });
    await step('POST /api/blacklist/entries/:id/removal', () => gd.post(`/api/blacklist/entries/${e.id}/removal`, { reason: 'revoked', appliedOn: '2020-10-01', removedOn: '2020-10-09' }), { action: 'blacklist.remove', province: '44' });
    // A published, uncorrected 2017 entry: the sweep after its year extends it.
    const b = await insertCase(ctx.db, { regionCode: '440300', decidedOn: '2020-06-01' });
    const be = (await proposeListing(ctx.db, b as never, SYSTEM_ACTOR, { origin: 'automatic', monthsUnpaid: null })).id!;
    await act(ctx, ROOT, SYSTEM_ACTOR, be, { kind: 'notice', noticedOn: '2020-06-02' });
    await act(ctx, ROOT, SYSTEM_ACTOR, be, { kind: 'decision', decidedOn: '2020-06-15' });
    await act(ctx, ROOT, SYSTEM_ACTOR, be, { kind: 'publication', publishedOn: '2020-06-16' });
    await step('POST /api/blacklist/advance', () => gd.post('/api/blacklist/advance', { today: '2021-06-15' }), { action: 'blacklist.extend', province: '44' });
    // Disclosure: mark, batch (province, half-yearly), add, publish.
    const d = j(await step('POST /api/disclosures', () => gd.post('/api/disclosures', { caseNo: a.case_no, category: 1, facts: '拖欠12名劳动者工资15万元', handling: '责令限期支付' }), { action: 'disclosure.mark', province: '44' }));
    const bt = j(await step('POST /api/disclosure-batches', () => gd.post('/api/disclosure-batches', { kind: 'periodic', period: '2020H2', title: '广东省2020年下半年重大劳动保障违法行为' }), { action: 'disclosure.batch_create', province: '44' }));
    await step('POST /api/disclosure-batches/:id/items', () => gd.post(`/api/disclosure-batches/${bt.id}/items`, { disclosureIds: [d.id] }), { action: 'disclosure.batch_add', province: '44' });
    await step('POST /api/disclosure-batches/:id/publication', () => gd.post(`/api/disclosure-batches/${bt.id}/publication`, { publishedOn: '2021-01-10' }), { action: 'disclosure.batch_publish', province: '44' });
  },
};
