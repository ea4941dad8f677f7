// The contracts live in `@loyaltystudio/workflow-contracts`, so that the api can start workflows without depending on
// this package; the workflows and activities here import them through this one module.
export * from '@loyaltystudio/workflow-contracts';
