import { cookies } from 'next/headers';
import { apiUrl } from '../../../../../../../lib/monet.ts';
import { ACCESS_COOKIE } from '../../../../../../../lib/session.ts';

/** An attachment of a kept message, streamed from the api with the user's credentials (held by the server only). */
export async function GET(_request: Request, { params }: { params: Promise<{ messageId: string; index: string }> }) {
  const { messageId, index } = await params;
  const token = (await cookies()).get(ACCESS_COOKIE)?.value ?? '';
  const path = `/v1/system/outbox/${encodeURIComponent(decodeURIComponent(messageId))}/attachments/${encodeURIComponent(index)}`;
  const file = await fetch(`${apiUrl()}${path}`, { headers: { authorization: `Bearer ${token}` }, cache: 'no-store' });
  if (!file.ok) {
    return new Response(file.status === 404 ? 'This attachment was not found.' : 'The api refused this attachment.', {
      status: file.status === 404 ? 404 : 502,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  const headers = new Headers();
  for (const name of ['content-type', 'content-disposition', 'content-length']) {
    const value = file.headers.get(name);
    if (value) headers.set(name, value);
  }
  return new Response(file.body, { status: 200, headers });
}
