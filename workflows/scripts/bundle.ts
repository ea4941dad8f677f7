// Prebuilds the workflow bundle the worker loads at start; `npm run setup` runs it. Skips the work when
// the bundle already matches the sources.
import { writeWorkflowBundle } from '../src/workflow-bundle.ts';

const started = performance.now();
const { built, path } = await writeWorkflowBundle();
const ms = Math.round(performance.now() - started);
console.log(built ? `workflow bundle: built ${path} in ${ms} ms` : `workflow bundle: ${path} is up to date (${ms} ms)`);
