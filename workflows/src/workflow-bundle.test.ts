import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUNDLE_PATH, loadWorkflowBundle, sourceHash, writeWorkflowBundle } from './workflow-bundle.ts';

// Writes workflows/dist, exactly as `npm run setup` does: the bundle is a build artefact, ignored by git.
describe('workflow bundle', () => {
  it('is rebuilt only when the sources change, and then loaded from disk without bundling', async () => {
    await writeWorkflowBundle();
    expect(readFileSync(`${BUNDLE_PATH}.sha256`, 'utf8').trim()).toBe(sourceHash());
    expect(readFileSync(BUNDLE_PATH, 'utf8')).toContain('systemCheck');

    expect(await writeWorkflowBundle()).toEqual({ built: false, path: expect.stringMatching(/workflow-bundle\.js$/) });

    const said: string[] = [];
    expect(await loadWorkflowBundle((line) => said.push(line))).toEqual({ codePath: BUNDLE_PATH });
    expect(said).toEqual([]);
  });
});
