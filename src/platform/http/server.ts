import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RawReplyDefaultExpression, type RawRequestDefaultExpression, type RawServerDefault } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { ping } from '../db.ts';
import { newId } from '../ids.ts';
import { errorHandler, sendProblem } from './problem.ts';
import { registerGuard } from './guard.ts';

export type App = FastifyInstance;
declare module 'fastify' {
  interface FastifyInstance { hrssRoutes: { method: string; url: string; action?: string; public?: boolean }[] }
}

export type TypedApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;
export type RouteRegistrar = (app: TypedApp, ctx: AppContext) => void;

// HRSS_WEB_DIST: a development knob, so that parallel work can build and serve its own copy of the console.
const WEB_DIST = process.env.HRSS_WEB_DIST ? path.resolve(process.env.HRSS_WEB_DIST) : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

export async function buildServer(ctx: AppContext, registrars: RouteRegistrar[], opts: { logger?: boolean } = {}) {
  const app = Fastify({
    logger: opts.logger === false ? false : { level: ctx.config.LOG_LEVEL, redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'] },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : newId();
    },
    requestIdHeader: false,
    bodyLimit: 1024 * 1024,
    trustProxy: false,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || !fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
      return sendProblem(reply, 404, 'NOT_FOUND', `No route ${req.method} ${req.url.split('?')[0]}`);
    }
    return reply.sendFile('index.html'); // the console routes on the client
  });
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
  });

  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'hrss API', version: '0.1.0', description: 'Human resources and social security administration. Errors are RFC 9457 problem+json with a stable `code`.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'hrss_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });

  // Every route with its policy, for the role × endpoint tests and the guard's own check.
  const routes: { method: string; url: string; action?: string; public?: boolean }[] = [];
  app.addHook('onRoute', (r) => {
    for (const m of [r.method].flat()) if (m !== 'HEAD') routes.push({ method: m, url: r.url, action: r.config?.action, public: r.config?.public });
  });
  app.decorate('hrssRoutes', routes);
  registerGuard(app, ctx.db, ctx.config);
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get('/healthz', { config: { public: true }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  typed.get('/readyz', { config: { public: true }, schema: { hide: true } }, async (_req, reply) => {
    if (await ping(ctx.db)) return { status: 'ready', engine: ctx.database.engine };
    return sendProblem(reply, 503, 'NOT_READY', 'Database is not reachable');
  });
  typed.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  typed.get('/api/meta', {
    config: { public: true },
    schema: { tags: ['meta'], response: { 200: z.object({ name: z.string(), version: z.string(), engine: z.string() }) } },
  }, async () => ({ name: 'hrss', version: '0.1.0', engine: ctx.database.engine }));

  for (const register of registrars) register(typed, ctx);

  if (fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    await app.register(fastifyStatic, { root: WEB_DIST, prefix: '/', wildcard: false, index: 'index.html' });
  } else {
    // No console build yet: a plain page pointing at the API, so `npm start` still serves something useful.
    typed.get('/', { config: { public: true }, schema: { hide: true } }, async (_req, reply) =>
      reply.type('text/html; charset=utf-8').send(PLACEHOLDER_PAGE));
  }
  return app;
}

const PLACEHOLDER_PAGE = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>hrss 人力资源和社会保障</title>
<body style="font-family:sans-serif;max-width:40em;margin:3em auto">
<h1>hrss 人力资源和社会保障管理平台</h1><p>Human resources and social security administration.</p>
<p>控制台尚未构建 / The console is not built yet. <a href="/api/docs">API 文档 / API docs</a> · <a href="/readyz">状态 / status</a></p></body></html>`;
