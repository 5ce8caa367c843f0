import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Builds render real PDFs; a slow CI machine must not turn that into a failure.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // GitHub's workflow parser imports its schema as JSON without an import attribute, which Node refuses: vitest transforms it.
    server: { deps: { inline: ['@actions/workflow-parser'] } },
  },
});
