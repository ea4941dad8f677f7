import { readFile } from 'node:fs/promises';
import { type ApiTest, startApiTest, type TestTenant } from '@loyaltystudio/api/testing';
import { freePort } from '@loyaltystudio/engines';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentSpec, SPEC_FILE, specText, TYPES_FILE, typesText } from '../scripts/spec.ts';
import { createMonetClient, type MonetClient } from '../src/index.ts';

const STALE = 'The committed client is stale: run `npm run -w @loyaltystudio/api-client generate` and commit it.';

describe('api client', () => {
  it('is generated from the route schemas as they are now', async () => {
    const spec = await currentSpec();
    const [committedSpec, committedTypes] = await Promise.all([
      readFile(SPEC_FILE, 'utf8'),
      readFile(TYPES_FILE, 'utf8'),
    ]);
    // Compared as booleans: a diff of a whole OpenAPI document says less than the message.
    expect(committedSpec === specText(spec), STALE).toBe(true);
    expect(committedTypes === (await typesText(spec)), STALE).toBe(true);
  });

  describe('against a listening api', () => {
    let t: ApiTest;
    let a: TestTenant;
    let monet: MonetClient;
    let baseUrl: string;

    beforeAll(async () => {
      t = await startApiTest();
      a = await t.tenant();
      const port = await freePort();
      await t.app.listen({ host: '127.0.0.1', port });
      baseUrl = `http://127.0.0.1:${port}/`;
      monet = createMonetClient(baseUrl, {
        token: a.as('owner').authorization.replace(/^Bearer /, ''),
      });
    });
    afterAll(() => t?.stop());

    it('makes typed calls and reads typed answers', async () => {
      const created = await monet.POST('/v1/programs', {
        body: { name: 'Café Rewards', pointsName: 'Beans', earningCurrency: 'EUR' },
      });
      expect(created.response.status).toBe(201);
      const programId = created.data!.id;

      const { data: program } = await monet.GET('/v1/programs/{programId}', { params: { path: { programId } } });
      expect(program).toMatchObject({ id: programId, pointsName: 'Beans', expiryPolicy: 'never' });

      const endpoint = await monet.POST('/v1/webhook-endpoints', {
        body: { url: 'https://example.com/hooks/monet', eventTypes: ['points.earned'] },
      });
      expect(endpoint.data?.secret).toMatch(/^whsec_/);
      const deliveries = await monet.GET('/v1/webhook-deliveries', {
        params: { query: { endpointId: endpoint.data!.id, status: 'pending' } },
      });
      expect(deliveries.data).toEqual({ items: [], nextCursor: null });
    });

    it('answers errors as typed problem details', async () => {
      const missing = await monet.GET('/v1/programs/{programId}', {
        params: { path: { programId: '00000000-0000-4000-8000-000000000000' } },
      });
      expect(missing.response.status).toBe(404);
      expect(missing.response.headers.get('content-type')).toContain('application/problem+json');
      expect(missing.error).toMatchObject({ status: 404, type: 'https://monet.dev/problems/not-found' });

      const invalid = await monet.POST('/v1/webhook-endpoints', {
        body: { url: 'http://example.com/hook', eventTypes: ['*'] },
      });
      expect(invalid.error?.errors).toEqual([{ path: 'body.url', message: 'must be an https URL' }]);

      const refused = await createMonetClient(baseUrl).GET('/v1/programs');
      expect(refused.error?.status).toBe(401);
    });

    it('refuses what the api would refuse, at compile time', () => {
      const compileOnly = () => {
        // @ts-expect-error: there is no such path
        void monet.GET('/v1/nowhere');
        // @ts-expect-error: eventTypes takes only known event types
        void monet.POST('/v1/webhook-endpoints', { body: { url: 'https://x.test', eventTypes: ['points.stolen'] } });
      };
      expect(compileOnly).toBeTypeOf('function');
    });
  });
});
