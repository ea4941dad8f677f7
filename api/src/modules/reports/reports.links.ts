import { createHmac, timingSafeEqual } from 'node:crypto';

/** What an unsubscribe link stops: one recipient of one report of one tenant. It does not expire. */
export interface UnsubscribeGrant {
  tenantId: string;
  reportId: string;
  /** Lower-cased. */
  email: string;
}

function mac(secret: string, payload: string): Buffer {
  return createHmac('sha256', secret).update(`report-unsubscribe:${payload}`).digest();
}

/** `<base64url JSON of the grant>.<base64url HMAC-SHA256 of it>`: the `token` of the unsubscribe link. */
export function signUnsubscribe(secret: string, grant: UnsubscribeGrant): string {
  const payload = Buffer.from(
    JSON.stringify({ t: grant.tenantId, r: grant.reportId, e: grant.email.toLowerCase() }),
  ).toString('base64url');
  return `${payload}.${mac(secret, payload).toString('base64url')}`;
}

/** The grant of a token whose signature holds (checked in constant time); null for anything else. */
export function verifyUnsubscribe(secret: string, token: string): UnsubscribeGrant | null {
  const [payload, signature, ...rest] = token.split('.');
  if (!payload || !signature || rest.length) return null;
  const expected = mac(secret, payload);
  const presented = Buffer.from(signature, 'base64url');
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return null;
  try {
    const v = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (typeof v.t !== 'string' || typeof v.r !== 'string' || typeof v.e !== 'string') return null;
    return { tenantId: v.t, reportId: v.r, email: v.e };
  } catch {
    return null;
  }
}

/** The link that stops one recipient: `<api>/v1/reports/unsubscribe?token=…`. */
export function unsubscribeUrl(apiUrl: string, secret: string, grant: UnsubscribeGrant): string {
  return `${apiUrl.replace(/\/$/, '')}/v1/reports/unsubscribe?token=${signUnsubscribe(secret, grant)}`;
}

/** The secret of the links: REPORTS_LINK_SECRET, or one derived from the access-token secret when it is unset. */
export function reportLinkSecret(explicit: string | undefined, authTokenSecret: string): string {
  return explicit ?? createHmac('sha256', authTokenSecret).update('monet report unsubscribe links').digest('base64url');
}
