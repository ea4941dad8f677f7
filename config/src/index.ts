export { cronProblem } from './cron.ts';
export * from './env.ts';
export { type Logger, processLogger } from './logger.ts';
export { apiVars, cdcVars, gatewayVars, vars } from './vars.ts';
