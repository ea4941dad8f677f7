import { Client, Connection } from '@temporalio/client';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './process.ts';
import { startTemporal, temporalCli } from './temporal.ts';
import { tempDir } from './testing.ts';

describe('temporal dev server', () => {
  const dir = tempDir('temporal-engine');
  afterAll(() => dir.remove());

  it('keeps workflow executions in its SQLite store across restarts', async () => {
    const workflowId = 'engine-test:persisted';
    const first = await startTemporal({ dataDir: dir.path, port: await freePort() });
    try {
      const connection = await Connection.connect({ address: first.address });
      const client = new Client({ connection, namespace: first.namespace });
      // No worker polls this queue: the execution simply waits, which is all this test needs.
      await client.workflow.start('neverRuns', { taskQueue: 'engine-test', workflowId, args: [] });
      await connection.close();
    } finally {
      await first.stop();
    }
    expect(first.process.child.exitCode).toBe(0);

    const second = await startTemporal({ dataDir: dir.path, port: await freePort() });
    try {
      const connection = await Connection.connect({ address: second.address });
      const client = new Client({ connection, namespace: second.namespace });
      const description = await client.workflow.getHandle(workflowId).describe();
      expect(description.type).toBe('neverRuns');
      expect(description.status.name).toBe('RUNNING');
      await connection.close();
    } finally {
      await second.stop();
    }
  });

  it('serves the Web UI when given a port', async () => {
    const uiPort = await freePort();
    const temporal = await startTemporal({ dataDir: dir.path, port: await freePort(), uiPort });
    try {
      expect(temporal.uiUrl).toBe(`http://127.0.0.1:${uiPort}`);
      const response = await fetch(`${temporal.uiUrl}/`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<html');
    } finally {
      await temporal.stop();
    }
  });

  it('refuses a port that is already taken', async () => {
    const temporal = await startTemporal({ dataDir: dir.path, port: await freePort() });
    try {
      const port = Number(temporal.address.split(':')[1]);
      await expect(startTemporal({ dataDir: dir.path, port })).rejects.toThrow(
        `temporal: port ${port} is already in use`,
      );
    } finally {
      await temporal.stop();
    }
  });

  it('says how to install the CLI when it is missing', () => {
    expect(() => temporalCli({ TEMPORAL_CLI: '/nonexistent/temporal' })).toThrow(
      'TEMPORAL_CLI="/nonexistent/temporal" does not exist: expected the path of a Temporal CLI executable',
    );
    expect(temporalCli({})).toMatch(/\/\.venv\/bin\/temporal$/);
  });
});
