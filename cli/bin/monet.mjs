#!/usr/bin/env node
// Loads the TypeScript entry through tsx in this same process, so signals reach the supervisor directly.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
