import type { RouteRegistrar } from '../../platform/http/server.ts';

export const registerArrearsRoutes: RouteRegistrar = (_app, _ctx) => {};
