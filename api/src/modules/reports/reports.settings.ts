import { randomBytes } from 'node:crypto';
import { reportLinkSecret } from './reports.links.ts';

export interface ReportSettings {
  /** Signs and checks unsubscribe links (HMAC-SHA256): REPORTS_LINK_SECRET, or derived from AUTH_TOKEN_SECRET. */
  linkSecret: string;
  /**
   * Where the local SMTP server of `monet up` keeps the messages it received (MAIL_OUTBOX_DIR): the outbox route
   * lists them. Unset: there is no local outbox (mail goes to a real relay), and the route answers 404.
   */
  outboxDir?: string;
}

export function reportSettings(env: {
  REPORTS_LINK_SECRET?: string;
  AUTH_TOKEN_SECRET: string;
  MAIL_OUTBOX_DIR?: string;
}): ReportSettings {
  return {
    linkSecret: reportLinkSecret(env.REPORTS_LINK_SECRET, env.AUTH_TOKEN_SECRET),
    outboxDir: env.MAIL_OUTBOX_DIR,
  };
}

/** For callers that build the app without reading the environment: a link secret of this process, no outbox. */
export const DEFAULT_REPORT_SETTINGS: ReportSettings = { linkSecret: randomBytes(32).toString('base64url') };
