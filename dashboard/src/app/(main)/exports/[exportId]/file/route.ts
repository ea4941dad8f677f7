import { cookies } from 'next/headers';
import { apiUrl, monet } from '../../../../../lib/monet.ts';
import { ACCESS_COOKIE } from '../../../../../lib/session.ts';

/**
 * An export's file, streamed from the api: its download link is signed and also wants the user's credentials, which
 * only the dashboard's server holds (httpOnly cookie), so the browser downloads through here.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ exportId: string }> }) {
  const { exportId } = await params;
  const { data, response } = await (await monet()).GET('/v1/exports/{exportId}', {
    params: { path: { exportId } },
  });
  if (!data?.download) {
    return new Response(response.status === 404 ? 'This export was not found.' : 'This export has no file yet.', {
      status: response.status === 404 ? 404 : 409,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  const token = (await cookies()).get(ACCESS_COOKIE)?.value ?? '';
  const file = await fetch(`${apiUrl()}${data.download.url}`, { headers: { authorization: `Bearer ${token}` } });
  const headers = new Headers();
  for (const name of ['content-type', 'content-disposition', 'content-length']) {
    const value = file.headers.get(name);
    if (value) headers.set(name, value);
  }
  return new Response(file.body, { status: file.status, headers });
}
