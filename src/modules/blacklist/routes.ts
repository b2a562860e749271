import type { RouteRegistrar } from '../../platform/http/server.ts';

export const registerBlacklistRoutes: RouteRegistrar = (_app, _ctx) => {};
