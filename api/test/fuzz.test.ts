import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FuzzStack, runSchemathesis, startFuzzStack } from './fuzz-stack.ts';

/** Test cases per operation in the fuzzing phase; FUZZ_MAX_EXAMPLES runs longer by hand. */
const MAX_EXAMPLES = Number(process.env.FUZZ_MAX_EXAMPLES ?? 15);
/** A fixed seed keeps CI's run reproducible; FUZZ_SEED explores others. */
const SEED = Number(process.env.FUZZ_SEED ?? 20261206);

/**
 * Schemathesis against the whole api on real engines (fuzz-stack.ts), once with the owner's access token and once
 * with an API key holding every scope. Any 5xx, any answer outside the OpenAPI document and any error that is not
 * problem+json fails it, with schemathesis's report (and the curl line of each failure) as the message.
 */
describe('the api under schemathesis', () => {
  let stack: FuzzStack;

  beforeAll(async () => {
    stack = await startFuzzStack();
  }, 300_000);
  afterAll(() => stack?.stop());

  it(
    'finds no server error, no answer outside the document and no error that is not problem+json',
    async () => {
      for (const as of ['owner', 'api-key'] as const) {
        const run = await runSchemathesis(stack, { name: as, as, maxExamples: MAX_EXAMPLES, seed: SEED });
        expect(run.code, run.output).toBe(0);
        // How many test cases, in how long, in CI's log.
        console.log(`schemathesis as ${as}:`, run.output.match(/\d+ generated.*|in [\d.]+s(?= =+$)/gm)?.join(', '));
      }
      // Nothing left the machine: no webhook delivery was ever attempted.
      expect(await stack.api.prisma.webhookAttempt.count()).toBe(0);
    },
    20 * 60_000,
  );
});
