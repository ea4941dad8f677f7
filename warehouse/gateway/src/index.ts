export { createGateway, type Gateway, type GatewayLog } from './app.ts';
export { ConfigError, type GatewayConfig, loadConfig } from './config.ts';
