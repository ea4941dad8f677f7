import Link from 'next/link';
import { PageHeader } from '../../components/page-header.tsx';
import { EmptyState, ProblemPanel } from '../../components/problem-panel.tsx';
import { load, monet } from '../../lib/monet.ts';

/** The tenant's segments, newest first, with their kind and current version. */
export async function SegmentsList() {
  const result = await load((await monet()).GET('/v1/segments', { params: { query: { limit: 100 } } }), '/segments');
  const header = (
    <PageHeader title="Segments" subtitle="Audiences over the member marts, for campaigns and exports">
      <Link href="/segments/new" className="button primary">
        New segment
      </Link>
    </PageHeader>
  );
  if (!result.ok) {
    return (
      <>
        {header}
        <ProblemPanel problem={result.problem} />
      </>
    );
  }
  if (!result.data.items.length) {
    return (
      <>
        {header}
        <EmptyState title="No segment yet">
          Build one from RFM segments, spend, recency, tiers, tags and attributes; its size updates as you edit.
        </EmptyState>
      </>
    );
  }
  return (
    <>
      {header}
      <section className="panel">
        <table className="data" data-table="segments">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col" className="number">
                Version
              </th>
              <th scope="col">Saved</th>
            </tr>
          </thead>
          <tbody>
            {result.data.items.map((s) => (
              <tr key={s.id} data-segment-id={s.id}>
                <th scope="row">
                  <Link href={`/segments/${s.id}`}>{s.name}</Link>
                  {s.description ? <span className="muted small block">{s.description}</span> : null}
                </th>
                <td>{s.kind}</td>
                <td className="number">{s.currentVersion}</td>
                <td>{s.updatedAt.slice(0, 10)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
