import { join } from 'node:path';
import { type MailServer, startMailServer } from '@loyaltystudio/engines';
import { freePort, tempDir } from '@loyaltystudio/engines/testing';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiTest, startApiTest, type TestTenant } from '../../../test/support.ts';

/**
 * The outbox on a real SMTP server (the one `monet up` runs) that received real messages over SMTP: each tenant
 * sees its own reports' messages, their text and attachments; without a local server there is no outbox.
 */
describe('the local outbox', () => {
  const dir = tempDir('outbox');
  let mail: MailServer;
  let t: ApiTest;
  let bare: ApiTest;
  let a: TestTenant;
  let b: TestTenant;

  beforeAll(async () => {
    mail = await startMailServer({ dir: join(dir.path, 'mail'), port: await freePort() });
    [t, bare] = await Promise.all([startApiTest({ reports: { outboxDir: mail.dir } }), startApiTest()]);
    [a, b] = await Promise.all([t.tenant(), t.tenant()]);
    const transport = nodemailer.createTransport(mail.url);
    for (const [tenant, subject] of [
      [a, 'First for a'],
      [b, 'For b'],
      [a, 'Second for a'],
    ] as const) {
      await transport.sendMail({
        from: 'reports@monet.localhost',
        to: 'cfo@cafe.test',
        subject,
        text: `${subject}, in words`,
        headers: { 'X-Monet-Tenant': tenant.id, 'X-Monet-Report': '7d8a8a52-5c0e-4a59-9d4a-5f6d1d7f2f11' },
        attachments: [{ filename: 'numbers.csv', content: 'a,b\r\n1,2\r\n', contentType: 'text/csv' }],
      });
    }
    // Not a report's message: nobody's.
    await transport.sendMail({ from: 'x@y.z', to: 'cfo@cafe.test', subject: 'Stray', text: 'stray' });
  }, 120_000);
  afterAll(async () => {
    await Promise.allSettled([t?.stop(), bare?.stop(), mail?.stop()]);
    dir.remove();
  });

  const get = (app: ApiTest, tenant: TestTenant, url: string, role: 'owner' | 'admin' | 'marketer' = 'owner') =>
    app.app.inject({ method: 'GET', url, headers: tenant.as(role) });

  it("lists a tenant's own messages, newest first, page by page", async () => {
    const first = await get(t, a, '/v1/system/outbox?limit=1');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().items.map((m: { subject: string }) => m.subject)).toEqual(['Second for a']);
    const next = await get(t, a, `/v1/system/outbox?limit=1&cursor=${first.json().nextCursor}`);
    expect(next.json().items.map((m: { subject: string }) => m.subject)).toEqual(['First for a']);
    expect(next.json().items[0]).toMatchObject({
      to: ['cfo@cafe.test'],
      reportId: '7d8a8a52-5c0e-4a59-9d4a-5f6d1d7f2f11',
      attachments: [{ index: 0, filename: 'numbers.csv', contentType: 'text/csv', size: 10 }],
    });
    const all = await get(t, b, '/v1/system/outbox', 'admin');
    expect(all.json().items.map((m: { subject: string }) => m.subject)).toEqual(['For b']);
  });

  it('shows one message and its attachments, and none of another tenant', async () => {
    const [item] = (await get(t, a, '/v1/system/outbox?limit=1')).json().items;
    const one = await get(t, a, `/v1/system/outbox/${item.id}`);
    expect(one.json()).toMatchObject({ subject: 'Second for a', text: expect.stringContaining('in words') });
    const file = await get(t, a, `/v1/system/outbox/${item.id}/attachments/0`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('text/csv');
    expect(file.body).toBe('a,b\r\n1,2\r\n');
    expect((await get(t, b, `/v1/system/outbox/${item.id}`)).statusCode).toBe(404);
    expect((await get(t, b, `/v1/system/outbox/${item.id}/attachments/0`)).statusCode).toBe(404);
    expect((await get(t, a, `/v1/system/outbox/${item.id}/attachments/5`)).statusCode).toBe(404);
  });

  it('is for owners and admins, and only where `monet up` runs the SMTP server', async () => {
    expect((await get(t, a, '/v1/system/outbox', 'marketer')).statusCode).toBe(403);
    const none = await get(bare, await bare.tenant(), '/v1/system/outbox');
    expect(none.statusCode).toBe(404);
    expect(none.headers['content-type']).toContain('application/problem+json');
  });
});
