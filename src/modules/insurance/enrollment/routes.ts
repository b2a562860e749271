import type { RouteRegistrar } from '../../../platform/http/server.ts';

export const registerEnrollmentRoutes: RouteRegistrar = (_app, _ctx) => {};
