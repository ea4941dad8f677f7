import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: services are started from their source files under it. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
