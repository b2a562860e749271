import { z } from 'zod';
import type { RouteRegistrar } from '../../platform/http/server.ts';

const Division = z.object({ code: z.string(), level: z.string(), parentCode: z.string().nullable(), nameZh: z.string(), nameEn: z.string() });
const Occupation = z.object({
  code: z.string(), level: z.string(), parentCode: z.string().nullable(), nameZh: z.string(), nameEn: z.string(),
  definitionZh: z.string(), introducedIn: z.string(), retiredIn: z.string().nullable(),
});
const Industry = z.object({ code: z.string(), level: z.string(), sectionCode: z.string().nullable(), nameZh: z.string(), nameEn: z.string(), injuryClass: z.number().nullable() });

/** Reference data is public: divisions, occupations and industries are published standards. */
export const registerReferenceRoutes: RouteRegistrar = (app, { db }) => {
  app.get('/api/reference/divisions', {
    config: { public: true },
    schema: {
      tags: ['reference'], summary: 'GB/T 2260 administrative divisions',
      querystring: z.object({ parent: z.string().regex(/^\d{6}$/).optional(), level: z.enum(['province', 'prefecture', 'county']).optional() }),
      response: { 200: z.object({ items: z.array(Division) }) },
    },
  }, async (req) => {
    let q = db.selectFrom('division').select(['code', 'level', 'parent_code', 'name_zh', 'name_en']).orderBy('code');
    if (req.query.parent) q = q.where('parent_code', '=', req.query.parent);
    if (req.query.level) q = q.where('level', '=', req.query.level);
    const rows = await q.execute();
    return { items: rows.map((r) => ({ code: r.code, level: r.level, parentCode: r.parent_code, nameZh: r.name_zh, nameEn: r.name_en })) };
  });

  app.get('/api/reference/occupations', {
    config: { public: true },
    schema: {
      tags: ['reference'], summary: 'Occupational classification (2015 edition and later releases)',
      querystring: z.object({
        parent: z.string().max(12).optional(),
        level: z.enum(['major', 'medium', 'minor', 'occupation']).optional(),
        q: z.string().max(50).optional(),
        // The classification in force at a date: introduced before it, not yet retired.
        asOf: z.iso.date().optional(),
      }),
      response: { 200: z.object({ items: z.array(Occupation) }) },
    },
  }, async (req) => {
    let q = db.selectFrom('occupation as o')
      .innerJoin('occupation_release as r', 'r.version', 'o.introduced_in')
      .leftJoin('occupation_release as x', 'x.version', 'o.retired_in')
      .select(['o.code', 'o.level', 'o.parent_code', 'o.name_zh', 'o.name_en', 'o.definition_zh', 'o.introduced_in', 'o.retired_in'])
      .orderBy('o.code');
    const { parent, level, q: text, asOf } = req.query;
    if (parent) q = q.where('o.parent_code', '=', parent);
    if (level) q = q.where('o.level', '=', level);
    if (text) q = q.where((eb) => eb.or([eb('o.name_zh', 'like', `%${text}%`), eb('o.code', 'like', `${text}%`), eb('o.name_en', 'ilike', `%${text}%`)]));
    if (asOf) q = q.where('r.effective_from', '<=', asOf).where((eb) => eb.or([eb('x.effective_from', 'is', null), eb('x.effective_from', '>', asOf)]));
    const rows = await q.execute();
    return {
      items: rows.map((r) => ({
        code: r.code, level: r.level, parentCode: r.parent_code, nameZh: r.name_zh, nameEn: r.name_en,
        definitionZh: r.definition_zh, introducedIn: r.introduced_in, retiredIn: r.retired_in,
      })),
    };
  });

  app.get('/api/reference/industries', {
    config: { public: true },
    schema: { tags: ['reference'], summary: 'GB/T 4754-2017 industries with work-injury risk class', response: { 200: z.object({ items: z.array(Industry) }) } },
  }, async () => {
    const rows = await db.selectFrom('industry').selectAll().orderBy('code').execute();
    return { items: rows.map((r) => ({ code: r.code, level: r.level, sectionCode: r.section_code, nameZh: r.name_zh, nameEn: r.name_en, injuryClass: r.injury_class })) };
  });
};
