import { z } from 'zod';
import type { RouteRegistrar } from '../../platform/http/server.ts';
import { actorOf, requirePrincipal } from '../../platform/http/guard.ts';
import { EmploymentOut, UnemploymentOut } from '../employment/employment.service.ts';
import { PersonCreate, PersonOut, PersonQuery, PersonUpdate } from './persons.schemas.ts';
import { createPerson, getPersonDetail, listPersons, presentPerson, updatePerson } from './persons.service.ts';

const IdParam = z.object({ id: z.uuid() });

export const registerPersonRoutes: RouteRegistrar = (app, ctx) => {
  app.get('/api/persons', {
    config: { action: 'person.read' },
    schema: { tags: ['persons'], summary: 'Search persons (ID numbers masked unless entitled)', querystring: PersonQuery,
      response: { 200: z.object({ items: z.array(PersonOut), total: z.number(), page: z.number(), pageSize: z.number() }) } },
  }, async (req) => {
    const p = requirePrincipal(req);
    const { rows, total } = await listPersons(ctx, p, req.query);
    return { items: rows.map((r) => presentPerson(r, p)), total, page: req.query.page, pageSize: req.query.pageSize };
  });

  app.post('/api/persons', {
    config: { action: 'person.write' },
    schema: { tags: ['persons'], summary: 'Register a person', body: PersonCreate, response: { 201: PersonOut } },
  }, async (req, reply) => {
    const p = requirePrincipal(req);
    const row = await createPerson(ctx, p, actorOf(req), req.body);
    return reply.code(201).send(presentPerson(row, p));
  });

  app.get('/api/persons/:id', {
    config: { action: 'person.read' },
    schema: { tags: ['persons'], summary: 'A person with employment history and unemployment registrations', params: IdParam,
      response: { 200: z.object({ person: PersonOut, employments: z.array(EmploymentOut), unemploymentRegistrations: z.array(UnemploymentOut) }) } },
  }, async (req) => getPersonDetail(ctx, requirePrincipal(req), req.params.id));

  app.patch('/api/persons/:id', {
    config: { action: 'person.write' },
    schema: { tags: ['persons'], summary: 'Correct a person (not the ID number)', params: IdParam, body: PersonUpdate, response: { 200: PersonOut } },
  }, async (req) => {
    const p = requirePrincipal(req);
    return presentPerson(await updatePerson(ctx, p, actorOf(req), req.params.id, req.body), p);
  });
};
