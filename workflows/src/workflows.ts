// The workflow bundle's entry: every workflow type the worker registers, exported under its contract name.
export { housekeeping } from './housekeeping/workflow.ts';
export { systemCheck } from './system-check/workflow.ts';
