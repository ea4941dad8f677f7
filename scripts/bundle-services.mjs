// `npm run bundle`: builds the bundles the cli and the services run from (engines/src/service-bundles.mjs).
// `npm run setup` builds them too; this is for images and for after a change to the sources.
import { buildServiceBundles } from '@loyaltystudio/engines/service-bundles';

const started = performance.now();
const { outdir, inputs } = await buildServiceBundles();
console.log(`service bundles: built ${outdir} from ${inputs} sources in ${Math.round(performance.now() - started)} ms`);
