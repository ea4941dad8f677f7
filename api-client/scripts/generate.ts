import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { currentSpec, GENERATED_DIR, SPEC_FILE, specText, TYPES_FILE, typesText } from './spec.ts';

const spec = await currentSpec();
await mkdir(GENERATED_DIR, { recursive: true });
await writeFile(SPEC_FILE, specText(spec));
await writeFile(TYPES_FILE, await typesText(spec));
console.log(`wrote ${fileURLToPath(SPEC_FILE)} and ${fileURLToPath(TYPES_FILE)}`);
