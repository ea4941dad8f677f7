/**
 * The embedded engines (`@loyaltystudio/engines`): Postgres from npm, the Temporal dev server, the warehouse gateway
 * over chDB and a local mail sink, each a supervised child process on a port of its own. `monet up` runs them for a
 * user; tests and benchmarks start throwaway ones through `@loyaltystudio/engines/testing`.
 */
export * from './errors.ts';
export * from './gateway.ts';
export * from './mail.ts';
export { REPO_ROOT } from './paths.ts';
export * from './postgres.ts';
export * from './process.ts';
export * from './temporal.ts';
