import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testContext } from '../../../test/helpers/context.ts';
import { codeIn, gbk, idIn } from '../../../test/helpers/fixtures.ts';
import { SYSTEM_ACTOR } from '../../platform/audit.ts';
import type { Principal } from '../../platform/auth/policy.ts';
import { runImport } from './imports.service.ts';
import { idCheckCharacter } from '../persons/id-number.ts';

const from = (text: string) => Readable.from([text]);

describe('CSV import', () => {
  let ctx: Awaited<ReturnType<typeof testContext>>;
  beforeAll(async () => { ctx = await testContext(); });
  afterAll(async () => { await ctx.close(); });

  const good = [idIn('440305'), idIn('310105'), idIn('510105')];
  const file = [
    'id_number,name,hukou_type,region_code,migrant_worker,registered_poor,fisherman,phone',
    `${good[0]},张三,urban,440300,否,0,,13800000000`,
    '440305199001011234,错校验,urban,440300,,,,', // wrong check character (row 3)
    `${good[1]},李四,rural,310100,是,1,0,`,
    '110105194902300028,二月三十,urban,110100,,,,', // impossible date (row 5)
    `${idIn('990105')},无此省,urban,110100,,,,`, // unknown division in the ID (row 6)
    `${good[2]},王五,rural,449999,,,,`, // unknown region (row 7)
    `${good[2]},王五,rural,510100,maybe,,,`, // not a boolean (row 8)
    `${good[2]},王五,rural,510100,true,,,`,
    `${good[0]},张三重复,urban,440300,,,,`, // same ID twice in one file: kept once
  ].join('\n');

  it('keeps every good row and reports every bad one by row, column and code', async () => {
    const r = await runImport(ctx, { kind: 'persons', filename: 'p.csv', source: from(file), principal: null, actor: SYSTEM_ACTOR });
    expect(r).toMatchObject({ status: 'done', totalRows: 9, okRows: 3, errorRows: 5, skippedRows: 1 });
    const errors = await ctx.db.selectFrom('import_error').select(['row_no', 'col', 'code']).where('job_id', '=', r.id).orderBy('row_no').execute();
    expect(errors).toEqual([
      { row_no: 3, col: 'id_number', code: 'INVALID_ID_NUMBER' },
      { row_no: 5, col: 'id_number', code: 'INVALID_ID_NUMBER' },
      { row_no: 6, col: 'id_number', code: 'INVALID_ID_NUMBER' },
      { row_no: 7, col: 'region_code', code: 'UNKNOWN_DIVISION' },
      { row_no: 8, col: 'migrant_worker', code: 'INVALID_TYPE' },
    ]);
    const rows = await ctx.db.selectFrom('person').select(['id_number', 'name', 'migrant_worker', 'registered_poor', 'phone']).where('id_number', 'in', good).orderBy('id_number').execute();
    expect(rows.map((x) => x.id_number).sort()).toEqual([...good].sort());
    expect(rows.find((x) => x.id_number === good[1])).toMatchObject({ migrant_worker: true, registered_poor: true });
  });

  it('a GBK (GB18030) file of persons with Chinese names imports with the names intact', async () => {
    const ids = [idIn('440306'), idIn('440307')];
    const text = `id_number,name,hukou_type,region_code\n${ids[0]},张三,urban,440300\n${ids[1]},李四,rural,440300\n`;
    const r = await runImport(ctx, { kind: 'persons', filename: 'gbk.csv', source: Readable.from([gbk(text)]), principal: null, actor: SYSTEM_ACTOR });
    expect(r).toMatchObject({ status: 'done', okRows: 2, errorRows: 0, encoding: 'gb18030' });
    const names = await ctx.db.selectFrom('person').select(['id_number', 'name']).where('id_number', 'in', ids).orderBy('name').execute();
    expect(names.map((x) => x.name).sort()).toEqual(['张三', '李四'].sort());
  });

  it('importing the same file twice changes nothing', async () => {
    const count = async () => Number((await ctx.db.selectFrom('person').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const r = await runImport(ctx, { kind: 'persons', filename: 'p.csv', source: from(file), principal: null, actor: SYSTEM_ACTOR });
    expect(r).toMatchObject({ okRows: 0, skippedRows: 4, errorRows: 5 });
    expect(await count()).toBe(before);
  });

  it('a region-scoped importer cannot load rows outside its region', async () => {
    const sz: Principal = { id: 'x', username: 'sz', displayName: 'sz', role: 'city_officer', regionCode: '440300', subjectProvinceCode: null, subjectId: null, scopes: ['read', 'write'] };
    const text = `id_number,name,hukou_type,region_code\n${idIn('440305')},甲,urban,440300\n${idIn('110105')},乙,urban,110100\n`;
    const r = await runImport(ctx, { kind: 'persons', filename: 'p.csv', source: from(text), principal: sz, actor: SYSTEM_ACTOR });
    expect(r).toMatchObject({ okRows: 1, errorRows: 1 });
    const errs = await ctx.db.selectFrom('import_error').select(['row_no', 'code']).where('job_id', '=', r.id).execute();
    expect(errs).toEqual([{ row_no: 3, code: 'OUT_OF_REGION' }]);
  });

  it('employers: credit code, industry and enums checked', async () => {
    const ok = codeIn('440300');
    const text = [
      'credit_code,name,legal_rep,region_code,industry_code,size_class,ownership,address',
      `${ok},好企业,甲,440300,13,small,private,深圳`,
      '91350100M000100Y44,坏校验,乙,350100,13,small,private,',
      `${codeIn('440300')},坏行业,丙,440300,00,small,private,`,
      `${codeIn('440300')},坏规模,丁,440300,13,huge,private,`,
    ].join('\n');
    const r = await runImport(ctx, { kind: 'employers', filename: 'e.csv', source: from(text), principal: null, actor: SYSTEM_ACTOR });
    expect(r).toMatchObject({ okRows: 1, errorRows: 3 });
    const errs = await ctx.db.selectFrom('import_error').select(['row_no', 'col', 'code']).where('job_id', '=', r.id).orderBy('row_no').execute();
    expect(errs).toEqual([
      { row_no: 3, col: 'credit_code', code: 'INVALID_CREDIT_CODE' },
      { row_no: 4, col: 'industry_code', code: 'UNKNOWN_INDUSTRY' },
      { row_no: 5, col: 'size_class', code: 'INVALID_VALUE' },
    ]);
  });

  it('a file without the required header fails clearly and stores nothing', async () => {
    await expect(runImport(ctx, { kind: 'persons', filename: 'x.csv', source: from('foo,bar\n1,2\n'), principal: null, actor: SYSTEM_ACTOR }))
      .rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: expect.arrayContaining([expect.objectContaining({ field: 'id_number' })]) });
  });

  it('streams a large file in batches, reporting progress', async () => {
    const n = 12_000;
    let i = 0;
    const lines = (function* () {
      yield 'id_number,name,hukou_type,region_code\n';
      while (i < n) {
        i++;
        const seq = String(i % 1000).padStart(3, '0');
        const date = `19${60 + Math.floor(i / 1000)}0101`;
        yield `${idLine(`330106${date}${seq}`)},批量${i},urban,330100\n`;
      }
    })();
    const progress: number[] = [];
    const r = await runImport(ctx, { kind: 'persons', filename: 'big.csv', source: Readable.from(lines), principal: null, actor: SYSTEM_ACTOR, onProgress: (x) => progress.push(x) });
    expect(r).toMatchObject({ totalRows: n, okRows: n, errorRows: 0 });
    expect(progress.length).toBeGreaterThanOrEqual(3); // one per batch of 5,000
  });
});

const idLine = (first17: string) => first17 + idCheckCharacter(first17);
