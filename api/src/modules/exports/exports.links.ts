import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a download link grants: one export of one tenant, until `expires` (seconds since the epoch). */
export interface LinkGrant {
  tenantId: string;
  exportId: string;
  expires: number;
}

function mac(secret: string, grant: LinkGrant): Buffer {
  return createHmac('sha256', secret)
    .update(`export-download:${grant.tenantId}:${grant.exportId}:${grant.expires}`)
    .digest();
}

/** HMAC-SHA256 of the grant, base64url. */
export function signLink(secret: string, grant: LinkGrant): string {
  return mac(secret, grant).toString('base64url');
}

export type LinkCheck = 'valid' | 'expired' | 'bad-signature';

/** Checks a presented signature in constant time, then the expiry (both refusals are 403 to the caller). */
export function checkLink(secret: string, grant: LinkGrant, signature: string, now: Date): LinkCheck {
  const expected = mac(secret, grant);
  const presented = Buffer.from(signature, 'base64url');
  const matches = presented.length === expected.length && timingSafeEqual(presented, expected);
  if (!matches) return 'bad-signature';
  return grant.expires * 1000 > now.getTime() ? 'valid' : 'expired';
}

/** The secret of the links: EXPORTS_LINK_SECRET, or one derived from the access-token secret when it is unset. */
export function linkSecret(explicit: string | undefined, authTokenSecret: string): string {
  return explicit ?? createHmac('sha256', authTokenSecret).update('monet export download links').digest('base64url');
}
