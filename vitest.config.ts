import { defineConfig } from 'vitest/config';

// One test run for every TypeScript package. Integration tests start real engines on free ports, so give them room.
export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/.next/**', '**/.venv/**', '**/.monet/**', 'scratch/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
