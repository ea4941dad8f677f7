export * from './env.ts';
export { apiVars, gatewayVars, vars } from './vars.ts';
