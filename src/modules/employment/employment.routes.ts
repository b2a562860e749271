import { z } from 'zod';
import type { RouteRegistrar } from '../../platform/http/server.ts';
import { actorOf, requirePrincipal } from '../../platform/http/guard.ts';
import {
  DeregisterInput, EmploymentOut, HireInput, SeparationInput, UnemploymentInput, UnemploymentOut,
  deregisterUnemployed, hire, registerUnemployed, separate,
} from './employment.service.ts';

const IdParam = z.object({ id: z.uuid() });

export const registerEmploymentRoutes: RouteRegistrar = (app, ctx) => {
  app.post('/api/employments', {
    config: { action: 'employment.write' },
    schema: { tags: ['employment'], summary: 'Register a hire', body: HireInput, response: { 201: EmploymentOut } },
  }, async (req, reply) => reply.code(201).send(await hire(ctx, requirePrincipal(req), actorOf(req), req.body)));

  app.post('/api/employments/:id/separation', {
    config: { action: 'employment.write' },
    schema: { tags: ['employment'], summary: 'Register the end of an employment', params: IdParam, body: SeparationInput, response: { 200: EmploymentOut } },
  }, async (req) => separate(ctx, requirePrincipal(req), actorOf(req), req.params.id, req.body));

  app.post('/api/unemployment-registrations', {
    config: { action: 'unemployment.write' },
    schema: { tags: ['employment'], summary: 'Register a person as unemployed', body: UnemploymentInput, response: { 201: UnemploymentOut } },
  }, async (req, reply) => reply.code(201).send(await registerUnemployed(ctx, requirePrincipal(req), actorOf(req), req.body)));

  app.post('/api/unemployment-registrations/:id/deregistration', {
    config: { action: 'unemployment.write' },
    schema: { tags: ['employment'], summary: 'End an unemployment registration', params: IdParam, body: DeregisterInput, response: { 200: UnemploymentOut } },
  }, async (req) => deregisterUnemployed(ctx, requirePrincipal(req), actorOf(req), req.params.id, req.body));
};
