import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The worker runs workflows from a prebuilt webpack bundle, because bundling takes seconds and a start
 * should not. `npm run setup` builds it; the stamp beside it records which sources it was built from.
 */
const SRC_DIR = dirname(fileURLToPath(import.meta.url));
const WORKFLOWS_PATH = join(SRC_DIR, 'workflows.ts');
export const BUNDLE_PATH = join(SRC_DIR, '..', 'dist', 'workflow-bundle.js');
const STAMP_PATH = `${BUNDLE_PATH}.sha256`;
const CONTRACTS_PATH = createRequire(import.meta.url).resolve('@loyaltystudio/workflow-contracts');

/** Hash of everything a bundle is made from: this package's non-test sources, its contracts and the SDK's version. */
export function sourceHash(): string {
  const hash = createHash('sha256');
  const sdk = createRequire(import.meta.url)('@temporalio/workflow/package.json') as { version: string };
  hash.update(`@temporalio/workflow@${sdk.version}\n`);
  const files = readdirSync(SRC_DIR, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .sort();
  for (const file of files) {
    hash.update(`${file.split('\\').join('/')}\n`);
    hash.update(readFileSync(join(SRC_DIR, file)));
  }
  // The contracts the workflows import are bundled too, from their own package.
  hash.update(readFileSync(CONTRACTS_PATH));
  return hash.digest('hex');
}

function isFresh(hash: string): boolean {
  return existsSync(BUNDLE_PATH) && existsSync(STAMP_PATH) && readFileSync(STAMP_PATH, 'utf8').trim() === hash;
}

async function bundle(): Promise<string> {
  // Loaded on demand: the SDK's worker takes most of a second to import, and a fresh bundle needs none of it.
  const { bundleWorkflowCode } = await import('@temporalio/worker');
  const { code } = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietLogger });
  return code;
}

/** Writes the bundle and its stamp unless the stamp already matches the sources. */
export async function writeWorkflowBundle(): Promise<{ built: boolean; path: string }> {
  const hash = sourceHash();
  const path = relative(process.cwd(), BUNDLE_PATH);
  if (isFresh(hash)) return { built: false, path };
  const code = await bundle();
  mkdirSync(dirname(BUNDLE_PATH), { recursive: true });
  // Bundle first, stamp last, each by rename: a worker starting meanwhile sees either a whole fresh pair or a
  // stale stamp (and bundles for itself), never a half-written file.
  writeAtomically(BUNDLE_PATH, code);
  writeAtomically(STAMP_PATH, `${hash}\n`);
  return { built: true, path };
}

function writeAtomically(path: string, content: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, path);
}

/**
 * The bundle the worker should load: the prebuilt file when it matches the sources, otherwise one built
 * in memory now (slower, and `say` explains why).
 */
export async function loadWorkflowBundle(
  say: (line: string) => void,
): Promise<{ codePath: string } | { code: string }> {
  if (isFresh(sourceHash())) return { codePath: BUNDLE_PATH };
  const reason = existsSync(BUNDLE_PATH) ? 'is older than the workflow sources' : 'is missing';
  say(
    `workflow bundle ${relative(process.cwd(), BUNDLE_PATH)} ${reason}; bundling now (run \`npm run setup\` to prebuild it)`,
  );
  return { code: await bundle() };
}

/** webpack's progress at info level is noise here; its warnings and errors still matter. */
const quietLogger = {
  log: () => {},
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: (message: string, meta?: Record<string, unknown>) => console.warn(message, meta ?? ''),
  error: (message: string, meta?: Record<string, unknown>) => console.error(message, meta ?? ''),
};
