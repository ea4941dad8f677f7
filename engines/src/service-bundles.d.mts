export type ServiceName = 'monet' | 'api' | 'worker' | 'cdc' | 'gateway';

export const SERVICE_ENTRIES: Record<ServiceName, string>;
export const BUNDLES_DIR: string;

export function buildServiceBundles(outdir?: string): Promise<{ outdir: string; inputs: number }>;

export function bundlesState(outdir?: string): { fresh: true } | { fresh: false; reason: string };

export function serviceArgs(name: ServiceName, outdir?: string): { args: string[]; bundled: boolean; stale?: string };
