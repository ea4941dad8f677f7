import { randomUUID } from 'node:crypto';
import Link from 'next/link';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemPanel } from '../../components/problem-panel.tsx';
import { load, monet } from '../../lib/monet.ts';
import { exportSegment } from '../exports/actions.ts';
import { segmentFields } from './catalogue.ts';
import type { Definition } from './definition-tree.ts';
import { SegmentBuilder } from './segment-builder.tsx';

/** A new segment's builder, or a saved one: its builder, its versions and its export. */
export async function SegmentPage({
  segmentId,
  exportError,
}: {
  segmentId?: string;
  /** Why the api refused the last export asked from this page (the export action redirects back with it). */
  exportError?: string;
}) {
  const fields = segmentFields();
  if (!segmentId) {
    return (
      <>
        <PageHeader title="New segment" subtitle={<Link href="/segments">All segments</Link>} />
        <SegmentBuilder fields={fields} />
      </>
    );
  }
  const back = `/segments/${segmentId}`;
  const result = await load((await monet()).GET('/v1/segments/{segmentId}', { params: { path: { segmentId } } }), back);
  if (!result.ok) {
    return (
      <>
        <PageHeader title="Segment" subtitle={<Link href="/segments">All segments</Link>} />
        <ProblemPanel problem={result.problem} />
      </>
    );
  }
  const s = result.data;
  return (
    <>
      <PageHeader
        title={s.name}
        note={exportError && `The export was refused: ${exportError}`}
        subtitle={
          <>
            <Link href="/segments">All segments</Link> · {s.kind} · version {s.currentVersion}
          </>
        }
      >
        <form action={exportSegment} className="range-picker">
          <input type="hidden" name="segmentId" value={s.id} />
          <input type="hidden" name="idempotencyKey" value={randomUUID()} />
          <label>
            Export{' '}
            <select name="format" defaultValue="csv">
              <option value="csv">CSV</option>
              <option value="xlsx">Excel</option>
              <option value="parquet">Parquet</option>
            </select>
          </label>
          <button type="submit" className="button">
            Export members
          </button>
        </form>
      </PageHeader>
      <SegmentBuilder
        fields={fields}
        segment={{
          id: s.id,
          name: s.name,
          description: s.description,
          kind: s.kind,
          definition: s.version.definition as Definition,
        }}
      />
      <section className="panel" aria-labelledby="versions-title" data-section="versions">
        <h2 id="versions-title">Versions</h2>
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Saved</th>
              <th scope="col">By</th>
              <th scope="col" className="number">
                Members (static)
              </th>
              <th scope="col">Id (a campaign's audience)</th>
            </tr>
          </thead>
          <tbody>
            {s.versions.map((v) => (
              <tr key={v.id} data-version={v.version}>
                <td>{v.version}</td>
                <td>{v.createdAt.slice(0, 16).replace('T', ' ')} UTC</td>
                <td>{v.createdBy}</td>
                <td className="number">{v.memberCount ?? '–'}</td>
                <td>
                  <code>{v.id}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
