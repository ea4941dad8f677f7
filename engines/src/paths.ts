import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the gateway is started from its source file, the Temporal CLI from the venv, under it. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
