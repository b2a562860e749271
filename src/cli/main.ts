import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { Command, Option } from 'commander';
import { ConfigError, loadConfig } from '../platform/config.ts';
import { DataDirLockedError, openPglite } from '../platform/db.ts';
import { MigrationError } from '../platform/migrate.ts';
import { AppError } from '../platform/errors.ts';
import { SYSTEM_ACTOR } from '../platform/audit.ts';
import type { AppContext } from '../platform/context.ts';
import { buildApp, openDatabase, prepareDatabase } from '../app.ts';
import { loadReferenceData } from '../modules/reference/reference.service.ts';
import { DEMO_USERS_HELP, demoLoaded, loadDemo } from '../modules/demo/demo.service.ts';
import { runImport } from '../modules/imports/imports.service.ts';
import { exportCsv } from '../modules/imports/exports.service.ts';
import { ROLES, createToken, createUser, findUserByUsername, revokeToken, setPassword } from '../modules/users/users.service.ts';
import { ensureWebBuild } from './web-build.ts';
import { progress } from './progress.ts';
import { registerInsuranceCommands } from '../modules/insurance/rules/cli.ts';
import { startDailyJobs } from '../daily-jobs.ts';

const operator = { ...SYSTEM_ACTOR, name: `cli:${process.env.USER ?? 'operator'}` };

/** Prints each demo step with the seconds it took, so a slow step shows itself. */
function stepPrinter(): (s: string) => void {
  let last = Date.now();
  return (s) => {
    const now = Date.now();
    console.error(`  ${s}  (${((now - last) / 1000).toFixed(1)} s)`);
    last = now;
  };
}

async function withContext<T>(fn: (ctx: AppContext) => Promise<T>, opts: { prepare?: boolean } = { prepare: true }): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase(config);
  const ctx: AppContext = { database, db: database.db, config };
  try {
    if (opts.prepare !== false) await prepareDatabase(database);
    return await fn(ctx);
  } finally {
    await database.close();
  }
}

async function serve() {
  const config = loadConfig();
  await ensureWebBuild();
  const database = await openDatabase(config);
  const ctx: AppContext = { database, db: database.db, config };
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.error(`\n${signal}: stopping hrss…`);
    try {
      await jobs?.stop();
      await app?.close();
    } finally {
      await database.close(); // PGlite: checkpoint, close, release the lock
      console.error('hrss stopped cleanly.');
      process.exit(0);
    }
  };
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  let jobs: ReturnType<typeof startDailyJobs> | undefined;
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  try {
    const { applied } = await prepareDatabase(database);
    if (applied.length) console.error(`Applied migrations: ${applied.join(', ')}`);
    let users: { username: string; role: string; regionCode: string }[] | null = null;
    if (config.HRSS_DEMO === 'auto' && !(await demoLoaded(ctx))) {
      const empty = !(await ctx.db.selectFrom('app_user').select('id').limit(1).executeTakeFirst());
      if (empty) {
        console.error(`First start on an empty database: loading demo data (scale ${config.HRSS_DEMO_SCALE})…`);
        const t = Date.now();
        const result = await loadDemo(ctx, { scale: config.HRSS_DEMO_SCALE, onStep: stepPrinter() });
        console.error(`Demo data loaded in ${((Date.now() - t) / 1000).toFixed(1)} s.`);
        users = result.users;
      }
    } else if (await demoLoaded(ctx)) {
      users = (await ctx.db.selectFrom('app_user').select(['username', 'role', 'region_code']).where('username', 'in', ['ministry', 'gd.officer', 'hb.officer', 'sz.officer', 'sz.inspector', 'sz.reporter', 'employer.demo', 'insured.demo']).orderBy('created_at').execute())
        .map((u) => ({ username: u.username, role: u.role, regionCode: u.region_code }));
    }
    app = await buildApp(ctx);
    await app.listen({ port: config.PORT, host: config.HOST });
    const log = app.log;
    jobs = startDailyJobs(ctx, (msg, err) => (err ? log.error({ err }, msg) : log.info(msg)));
    const shownHost = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
    const port = (app.server.address() as { port: number }).port;
    console.log(`\nhrss is running at http://${shownHost}:${port}  (database: ${database.engine === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL'})`);
    console.log(`API docs: http://${shownHost}:${port}/api/docs`);
    if (users?.length) console.log(`Demo logins:\n${DEMO_USERS_HELP(users)}`);
    console.log('Press Ctrl-C to stop.');
  } catch (err) {
    await app?.close().catch(() => {});
    await database.close().catch(() => {});
    throw err;
  }
}

