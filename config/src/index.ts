export * from './env.ts';
export { apiVars, vars } from './vars.ts';
