import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Two tiers. `npm test` runs the first: every test file but the heavy suites
 * below, within minutes on a two-core machine. `npm run test:full`
 * (ORDINANCE_TEST_TIER=full), which `.ci/run` runs after `npm test`, runs the
 * second: the heavy suites, and the property tests at full size (10,000
 * documents, the first tier runs 1,000; every case of the amendments corpus
 * and four D.C. Code titles, the first tier a tenth and one; the kill tests of adopt
 * and import at 50 and 30 runs, the first tier 5 and 10; 300 mangled sources, the
 * first tier 100).
 */
const FULL = process.env.ORDINANCE_TEST_TIER === 'full';
const SECOND_TIER = [
  // A real browser (chromium) over the published sites.
  'test/site-browser.test.ts',
  // Fifty-odd hostile ordinances built by the CLI, each PDF checked by qpdf and some by Preflight.
  'test/hostile.test.ts',
  // The CI templates run step by step, each step a shell running the CLI.
  'test/incremental-ci.test.ts',
  // Archives of thousands of pages and sections, drawn whole and checked by Preflight.
  'test/long-documents.test.ts',
  // Workers started with a heap too small, restarted again and again with more.
  'test/parallel-heap.test.ts',
  // A copy of the installation, its templates and code changed, built four times.
  'test/incremental-install.test.ts',
];

export default defineConfig({
  test: {
    include: FULL
      ? [...SECOND_TIER, 'test/properties.test.ts', 'test/amend-corpus.test.ts', 'test/adopt-transaction.test.ts', 'test/hostile-amend.test.ts', 'test/fuzz.test.ts']
      : ['test/**/*.test.ts'],
    exclude: FULL ? [] : SECOND_TIER,
    // One test file per core: vitest's default leaves one core free, which on a two-core machine runs the files one
    // at a time, while much of a file's time is spent waiting on the processes it spawns (git, qpdf, the CLI).
    maxWorkers: availableParallelism(),
    // Builds render real PDFs; a slow CI machine must not turn that into a failure.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // GitHub's workflow parser imports its schema as JSON without an import attribute, which Node refuses: vitest transforms it.
    server: { deps: { inline: ['@actions/workflow-parser'] } },
  },
});