const program = new Command('hrss').description('hrss: human resources and social security administration').showHelpAfterError();

program.command('serve').description('start the HTTP API and console (default command of npm start)').action(serve);

program.command('migrate').description('apply new database migrations').action(() =>
  withContext(async () => {
    console.log('Database is up to date.'); // withContext has applied the migrations
  }));

program.command('demo').description('load the deterministic demo data set into an empty database')
  .option('--scale <n>', 'size: 1 ≈ 20,000 persons and 1,000 employers', '1')
  .option('--seed <n>', 'random seed', '2020')
  .action((o) => withContext(async (ctx) => {
    if (await demoLoaded(ctx)) throw new AppError('CONFLICT', 'Demo data is already loaded in this database');
    const r = await loadDemo(ctx, { scale: Number(o.scale), seed: Number(o.seed), onStep: stepPrinter() });
    console.log(`Demo loaded: ${r.persons} persons, ${r.employers} employers.\nDemo logins:\n${DEMO_USERS_HELP(r.users)}`);
  }));

const reference = program.command('reference').description('reference data (divisions, occupations, industries)');
reference.command('load').description('load or refresh the reference tables from reference/*.json').action(() =>
  withContext(async (ctx) => console.log(JSON.stringify(await loadReferenceData(ctx.db)))));

program.command('import').description('import a CSV file into a registry')
  .addArgument(new (await import('commander')).Argument('<kind>', 'what the file holds').choices(['persons', 'employers']))
  .argument('<file>', 'CSV file with a header row')
  .option('--errors <file>', 'write the error report (row, column, code, message) to this CSV file')
  .action((kind: 'persons' | 'employers', file: string, o) => withContext(async (ctx) => {
    const size = fs.statSync(file).size;
    const bar = progress(`import ${kind}`);
    let bytes = 0;
    const source = fs.createReadStream(file);
    source.on('data', (b) => { bytes += b.length; });
    const result = await runImport(ctx, { kind, filename: path.basename(file), source, principal: null, actor: operator, onProgress: (n) => bar.update(n, size ? bytes / size : undefined) });
    bar.done();
    console.log(`${result.totalRows} rows: ${result.okRows} imported, ${result.skippedRows} already registered, ${result.errorRows} with errors (import ${result.id})`);
    if (result.errorRows) {
      const errs = await ctx.db.selectFrom('import_error').selectAll().where('job_id', '=', result.id).orderBy('row_no').execute();
      const lines = ['row,column,code,message', ...errs.map((e) => `${e.row_no},${e.col},${e.code},"${e.message.replaceAll('"', '""')}"`)];
      if (o.errors) {
        fs.writeFileSync(o.errors, lines.join('\n') + '\n');
        console.log(`Error report written to ${o.errors}`);
      } else {
        console.log(lines.slice(0, 21).join('\n') + (lines.length > 21 ? `\n… ${lines.length - 21} more (use --errors FILE)` : ''));
      }
    }
  }));

program.command('export').description('export a registry as CSV (full ID numbers: operator access)')
  .addArgument(new (await import('commander')).Argument('<kind>').choices(['persons', 'employers']))
  .option('-o, --out <file>', 'output file (default: standard output)')
  .action((kind: 'persons' | 'employers', o) => withContext(async (ctx) => {
    const out = o.out ? fs.createWriteStream(o.out) : process.stdout;
    // The CLI runs as the operator with direct database access: no masking beyond what the database holds.
    const operatorPrincipal = { id: 'cli', username: 'cli', displayName: 'operator', role: 'province_officer' as const, regionCode: '000000', subjectProvinceCode: null, subjectId: null, scopes: ['read' as const] };
    for await (const chunk of exportCsv(ctx, kind, operatorPrincipal)) {
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
    }
    if (o.out) await new Promise((r) => (out as fs.WriteStream).end(r));
  }));

const user = program.command('user').description('manage users');
user.command('create').description('create a user')
  .requiredOption('--username <name>')
  .requiredOption('--display-name <name>')
  .addOption(new Option('--role <role>').choices(ROLES).makeOptionMandatory())
  .requiredOption('--region <code>', 'GB/T 2260 code; 000000 for ministry users')
  .option('--subject <uuid>', 'employer or person id, for roles employer and insured')
  .option('--password <pw>', 'initial password (default: read from HRSS_PASSWORD)')
  .action((o) => withContext(async (ctx) => {
    const password = o.password ?? process.env.HRSS_PASSWORD;
    if (!password) throw new AppError('VALIDATION_FAILED', 'Give --password or set HRSS_PASSWORD');
    const u = await createUser(ctx, null, operator, { username: o.username, displayName: o.displayName, password, role: o.role, regionCode: o.region, subjectId: o.subject });
    console.log(`Created user ${u.username} (${u.role}, ${u.regionCode}) id ${u.id}`);
  }));
