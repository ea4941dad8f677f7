import { TAGS } from '@loyaltystudio/api/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { currentSpec } from '../scripts/spec.ts';

type Operation = {
  tags?: string[];
  summary?: string;
  description?: string;
  security?: unknown[];
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
};

describe('OpenAPI document', () => {
  // biome-ignore lint/suspicious/noExplicitAny: the document is read as untyped JSON
  let spec: Record<string, any>;
  let operations: [string, Operation][];

  beforeAll(async () => {
    spec = await currentSpec();
    operations = Object.entries(spec.paths as Record<string, Record<string, Operation>>).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => [`${method.toUpperCase()} ${path}`, op] as [string, Operation]),
    );
  });

  it('is OpenAPI 3.1 with both ways to authenticate', () => {
    expect(spec.openapi).toBe('3.1.0');
    expect(spec.servers).toEqual([{ url: '/', description: 'This Monet api' }]);
    expect(Object.keys(spec.components.securitySchemes).sort()).toEqual(['apiKey', 'bearerAuth']);
    expect(spec.security).toEqual([{ bearerAuth: [] }, { apiKey: [] }]);
  });

  it('files every operation under a declared tag, with a summary', () => {
    const declared = new Set<string>(TAGS.map((t) => t.name));
    for (const [name, op] of operations) {
      expect([name, op.tags?.every((t) => declared.has(t))]).toEqual([name, true]);
      expect([name, Boolean(op.summary)]).toEqual([name, true]);
    }
  });

  it('names the permission of every authenticated operation and opens only the public ones', () => {
    for (const [name, op] of operations) {
      const path = name.split(' ')[1]!;
      if (op.security?.length === 0) {
        expect([name, op.description ?? '']).not.toEqual([name, expect.stringContaining('permission')]);
        continue;
      }
      expect(path.startsWith('/v1/'), name).toBe(true);
      expect([name, op.description]).toEqual([
        name,
        expect.stringMatching(/(Needs the `[a-z_]+:[a-z_]+` permission|Needs a signed-in dashboard user.*)\.$/),
      ]);
    }
    const healthz = operations.find(([name]) => name === 'GET /healthz')![1];
    expect(healthz.security).toEqual([]);
  });

  it('describes errors once, as problem+json', () => {
    expect(spec.components.schemas.Problem.required).toContain('requestId');
    const created = operations.find(([name]) => name === 'POST /v1/webhook-endpoints')![1];
    expect(created.responses['404']!.content).toEqual({
      'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
    });
    const inline = operations.flatMap(([name, op]) =>
      Object.entries(op.responses)
        .filter(([status, r]) => status.startsWith('4') && r.content && !('application/problem+json' in r.content))
        .map(([status]) => `${name} ${status}`),
    );
    expect(inline).toEqual([]);
  });
});
