import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// One test run for every TypeScript package. Integration tests start real engines on free ports, so give them room.
export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/.next/**', '**/.venv/**', '**/.monet/**', 'scratch/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two files at once even on two cores: most of a file's time is engines starting and answering, not its own CPU.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    globalSetup: ['engines/src/testing-setup.ts'],
    reporters: ['default'],
  },
});
