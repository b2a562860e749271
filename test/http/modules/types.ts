import type { AppContext } from '../../../src/platform/context.ts';
import type { Client, TestApp } from '../../helpers/http.ts';
import type { world } from '../../helpers/fixtures.ts';

/** The registry world of the role × endpoint matrix (test/helpers/fixtures.ts): Shenzhen in region, Beijing outside. */
export type BaseWorld = Awaited<ReturnType<typeof world>>;
export type Sample = { method: string; url: string; body?: unknown; multipart?: boolean };
/** Per route key ('GET /api/x/:id'): one in-region request and, where a record is addressed, one out-of-region request. */
export type Samples = Record<string, { inRegion: () => Sample; outOfRegion?: () => Sample }>;

/** What a module's audit walk gets: the app, the database, logged-in clients, and `step`, which checks one mutation left its audit row. */
export interface WalkKit {
  ctx: AppContext;
  app: TestApp;
  /** a.gd (province_officer 440000), a.min (ministry), a.rep (monitoring_reporter 440300); make more with makeUser + login */
  gd: Client; min: Client; rep: Client;
  step(key: string, run: () => Promise<{ statusCode: number; body: string }>, expected: { action: string; province: string }): Promise<{ statusCode: number; body: string }>;
}

/**
 * A module's part of the HTTP matrix and audit walk: `setup` adds its records to the matrix world,
 * `samples` gives a request per route, `walk` calls each of its mutating routes once through `step`.
 */
export interface ModuleHttpTests<W> {
  setup(ctx: AppContext, base: BaseWorld): Promise<W>;
  samples(w: W, base: BaseWorld): Samples;
  walk(kit: WalkKit): Promise<void>;
  /** mutating routes that change no record (so leave no audit row), if any */
  notRecords?: string[];
}
