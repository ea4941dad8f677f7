import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

// The npm workspace root: Next traces server files and resolves workspace packages from there.
const workspaceRoot = fileURLToPath(new URL('..', import.meta.url));

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Workspace packages ship TypeScript sources, not builds.
  transpilePackages: ['@loyaltystudio/config', '@loyaltystudio/api-client'],
  outputFileTracingRoot: workspaceRoot,
  turbopack: { root: workspaceRoot },
};

export default config;
