import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testContext } from '../../../test/helpers/context.ts';
import { login, makeUser, testApp, type Client, type TestApp } from '../../../test/helpers/http.ts';
import { agency, quarter } from '../../../test/helpers/labour.ts';

describe('notifications', () => {
  let ctx: Awaited<ReturnType<typeof testContext>>;
  let app: TestApp;
  let gd: Client;
  let rep: Client;
  let other: Client;

  beforeAll(async () => {
    ctx = await testContext();
    app = await testApp(ctx);
    await makeUser(ctx, 'n.gd', 'province_officer', '440000');
    await makeUser(ctx, 'n.rep', 'monitoring_reporter', '440300');
    await makeUser(ctx, 'n.rep.gz', 'monitoring_reporter', '440100');
    gd = await login(app, 'n.gd');
    rep = await login(app, 'n.rep');
    other = await login(app, 'n.rep.gz');
    await agency(ctx, '440300');
    await quarter(ctx, '2020Q4', '2021-01-15');
  });
  afterAll(async () => {
    await app.close();
    await ctx.close();
  });

  it('a reporting reminder reaches the reporters of the late city, and only them', async () => {
    expect((await rep.get('/api/notifications')).json()).toEqual({ items: [], unread: 0 });
    expect((await gd.post('/api/labour/quarters/2020Q4/reminders')).statusCode).toBe(200);
    const inbox = (await rep.get('/api/notifications')).json();
    expect(inbox.unread).toBe(1);
    expect(inbox.items[0]).toMatchObject({ kind: 'labour.reminder', params: { quarter: '2020Q4', dueOn: '2021-01-15' }, link: '/console/labour/reports/2020Q4', readAt: null });
    expect((await other.get('/api/notifications')).json().unread).toBe(0); // Guangzhou has no agency in this test
  });

  it('a user reads their own notifications, not anyone else’s', async () => {
    const [n] = (await rep.get('/api/notifications')).json().items;
    expect((await other.post(`/api/notifications/${n.id}/read`)).statusCode).toBe(404);
    const read = await rep.post(`/api/notifications/${n.id}/read`);
    expect(read.statusCode).toBe(200);
    expect((await rep.get('/api/notifications?unread=true')).json()).toEqual({ items: [], unread: 0 });
    await gd.post('/api/labour/quarters/2020Q4/reminders');
    expect((await rep.get('/api/notifications')).json().unread).toBe(1);
    expect((await rep.post('/api/notifications/read-all')).json()).toEqual({ marked: 1 });
    expect((await rep.get('/api/notifications')).json().items.every((i: { readAt: string | null }) => i.readAt)).toBe(true);
  });
});
