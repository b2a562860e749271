import type { RegisterCommands } from '../../../cli/module-commands.ts';
import { progress } from '../../../cli/progress.ts';
import { SYSTEM_ACTOR } from '../../../platform/audit.ts';
import { AppError } from '../../../platform/errors.ts';
import { loadInsuranceParameters } from './params-load.ts';
import { PERIOD_RE, runAssessment } from './assessment.ts';
import { creditAnnualInterest } from '../collection/accounts.ts';

/** Months from…to inclusive, 'YYYY-MM'. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number);
  for (;;) {
    const p = `${y}-${String(m).padStart(2, '0')}`;
    if (p > to) return out;
    out.push(p);
    if (++m > 12) { m = 1; y++; }
  }
}

/** hrss insurance …: parameter loading, the monthly assessment job and the year-end account interest. */
export const registerInsuranceCommands: RegisterCommands = (program, withContext) => {
  const insurance = program.command('insurance').description('social insurance: parameters and the monthly assessment');
  const params = insurance.command('params').description('contribution parameters (reference/insurance/*.json)');
  params.command('load').description('load the parameter files into the database; the files win over values changed through the API')
    .action(() => withContext(async (ctx) => {
      await loadInsuranceParameters(ctx.db, { overwrite: true });
      const n = await ctx.db.selectFrom('insurance_parameter').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      console.log(`Parameters loaded: ${Number(n.n)} dated values in the database.`);
    }));

  insurance.command('assess').description('run (or resume) the monthly assessment of a province; idempotent')
    .requiredOption('--province <code>', 'two-digit province code, e.g. 44')
    .requiredOption('--period <YYYY-MM>', 'the month, or the first month with --to')
    .option('--to <YYYY-MM>', 'last month of a range')
    .option('--chunk <n>', 'enrollments per chunk (one commit each)', '50000')
    .action((o: { province: string; period: string; to?: string; chunk: string }) => withContext(async (ctx) => {
      for (const p of [o.period, o.to].filter(Boolean) as string[]) {
        if (!PERIOD_RE.test(p)) throw new AppError('VALIDATION_FAILED', `Not a month: ${p} (YYYY-MM)`);
      }
      const actor = { ...SYSTEM_ACTOR, name: `cli:${process.env.USER ?? 'operator'}` };
      for (const period of monthsBetween(o.period, o.to ?? o.period)) {
        const bar = progress(`assess ${o.province} ${period}`);
        const started = Date.now();
        const r = await runAssessment(ctx, { provinceCode: o.province, period, actor, chunkSize: Number(o.chunk),
          onProgress: (p) => bar.update(p.enrollmentsDone, p.enrollmentsTotal ? p.enrollmentsDone / p.enrollmentsTotal : 1) });
        bar.done();
        console.log(`${o.province} ${period}: ${r.enrollmentsTotal.toLocaleString('en')} enrollments scanned, ${r.rowsWritten.toLocaleString('en')} assessment rows written in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      }
    }));

  insurance.command('interest').description('credit a year\'s interest to the individual pension accounts of a province; idempotent')
    .requiredOption('--province <code>', 'two-digit province code, e.g. 44')
    .requiredOption('--year <YYYY>', 'the year whose interest is credited (at that year\'s rate, account.interest_rate)')
    .action((o: { province: string; year: string }) => withContext(async (ctx) => {
      if (!/^\d{2}$/.test(o.province) || !/^\d{4}$/.test(o.year)) throw new AppError('VALIDATION_FAILED', 'Expected --province PP and --year YYYY');
      const actor = { ...SYSTEM_ACTOR, name: `cli:${process.env.USER ?? 'operator'}` };
      const r = await creditAnnualInterest(ctx, { provinceCode: o.province, year: Number(o.year) }, actor);
      console.log(`${o.province} ${o.year}: ${JSON.stringify(r)}`);
    }));
};
