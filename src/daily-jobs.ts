import type { AppContext } from './platform/context.ts';
import { SYSTEM_ACTOR } from './platform/audit.ts';
import { todayInChina } from './platform/dates.ts';
import { checkDeadlines } from './modules/arrears/deadlines.ts';
import { advanceBlacklist } from './modules/blacklist/service.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The sweeps that follow the calendar — case deadlines (warn, escalate) and blacklist terms
 * (extend, expire) — run once when the server starts and then every 24 hours. Each is idempotent
 * for a date, so a restart or a second server repeats nothing. A failure is logged, never fatal.
 */
export function startDailyJobs(ctx: AppContext, log: (msg: string, err?: unknown) => void): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = running.then(async () => {
      const today = todayInChina();
      try {
        const d = await checkDeadlines(ctx, today);
        const b = await advanceBlacklist(ctx, today, SYSTEM_ACTOR);
        log(`daily jobs ${today}: ${d.warnings} deadline warnings, ${d.escalations} escalations; blacklist ${b.extended} extended, ${b.expired} expired`);
      } catch (err) {
        log(`daily jobs ${today} failed`, err);
      }
    });
  };
  run();
  const timer = setInterval(run, DAY_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
