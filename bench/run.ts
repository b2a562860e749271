import { benchImportPglite, benchImportPostgres } from './import.ts';
import { benchHttpPerson } from './http.ts';
import { benchRanking } from './ranking.ts';
import { benchAssessment } from './assessment.ts';
import { benchComplaints } from './complaints.ts';

/** npm run bench -- <name> [args]: prints figures and ratios; asserts nothing. */
const [name = 'help', ...args] = process.argv.slice(2);
const benches: Record<string, () => Promise<void>> = {
  'import-pg': () => benchImportPostgres(args.length ? args.map(Number) : [100_000, 1_000_000]),
  'import-pglite': () => benchImportPglite(Number(args[0] ?? 100_000)),
  'ranking': () => benchRanking(),
  'assessment': () => benchAssessment(args),
  'complaints': () => benchComplaints(args),
  'http-person': () => benchHttpPerson(Number(args.find((a) => /^\d+$/.test(a)) ?? 20_000), args.includes('--pg') ? 'postgres' : 'pglite'),
};
if (!benches[name]) {
  console.log(`usage: npm run bench -- <${Object.keys(benches).join('|')}> [args]`);
  process.exit(name === 'help' ? 0 : 1);
}
await benches[name]();
process.exit(0);
