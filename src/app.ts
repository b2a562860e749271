import type { Config } from './platform/config.ts';
import type { AppContext } from './platform/context.ts';
import { openPglite, openPostgres, type Database } from './platform/db.ts';
import { migrate } from './platform/migrate.ts';
import { buildServer } from './platform/http/server.ts';
import { loadReferenceData, referenceLoaded } from './modules/reference/reference.service.ts';
import { loadModuleData } from './modules/reference/module-data.ts';
import { registerReferenceRoutes } from './modules/reference/reference.routes.ts';
import { registerPersonRoutes } from './modules/persons/persons.routes.ts';
import { registerEmployerRoutes } from './modules/employers/employers.routes.ts';
import { registerEmploymentRoutes } from './modules/employment/employment.routes.ts';
import { registerUserRoutes } from './modules/users/users.routes.ts';
import { registerAuditRoutes } from './modules/audit/audit.routes.ts';
import { registerImportRoutes } from './modules/imports/imports.routes.ts';
import { registerStatsRoutes } from './modules/stats/stats.routes.ts';
import { registerLabourRoutes } from './modules/labour/labour.routes.ts';
import { registerInsuranceRulesRoutes } from './modules/insurance/rules/routes.ts';
import { registerEnrollmentRoutes } from './modules/insurance/enrollment/routes.ts';
import { registerCollectionRoutes } from './modules/insurance/collection/routes.ts';
import { registerArrearsRoutes } from './modules/arrears/routes.ts';
import { registerBlacklistRoutes } from './modules/blacklist/routes.ts';
import { registerNotificationRoutes } from './modules/notifications/notifications.routes.ts';
import { registerInsuranceStatsRoutes } from './modules/stats/insurance-stats.routes.ts';

export const ROUTES = [
  registerReferenceRoutes, registerUserRoutes, registerPersonRoutes, registerEmployerRoutes, registerEmploymentRoutes,
  registerImportRoutes, registerAuditRoutes, registerStatsRoutes, registerLabourRoutes, registerNotificationRoutes,
  registerInsuranceRulesRoutes, registerEnrollmentRoutes, registerCollectionRoutes, registerArrearsRoutes, registerBlacklistRoutes,
  registerInsuranceStatsRoutes,
];

export async function openDatabase(config: Config): Promise<Database> {
  return config.DATABASE_URL ? openPostgres(config.DATABASE_URL) : openPglite(config.dataDir);
}

/** Migrations, then the reference tables on first use: every command that opens the database runs this. */
export async function prepareDatabase(database: Database): Promise<{ applied: string[]; referenceLoadedNow: boolean }> {
  const applied = await migrate(database);
  const loaded = await referenceLoaded(database.db);
  if (!loaded) await loadReferenceData(database.db);
  else await loadModuleData(database.db, { overwrite: false }); // data files added since the last start

  return { applied, referenceLoadedNow: !loaded };
}

export async function buildApp(ctx: AppContext, opts: { logger?: boolean } = {}) {
  return buildServer(ctx, ROUTES, opts);
}
