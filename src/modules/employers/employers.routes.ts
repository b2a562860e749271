import { z } from 'zod';
import type { RouteRegistrar } from '../../platform/http/server.ts';
import { actorOf, requirePrincipal } from '../../platform/http/guard.ts';
import { maskIdNumber } from '../persons/id-number.ts';
import { seesFullIdNumber } from '../../platform/auth/policy.ts';
import { currentEmployees } from '../employment/employment.service.ts';
import { EmployerCreate, EmployerOut, EmployerQuery, EmployerUpdate } from './employers.schemas.ts';
import { createEmployer, getEmployer, listEmployers, presentEmployer, updateEmployer } from './employers.service.ts';

const IdParam = z.object({ id: z.uuid() });
const Employee = z.object({ employmentId: z.string(), hiredOn: z.string(), personId: z.string(), name: z.string(), idNumber: z.string() });

export const registerEmployerRoutes: RouteRegistrar = (app, ctx) => {
  app.get('/api/employers', {
    config: { action: 'employer.read' },
    schema: { tags: ['employers'], summary: 'Search employers', querystring: EmployerQuery,
      response: { 200: z.object({ items: z.array(EmployerOut), total: z.number(), page: z.number(), pageSize: z.number() }) } },
  }, async (req) => {
    const p = requirePrincipal(req);
    const { rows, total } = await listEmployers(ctx, p, req.query);
    return { items: rows.map(presentEmployer), total, page: req.query.page, pageSize: req.query.pageSize };
  });

  app.post('/api/employers', {
    config: { action: 'employer.write' },
    schema: { tags: ['employers'], summary: 'Register an employer', body: EmployerCreate, response: { 201: EmployerOut } },
  }, async (req, reply) => reply.code(201).send(presentEmployer(await createEmployer(ctx, requirePrincipal(req), actorOf(req), req.body))));

  app.get('/api/employers/:id', {
    config: { action: 'employer.read' },
    schema: { tags: ['employers'], summary: 'An employer with its current employees', params: IdParam,
      response: { 200: z.object({ employer: EmployerOut, employees: z.array(Employee) }) } },
  }, async (req) => {
    const p = requirePrincipal(req);
    const employer = await getEmployer(ctx, p, req.params.id);
    const employees = await currentEmployees(ctx, p, employer.id);
    // An employer sees its own staff's ID numbers (it declares them); officers by their region rule.
    const full = (region: string) => p.role === 'employer' || seesFullIdNumber(p, region);
    return {
      employer: presentEmployer(employer),
      employees: employees.map((e) => ({ employmentId: e.id, hiredOn: e.hired_on, personId: e.person_id, name: e.name, idNumber: full(e.region_code) ? e.id_number : maskIdNumber(e.id_number) })),
    };
  });

  app.patch('/api/employers/:id', {
    config: { action: 'employer.write' },
    schema: { tags: ['employers'], summary: 'Correct an employer (not the credit code)', params: IdParam, body: EmployerUpdate, response: { 200: EmployerOut } },
  }, async (req) => presentEmployer(await updateEmployer(ctx, requirePrincipal(req), actorOf(req), req.params.id, req.body)));
};
