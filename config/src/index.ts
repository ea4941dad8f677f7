export { cronProblem } from './cron.ts';
export * from './env.ts';
export { apiVars, cdcVars, gatewayVars, vars } from './vars.ts';
