import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // `expect.poll` waits on a condition; its default second is too short for a page to
    // answer on a loaded 2-core machine, which failed a browser test in CI.
    expect: { poll: { timeout: 10_000 } },
  },
});
