import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ParsedMail, simpleParser } from 'mailparser';

/**
 * Reads the messages the local SMTP server of `monet up` kept (cli/src/engines/mail.ts): `<id>.eml` as received
 * and `<id>.json` with its envelope, ids sorting by arrival. A message belongs to the tenant named by its
 * `X-Monet-Tenant` header (report messages carry it); others are nobody's and never listed.
 */

export interface OutboxAttachment {
  index: number;
  filename: string | null;
  contentType: string;
  size: number;
}

export interface OutboxMessage {
  id: string;
  receivedAt: string;
  from: string;
  to: string[];
  subject: string | null;
  messageId: string | null;
  reportId: string | null;
  size: number;
  attachments: OutboxAttachment[];
}

const ID = /^[\w-]{1,80}$/;

async function parse(dir: string, id: string): Promise<{ envelope: Record<string, unknown>; mail: ParsedMail } | null> {
  if (!ID.test(id)) return null;
  try {
    const [envelope, raw] = await Promise.all([
      readFile(join(dir, `${id}.json`), 'utf8'),
      readFile(join(dir, `${id}.eml`)),
    ]);
    return { envelope: JSON.parse(envelope), mail: await simpleParser(raw) };
  } catch {
    return null;
  }
}

const header = (mail: ParsedMail, name: string) => {
  const v = mail.headers.get(name);
  return typeof v === 'string' ? v : null;
};

function summary(id: string, envelope: Record<string, unknown>, mail: ParsedMail): OutboxMessage {
  return {
    id,
    receivedAt: String(envelope.receivedAt),
    from: String(envelope.from ?? ''),
    to: (envelope.to as string[]) ?? [],
    subject: mail.subject ?? null,
    messageId: mail.messageId ?? null,
    reportId: header(mail, 'x-monet-report'),
    size: Number(envelope.size ?? 0),
    attachments: mail.attachments.map((a, index) => ({
      index,
      filename: a.filename ?? null,
      contentType: a.contentType,
      size: a.size,
    })),
  };
}

export function createOutboxStore(dir: string) {
  async function mine(tenantId: string, id: string) {
    const parsed = await parse(dir, id);
    if (!parsed || header(parsed.mail, 'x-monet-tenant') !== tenantId) return null;
    return parsed;
  }

  return {
    /** The tenant's messages, newest first, `limit` of them after the id `before` (exclusive). */
    async list(
      tenantId: string,
      limit: number,
      before?: string,
    ): Promise<{ items: OutboxMessage[]; nextCursor: string | null }> {
      let ids: string[];
      try {
        ids = (await readdir(dir)).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));
      } catch {
        ids = [];
      }
      ids.sort().reverse();
      if (before) ids = ids.filter((id) => id < before);
      const items: OutboxMessage[] = [];
      let last: string | undefined;
      for (const id of ids) {
        const parsed = await mine(tenantId, id);
        last = id;
        if (!parsed) continue;
        items.push(summary(id, parsed.envelope, parsed.mail));
        if (items.length === limit) break;
      }
      const more = items.length === limit && last !== ids.at(-1);
      return { items, nextCursor: more && last ? last : null };
    },

    async get(tenantId: string, id: string) {
      const parsed = await mine(tenantId, id);
      if (!parsed) return null;
      return {
        ...summary(id, parsed.envelope, parsed.mail),
        text: parsed.mail.text ?? null,
        html: typeof parsed.mail.html === 'string' ? parsed.mail.html : null,
      };
    },

    async attachment(tenantId: string, id: string, index: number) {
      const parsed = await mine(tenantId, id);
      const a = parsed?.mail.attachments[index];
      return a
        ? { filename: a.filename ?? `attachment-${index}`, contentType: a.contentType, content: a.content }
        : null;
    },
  };
}

export type OutboxStore = ReturnType<typeof createOutboxStore>;
