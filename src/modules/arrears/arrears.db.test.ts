import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testContext } from '../../../test/helpers/context.ts';
import { login, makeUser, testApp, type Client, type TestApp } from '../../../test/helpers/http.ts';
import { codeIn, employer, idIn, person } from '../../../test/helpers/fixtures.ts';
import { checkDeadlines } from './deadlines.ts';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

function multipart(clue: unknown, files: { name: string; type: string; content: Buffer }[]) {
  const b = 'arrearsboundary';
  const parts: Buffer[] = [Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="clue"\r\n\r\n${JSON.stringify(clue)}\r\n`)];
  for (const f of files) {
    parts.push(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="evidence"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`), f.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${b}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
}

describe('wage-arrears complaints and case work over HTTP', () => {
  let ctx: Awaited<ReturnType<typeof testContext>>;
  let app: TestApp;
  let sz: Client; let bj: Client; let gd: Client; let min: Client; let insured: Client; let reporter: Client;
  let szEmployer: { id: string; creditCode: string; name: string };
  let worker: { id: string; idNumber: string; name: string };

  const clue = (extra: Record<string, unknown> = {}) => ({
    complainantName: '李四', complainantIdNumber: idIn('440305'), complainantPhone: '13800138000',
    employerName: '华兴建筑工程有限公司', project: '南山区科技园 3 号地块', regionCode: '440300', workers: 12, amountOwedFen: 36_000_000, monthsUnpaid: 3,
    description: '工程完工后拖欠三个月工资', ...extra,
  });
  const post = (body: unknown) => app.inject({ method: 'POST', url: '/api/public/arrears/clues', payload: body as object });
  const counts = async () => {
    const n = async (t: 'arrears_clue' | 'arrears_case' | 'arrears_attachment' | 'arrears_case_event') => Number((await ctx.db.selectFrom(t).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    return { clues: await n('arrears_clue'), cases: await n('arrears_case'), attachments: await n('arrears_attachment'), events: await n('arrears_case_event') };
  };
  /** Cases are filed today; steps of the 2020 scenarios need the case received in 2020. */
  const receivedOn = async (caseNo: string, day: string) => {
    const c = await ctx.db.updateTable('arrears_case').set({ received_on: day }).where('case_no', '=', caseNo).returning(['province_code', 'id']).executeTakeFirstOrThrow();
    await ctx.db.updateTable('arrears_case_event').set({ on_date: day }).where('province_code', '=', c.province_code).where('case_id', '=', c.id).execute();
  };
  const caseIdOf = async (caseNo: string) => (await ctx.db.selectFrom('arrears_case').select('id').where('case_no', '=', caseNo).executeTakeFirstOrThrow()).id;

  beforeAll(async () => {
    ctx = await testContext({ HRSS_COMPLAINT_RATE_PER_MINUTE: '1000' });
    app = await testApp(ctx);
    const e = await employer(ctx, '440300', '深圳宏达劳务有限公司');
    szEmployer = { id: e.id, creditCode: e.credit_code, name: e.name };
    const p = await person(ctx, '440300', { name: '王五' });
    worker = { id: p.id, idNumber: p.id_number, name: p.name };
    await makeUser(ctx, 'a.sz', 'labour_inspector', '440300');
    await makeUser(ctx, 'a.bj', 'labour_inspector', '110100');
    await makeUser(ctx, 'a.gd', 'province_officer', '440000');
    await makeUser(ctx, 'a.min', 'ministry', '000000');
    await makeUser(ctx, 'a.ins', 'insured', '440300', p.id);
    await makeUser(ctx, 'a.rep', 'monitoring_reporter', '440300');
    [sz, bj, gd, min, insured, reporter] = await Promise.all(['a.sz', 'a.bj', 'a.gd', 'a.min', 'a.ins', 'a.rep'].map((u) => login(app, u)));
  });
  afterAll(async () => {
    await app.close();
    await ctx.close();
  });

  it('a public complaint is stored, routed to the office of the place, and tracked with its code only', async () => {
    const res = await post(clue());
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({ officeRegionCode: '440300', joinedExistingCase: false, attachments: 0 });
    expect(r.trackingNo).toMatch(/^XS\d{8}[0-9A-Z]{8}$/);
    const inbox = (await sz.get('/api/arrears/cases')).json();
    expect(inbox.items.map((c: { caseNo: string }) => c.caseNo)).toContain(r.caseNo);
    expect((await bj.get('/api/arrears/cases')).json().items.map((c: { caseNo: string }) => c.caseNo)).not.toContain(r.caseNo);
    const id = await caseIdOf(r.caseNo);
    expect((await bj.get(`/api/arrears/cases/${id}`)).statusCode).toBeOneOf([403, 404]);

    const track = await app.inject({ method: 'GET', url: `/api/public/arrears/clues/${r.trackingNo}?code=${r.queryCode}` });
    expect(track.statusCode, track.body).toBe(200);
    expect(track.json()).toMatchObject({ status: 'received', officeName: '深圳市' });
    expect(track.body).not.toContain('李四');
    expect(track.body).not.toContain('13800138000');
    const wrong = await app.inject({ method: 'GET', url: `/api/public/arrears/clues/${r.trackingNo}?code=WRONGCODE` });
    expect(wrong.statusCode).toBe(404);
  });

  it('routes by the place of the arrears: a Beijing clue goes to the Beijing office', async () => {
    const r = (await post(clue({ employerName: '北京某建设公司', project: '朝阳工地', regionCode: '110100' }))).json();
    expect(r.officeRegionCode).toBe('110100');
    expect((await bj.get('/api/arrears/cases')).json().items.map((c: { caseNo: string }) => c.caseNo)).toContain(r.caseNo);
    expect((await sz.get('/api/arrears/cases')).json().items.map((c: { caseNo: string }) => c.caseNo)).not.toContain(r.caseNo);
  });

  it('a second complaint about the same employer and project joins the open case', async () => {
    const first = (await post(clue({ employerName: '鑫源 电子有限公司', project: '龙岗 厂区' }))).json();
    const second = (await post(clue({ employerName: '鑫源电子有限公司（', project: '龙岗厂区', workers: 3, amountOwedFen: 900_000 }))).json();
    expect(second.joinedExistingCase).toBe(true);
    expect(second.caseNo).toBe(first.caseNo);
    expect(second.trackingNo).not.toBe(first.trackingNo);
    const detail = (await sz.get(`/api/arrears/cases/${await caseIdOf(first.caseNo)}`)).json();
    expect(detail.clues).toHaveLength(2);
    expect(detail.workers).toBe(15);
    expect(detail.amountOwedFen).toBe(36_900_000);
    expect(detail.timeline.map((e: { kind: string }) => e.kind)).toEqual(['received', 'clue_joined']);
  });

  it('the employer is matched to the registry by credit code; an insured login fills the complainant', async () => {
    const res = await insured.post('/api/public/arrears/clues', { creditCode: szEmployer.creditCode, project: '', regionCode: '440300', workers: 1, amountOwedFen: 800_000, monthsUnpaid: 2 });
    expect(res.statusCode, res.body).toBe(201);
    const detail = (await sz.get(`/api/arrears/cases/${await caseIdOf(res.json().caseNo)}`)).json();
    expect(detail.employerId).toBe(szEmployer.id);
    expect(detail.employerName).toBe(szEmployer.name);
    expect(detail.clues[0]).toMatchObject({ complainantName: worker.name, complainantIdNumber: worker.idNumber });
    // The ministry sees the complainant's ID number masked.
    const masked = (await min.get(`/api/arrears/cases/${detail.id}`)).json();
    expect(masked.clues[0].complainantIdNumber).toMatch(/^\d{6}\*{8}/);
  });

  it.each([
    ['missing employer', { employerName: undefined }, 400, 'VALIDATION_FAILED'],
    ['negative amount', { amountOwedFen: -100 }, 400, 'VALIDATION_FAILED'],
    ['zero workers', { workers: 0 }, 400, 'VALIDATION_FAILED'],
    ['a bad ID number', { complainantIdNumber: '440305198506150001' }, 400, 'VALIDATION_FAILED'],
    ['no complainant when not anonymous', { complainantName: undefined, complainantIdNumber: undefined, complainantPhone: undefined }, 400, 'VALIDATION_FAILED'],
    ['a bad credit code', { creditCode: '91440300MA5ABCDE1X' }, 400, 'VALIDATION_FAILED'],
    ['a province as region', { regionCode: '440000' }, 400, 'VALIDATION_FAILED'],
    ['an unknown region', { regionCode: '449900' }, 400, 'VALIDATION_FAILED'],
    ['script in the description', { description: '<script>alert(1)</script>' }, 400, 'MARKUP_NOT_ALLOWED'],
    ['markup in the employer name', { employerName: '华兴<img src=x onerror=alert(1)>' }, 400, 'MARKUP_NOT_ALLOWED'],
    ['markup in the project', { project: '<b>工地</b>' }, 400, 'MARKUP_NOT_ALLOWED'],
  ])('bad input (%s) is refused and stores nothing', async (_what, extra, status, code) => {
    const before = await counts();
    const res = await post(clue(extra));
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().code).toBe(code);
    expect(await counts()).toEqual(before);
  });

  it('evidence: allowed types are stored and served to officers only as attachments; wrong type 415, oversized 413, nothing stored', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n');
    const ok = multipart(clue({ employerName: '证据测试有限公司' }), [{ name: 'wage-slip.pdf', type: 'application/pdf', content: pdf }, { name: '工资条<x>.png', type: 'image/png', content: PNG }]);
    const res = await app.inject({ method: 'POST', url: '/api/public/arrears/clues', ...ok });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().attachments).toBe(2);
    const detail = (await sz.get(`/api/arrears/cases/${await caseIdOf(res.json().caseNo)}`)).json();
    const files = detail.clues[0].attachments;
    expect(files.map((f: { mediaType: string }) => f.mediaType)).toEqual(['application/pdf', 'image/png']);
    expect(files[1].fileName).not.toContain('<');
    const dl = await sz.get(`/api/arrears/attachments/${files[0].id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-disposition']).toMatch(/^attachment;/);
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(dl.rawPayload.equals(pdf)).toBe(true);
    expect((await bj.get(`/api/arrears/attachments/${files[0].id}`)).statusCode).toBeOneOf([403, 404]);
    expect((await app.inject({ method: 'GET', url: `/api/arrears/attachments/${files[0].id}` })).statusCode).toBe(401);

    const before = await counts();
    const html = multipart(clue({ employerName: '证据测试二有限公司' }), [{ name: 'x.png', type: 'image/png', content: Buffer.from('<html><script>alert(1)</script></html>') }]);
    const wrong = await app.inject({ method: 'POST', url: '/api/public/arrears/clues', ...html });
    expect(wrong.statusCode, wrong.body).toBe(415);
    const big = multipart(clue({ employerName: '证据测试三有限公司' }), [{ name: 'big.pdf', type: 'application/pdf', content: Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(5 * 1024 * 1024)]) }]);
    const over = await app.inject({ method: 'POST', url: '/api/public/arrears/clues', ...big });
    expect(over.statusCode, over.body).toBe(413);
    expect(await counts()).toEqual(before);
  });

  it('case work: accept → investigate → order → not paid → closed, each step on the timeline and audited', async () => {
    const r = (await post(clue({ employerName: '恒通物流有限公司', project: '宝安仓库' }))).json();
    await receivedOn(r.caseNo, '2020-08-20');
    const id = await caseIdOf(r.caseNo);
    const steps: [string, unknown, string][] = [
      ['accept', { onDate: '2020-09-01', note: '符合立案条件' }, 'accepted'],
      ['investigate', { onDate: '2020-09-02' }, 'investigating'],
      ['order', { onDate: '2020-10-15', deadline: '2020-10-30', note: '责令限期支付', massIncident: true }, 'ordered'],
      ['payment', { onDate: '2020-11-02', paid: false }, 'not_paid'],
      ['close', { onDate: '2020-11-20', closureCode: 'referred_police', note: '涉嫌拒不支付劳动报酬罪，移送公安' }, 'closed'],
    ];
    for (const [path, body, status] of steps) {
      const res = await sz.post(`/api/arrears/cases/${id}/${path}`, body);
      expect(res.statusCode, `${path}: ${res.body}`).toBe(200);
      expect(res.json().status).toBe(status);
    }
    const d = (await sz.get(`/api/arrears/cases/${id}`)).json();
    expect(d).toMatchObject({ orderedToPay: true, orderDeadline: '2020-10-30', paidAfterOrder: false, massIncident: true, decidedOn: '2020-10-15', closedOn: '2020-11-20', closureCode: 'referred_police', investigationDue: '2020-11-30' });
    expect(d.timeline.map((e: { kind: string }) => e.kind)).toEqual(['received', 'accepted', 'investigating', 'ordered', 'not_paid', 'closed']);
    expect(d.deadlines.map((x: { kind: string; state: string }) => `${x.kind}:${x.state}`).sort()).toEqual(['investigation:met', 'payment:missed']);
    const audit = await ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', id).orderBy('at').execute();
    expect(audit.map((a) => a.action)).toEqual(['arrears.case.accepted', 'arrears.case.investigating', 'arrears.case.ordered', 'arrears.case.not_paid', 'arrears.case.closed']);
    // A closed case moves no further.
    expect((await sz.post(`/api/arrears/cases/${id}/accept`, {})).json().code).toBe('INVALID_TRANSITION');
  });

  it('not accepted needs a reason; a refused case is no longer open, so a new complaint opens a new case', async () => {
    const r = (await post(clue({ employerName: '天成餐饮管理有限公司', project: '' }))).json();
    const id = await caseIdOf(r.caseNo);
    expect((await sz.post(`/api/arrears/cases/${id}/reject`, { reason: '' })).statusCode).toBe(400);
    const res = await sz.post(`/api/arrears/cases/${id}/reject`, { reason: '属劳动争议，引导仲裁' });
    expect(res.json()).toMatchObject({ status: 'not_accepted', notAcceptedReason: '属劳动争议，引导仲裁' });
    const again = (await post(clue({ employerName: '天成餐饮管理有限公司', project: '' }))).json();
    expect(again.joinedExistingCase).toBe(false);
  });

  it('a transfer keeps the history: the receiving office sees the whole timeline, the sender no longer sees the case', async () => {
    const r = (await post(clue({ employerName: '广信商贸有限公司', project: '罗湖门店' }))).json();
    await receivedOn(r.caseNo, '2020-06-01');
    const id = await caseIdOf(r.caseNo);
    await sz.post(`/api/arrears/cases/${id}/accept`, { onDate: '2020-06-02' });
    const t = await sz.post(`/api/arrears/cases/${id}/transfer`, { onDate: '2020-06-05', toRegionCode: '110100', reason: '用工单位注册地及工程所在地在北京' });
    expect(t.statusCode, t.body).toBe(200);
    expect(t.json()).toMatchObject({ regionCode: '110100', provinceCode: '11' });
    expect((await sz.get(`/api/arrears/cases/${id}`)).statusCode).toBeOneOf([403, 404]);
    const d = (await bj.get(`/api/arrears/cases/${id}`)).json();
    expect(d.timeline.map((e: { kind: string; regionCode: string }) => `${e.kind}@${e.regionCode}`)).toEqual(['received@440300', 'accepted@440300', 'transferred@440300']);
    expect(d.transfers).toEqual([expect.objectContaining({ fromRegion: '440300', toRegion: '110100', reason: '用工单位注册地及工程所在地在北京' })]);
    expect(d.clues).toHaveLength(1);
    expect(d.deadlines).toHaveLength(1);
    const i = await bj.post(`/api/arrears/cases/${id}/investigate`, { onDate: '2020-06-08' });
    expect(i.json().status).toBe('investigating');
  });

  it('supervision and deadlines on the holiday calendar: warn 5 working days before, escalate once when missed', async () => {
    const r = (await post(clue({ employerName: '锦程家政服务有限公司', project: '福田' }))).json();
    await receivedOn(r.caseNo, '2020-08-28');
    const id = await caseIdOf(r.caseNo);
    // 60 working days from 1 September 2020 across the National Day week (国办发明电〔2019〕16号): 30 November, not 24 November.
    expect((await sz.post(`/api/arrears/cases/${id}/accept`, { onDate: '2020-09-01' })).json().investigationDue).toBe('2020-11-30');
    expect((await reporter.post(`/api/arrears/cases/${id}/supervise`, { deadline: '2020-10-30' })).statusCode).toBe(403);
    expect((await sz.post(`/api/arrears/cases/${id}/supervise`, { deadline: '2020-10-30' })).statusCode).toBe(403);
    const s = await gd.post(`/api/arrears/cases/${id}/supervise`, { onDate: '2020-09-10', deadline: '2020-10-12', note: '省厅挂牌督办' });
    expect(s.statusCode, s.body).toBe(200);
    expect(s.json().supervised).toBe(true);

    const events = async () => (await sz.get(`/api/arrears/cases/${id}`)).json().timeline.filter((e: { kind: string }) => e.kind.startsWith('deadline_')).map((e: { kind: string; data: { deadline: string } }) => `${e.kind}:${e.data.deadline}`);
    const state = async () => (await sz.get(`/api/arrears/cases/${id}`)).json().deadlineState;
    // Supervision deadline 12 October: 5 working days before is 28 September (Saturday 10 October worked, 9 October, 1–8 October off, 30 and 29 September).
    await checkDeadlines(ctx, '2020-09-25');
    expect(await events()).toEqual([]);
    await checkDeadlines(ctx, '2020-09-28');
    expect(await events()).toEqual(['deadline_warning:supervision']);
    expect(await state()).toBe('warning');
    await checkDeadlines(ctx, '2020-10-12');
    expect(await events()).toEqual(['deadline_warning:supervision']);
    expect((await checkDeadlines(ctx, '2020-10-13')).escalations).toBeGreaterThanOrEqual(1);
    expect(await checkDeadlines(ctx, '2020-10-13')).toEqual({ warnings: 0, escalations: 0 });
    expect(await events()).toEqual(['deadline_warning:supervision', 'deadline_escalated:supervision']);
    expect(await state()).toBe('overdue');
    // The Shenzhen inspector heard of both in the inbox, once each; Beijing's did not.
    const inbox = (await sz.get('/api/notifications')).json().items.filter((n: { params: { caseNo?: string } }) => n.params.caseNo === r.caseNo);
    expect(inbox.map((n: { kind: string }) => n.kind).sort()).toEqual(['arrears.deadline_escalated', 'arrears.deadline_warning']);
    expect(inbox[0].link).toBe(`/console/arrears/cases/${id}`);
    expect((await bj.get('/api/notifications')).json().items.filter((n: { params: { caseNo?: string } }) => n.params.caseNo === r.caseNo)).toEqual([]);
    // Investigation deadline 30 November: warning from 23 November, escalation on 1 December, once.
    await checkDeadlines(ctx, '2020-11-20');
    expect(await events()).toHaveLength(2);
    await checkDeadlines(ctx, '2020-11-23');
    await checkDeadlines(ctx, '2020-12-01');
    await checkDeadlines(ctx, '2020-12-02');
    expect(await events()).toEqual(['deadline_warning:supervision', 'deadline_escalated:supervision', 'deadline_warning:investigation', 'deadline_escalated:investigation']);
    const board = (await gd.get('/api/arrears/supervision')).json();
    expect(board.items.find((x: { caseId: string }) => x.caseId === id)).toMatchObject({ supervisorRegion: '440000', deadline: '2020-10-12', deadlineState: 'overdue' });
    const overdue = (await gd.get('/api/arrears/cases?deadline=overdue')).json();
    expect(overdue.items.map((c: { id: string }) => c.id)).toContain(id);
  });

  it('the investigation deadline is extended once by 30 working days', async () => {
    const r = (await post(clue({ employerName: '永盛制造有限公司', project: '东莞' }))).json();
    await receivedOn(r.caseNo, '2020-08-28');
    const id = await caseIdOf(r.caseNo);
    await sz.post(`/api/arrears/cases/${id}/accept`, { onDate: '2020-09-01' });
    const early = await sz.post(`/api/arrears/cases/${id}/extend`, { onDate: '2020-08-31', reason: '日期早于立案' });
    expect(early.json()).toMatchObject({ code: 'VALIDATION_FAILED', fields: [expect.objectContaining({ field: 'onDate', code: 'TOO_EARLY' })] });
    const e = await sz.post(`/api/arrears/cases/${id}/extend`, { onDate: '2020-11-16', reason: '案情复杂' });
    expect(e.json()).toMatchObject({ investigationDue: '2021-01-12', investigationExtended: true }); // 30 working days after 30 November: 23 in December, 1 January off (国办发明电〔2020〕27号), 4–12 January
    expect((await sz.post(`/api/arrears/cases/${id}/extend`, { reason: '再次' })).json().code).toBe('INVALID_TRANSITION');
  });

  it('statistics by region and period', async () => {
    const s = await sz.get('/api/stats/arrears?from=2020-01-01&to=2020-12-31');
    expect(s.statusCode, s.body).toBe(200);
    expect(s.json()).toMatchObject({ regionCode: '440300', casesHandled: 1, closedWithDeadline: 1, closedWithinDeadline: 1, shareClosedWithinDeadline: 1 });
    expect((await sz.get('/api/stats/arrears?from=2020-01-01&to=2020-12-31&regionCode=110100')).statusCode).toBe(403);
    const nat = (await min.get(`/api/stats/arrears?from=2000-01-01&to=2099-12-31`)).json();
    expect(nat.cluesByChannel.find((c: { channel: string }) => c.channel === 'online').count).toBeGreaterThan(5);
    expect(nat.transfers).toBe(1);
  });
});
