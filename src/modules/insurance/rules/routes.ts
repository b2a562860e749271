import type { RouteRegistrar } from '../../../platform/http/server.ts';

export const registerInsuranceRulesRoutes: RouteRegistrar = (_app, _ctx) => {};
