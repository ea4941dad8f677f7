export { createGateway, type Gateway } from './app.ts';
export { ConfigError, type GatewayConfig, loadConfig } from './config.ts';
