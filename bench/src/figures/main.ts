import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RESULTS_DIR } from '../results.ts';
import { readResultsDir, updateReadme } from './readme.ts';

// `npm run figures`: rewrites the README's figure tables from bench/results/*.json. `--check` only says whether
// they agree (the test in figures.test.ts does the same in `npm test`).
const readmePath = join(RESULTS_DIR, '..', '..', 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const updated = updateReadme(readme, readResultsDir(RESULTS_DIR));
if (process.argv.includes('--check')) {
  if (updated !== readme) {
    console.error('README.md figure tables differ from bench/results: run `npm run figures`');
    process.exit(1);
  }
  console.log('README.md figure tables agree with bench/results');
} else if (updated !== readme) {
  writeFileSync(readmePath, updated);
  console.log('README.md figure tables rewritten from bench/results');
} else {
  console.log('README.md figure tables already agree with bench/results');
}
