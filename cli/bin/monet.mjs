#!/usr/bin/env node
// Runs the cli from its bundle while it matches the sources (engines/src/service-bundles.mjs), else loads the
// TypeScript entry through tsx; either way in this same process, so signals reach the supervisor directly.
import { pathToFileURL } from 'node:url';
import { serviceArgs } from '@loyaltystudio/engines/service-bundles';

const { args, bundled } = serviceArgs('monet');
if (bundled) {
  await import(pathToFileURL(args[0]).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main.ts');
}
