import { defineConfig } from 'vitest/config';

// Database tests (*.db.test.ts) run on PGlite always, and again on PostgreSQL when
// TEST_DATABASE_URL is set. Browser tests live in test/e2e.
const onPostgres = !!process.env.TEST_DATABASE_URL;

export default defineConfig({
  test: {
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 60_000,
    // Browser pages load slowly on a busy 2-core machine: polls wait like playwright's own locators.
    expect: { poll: { timeout: 15_000, interval: 100 } },
    hookTimeout: 180_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: { name: 'pglite', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], env: { HRSS_TEST_ENGINE: 'pglite' } },
      },
      ...(onPostgres
        ? [{
            extends: true,
            test: { name: 'postgres', include: ['src/**/*.db.test.ts', 'test/**/*.db.test.ts'], env: { HRSS_TEST_ENGINE: 'postgres' } },
          }]
        : []),
    ],
  },
});
