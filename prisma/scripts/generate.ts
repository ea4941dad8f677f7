// `npm run generate`: runs `prisma generate` offline, and only when its inputs changed, so a repeated setup is quick.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const generatedDir = join(packageDir, 'src', 'generated');
const stampFile = join(generatedDir, '.inputs-sha256');
const require = createRequire(import.meta.url);
const prismaCli = require.resolve('prisma/build/index.js');

function inputsHash(): string {
  const hash = createHash('sha256');
  hash.update(readFileSync(join(packageDir, 'schema.prisma')));
  for (const pkg of ['prisma', '@prisma/client']) hash.update(`${pkg}@${require(`${pkg}/package.json`).version}\n`);
  return hash.digest('hex');
}

const hash = inputsHash();
const upToDate =
  existsSync(join(generatedDir, 'client.ts')) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === hash;

if (upToDate) {
  console.log('Prisma client is up to date (schema.prisma unchanged).');
} else {
  execFileSync(process.execPath, [prismaCli, 'generate'], {
    cwd: packageDir,
    stdio: 'inherit',
    // `generate` needs no schema engine, but the CLI downloads one unless this points at an existing file.
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath },
  });
  writeFileSync(stampFile, hash);
}