user.command('reset-password').description('set a new password and end the user’s sessions')
  .argument('<username>')
  .option('--password <pw>', 'new password (default: read from HRSS_PASSWORD)')
  .action((username: string, o) => withContext(async (ctx) => {
    const u = await findUserByUsername(ctx.db, username);
    if (!u) throw new AppError('NOT_FOUND', `No user ${username}`);
    const password = o.password ?? process.env.HRSS_PASSWORD;
    if (!password) throw new AppError('VALIDATION_FAILED', 'Give --password or set HRSS_PASSWORD');
    await setPassword(ctx, null, operator, u.id, password);
    console.log(`Password of ${username} reset; their sessions have ended.`);
  }));

const token = program.command('token').description('API tokens for machine clients');
token.command('create').description('create a token for a user; the secret is printed once')
  .argument('<username>').requiredOption('--name <name>')
  .option('--scopes <list>', 'comma-separated: read, write', 'read')
  .action((username: string, o) => withContext(async (ctx) => {
    const u = await findUserByUsername(ctx.db, username);
    if (!u) throw new AppError('NOT_FOUND', `No user ${username}`);
    const scopes = String(o.scopes).split(',').map((s) => s.trim());
    if (scopes.some((s) => s !== 'read' && s !== 'write')) throw new AppError('VALIDATION_FAILED', 'Scopes are read and write');
    const t = await createToken(ctx, u.id, operator, { name: o.name, scopes: scopes as ('read' | 'write')[] });
    console.log(`Token ${t.id} for ${username} (${t.scopes.join(',')}). Store it now; it is not shown again:\n${t.token}`);
  }));
token.command('revoke').description('revoke a token by id').argument('<id>').action((id: string) => withContext(async (ctx) => {
  await revokeToken(ctx, null, operator, id);
  console.log(`Token ${id} revoked.`);
}));

program.command('backup').description('back up the database: pg_dump custom format on PostgreSQL, a data-directory dump on PGlite')
  .requiredOption('-o, --out <file>')
  .action(async (o) => {
    const config = loadConfig();
    if (config.DATABASE_URL) {
      const r = spawnSync('pg_dump', ['--format=custom', `--file=${o.out}`, config.DATABASE_URL], { stdio: 'inherit' });
      if (r.status !== 0) throw new Error(`pg_dump failed (exit ${r.status})`);
    } else {
      const database = await openPglite(config.dataDir); // takes the lock: no server may be writing
      try {
        const blob = await database.pglite!.dumpDataDir('gzip');
        fs.writeFileSync(o.out, Buffer.from(await blob.arrayBuffer()));
      } finally {
        await database.close();
      }
    }
    console.log(`Backup written to ${o.out}`);
  });

program.command('restore').description('restore a backup made by hrss backup into an empty target')
  .requiredOption('-i, --in <file>')
  .action(async (o) => {
    const config = loadConfig();
    if (config.DATABASE_URL) {
      const r = spawnSync('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${config.DATABASE_URL}`, o.in], { stdio: 'inherit' });
      if (r.status !== 0) throw new Error(`pg_restore failed (exit ${r.status})`);
    } else {
      const pgdata = path.join(config.dataDir, 'pgdata');
      if (fs.existsSync(pgdata) && fs.readdirSync(pgdata).length) throw new AppError('CONFLICT', `${pgdata} is not empty: restore into a new HRSS_DATA_DIR`);
      const blob = new Blob([fs.readFileSync(o.in)]);
      const database = await openPglite(config.dataDir, { loadDataDir: blob });
      await database.close();
    }
    console.log(`Restored from ${o.in}`);
  });

registerInsuranceCommands(program, (fn) => withContext(fn));

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DataDirLockedError || err instanceof MigrationError) {
    console.error(`hrss: ${err.message}`);
  } else if (err instanceof AppError) {
    console.error(`hrss: ${err.code}: ${err.message}${err.fields.length ? '\n' + err.fields.map((f) => `  ${f.field}: ${f.message}`).join('\n') : ''}`);
  } else {
    console.error(err);
  }
  process.exit(1);
});

