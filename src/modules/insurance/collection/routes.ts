import type { RouteRegistrar } from '../../../platform/http/server.ts';

export const registerCollectionRoutes: RouteRegistrar = (_app, _ctx) => {};
