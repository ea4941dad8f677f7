import Link from 'next/link';
import { DataTable } from '../../components/data-table/data-table.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { EmptyState, ProblemPanel } from '../../components/problem-panel.tsx';
import { load, monet } from '../../lib/monet.ts';
import { memberColumns } from './members-columns.tsx';

export interface MembersParams {
  sort?: string;
  order?: string;
  segment?: string;
  tag?: string;
  q?: string;
  rScore?: string;
  fScore?: string;
  cursor?: string;
}

const SEGMENTS = [
  'Champions',
  'Loyal',
  'Potential Loyalists',
  'New',
  'Promising',
  'Need Attention',
  'About to Sleep',
  'Cannot Lose Them',
  'At Risk',
  'Hibernating',
  'Lost',
] as const;
type Segment = (typeof SEGMENTS)[number];
const SORTS = [
  'revenueMinor',
  'purchases',
  'recencyDays',
  'pointsAvailable',
  'lifetimeEarnedPoints',
  'enrolledAt',
  'lastPurchaseAt',
] as const;
type Sort = (typeof SORTS)[number];

const PAGE = 50;
const score = (value: string | undefined) => {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 5 ? n : undefined;
};

/** Members from the warehouse's member 360, sorted, filtered and paged by the api. */
export async function MembersList({ params }: { params: MembersParams }) {
  const sort: Sort = SORTS.includes(params.sort as Sort) ? (params.sort as Sort) : 'revenueMinor';
  const order = params.order === 'asc' ? 'asc' : 'desc';
  const segment = SEGMENTS.includes(params.segment as Segment) ? (params.segment as Segment) : undefined;
  const filters = {
    ...(segment ? { segment: [segment] } : {}),
    ...(params.tag ? { tag: params.tag } : {}),
    ...(params.q ? { externalIdPrefix: params.q } : {}),
    ...(score(params.rScore) ? { rScore: score(params.rScore) } : {}),
    ...(score(params.fScore) ? { fScore: score(params.fScore) } : {}),
  };
  const api = await monet();
  const [members, tenant] = await Promise.all([
    load(
      api.GET('/v1/analytics/members', {
        params: {
          query: { sort, order, limit: PAGE, ...filters, ...(params.cursor ? { cursor: params.cursor } : {}) },
        },
      }),
      '/members',
    ),
    load(api.GET('/v1/tenant')),
  ]);
  // The filters as they stand, for links that change only the sort or the page.
  const kept = Object.fromEntries(
    Object.entries({
      segment,
      tag: params.tag,
      q: params.q,
      rScore: params.rScore && String(score(params.rScore) ?? ''),
      fScore: params.fScore && String(score(params.fScore) ?? ''),
    }).filter((e): e is [string, string] => Boolean(e[1])),
  );
  const href = (extra: Record<string, string>) => `/members?${new URLSearchParams({ ...kept, ...extra })}`;
  const sortHref = Object.fromEntries(
    SORTS.map((s) => [s, href({ sort: s, order: s === sort && order === 'desc' ? 'asc' : 'desc' })]),
  );
  const cell = filters.rScore && filters.fScore ? ` · RFM cell R${filters.rScore} F${filters.fScore}` : '';
  const header = (
    <PageHeader title="Members" subtitle={`Sorted by ${sort}, ${order === 'asc' ? 'ascending' : 'descending'}${cell}`}>
      <form className="range-picker" method="get" aria-label="Filters">
        <label>
          Search <input type="search" name="q" defaultValue={params.q} placeholder="External id starts with…" />
        </label>
        <label>
          Segment{' '}
          <select name="segment" defaultValue={segment ?? ''}>
            <option value="">Any</option>
            {SEGMENTS.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Tag <input name="tag" defaultValue={params.tag} size={10} />
        </label>
        {filters.rScore ? <input type="hidden" name="rScore" value={filters.rScore} /> : null}
        {filters.fScore ? <input type="hidden" name="fScore" value={filters.fScore} /> : null}
        <input type="hidden" name="sort" value={sort} />
        <input type="hidden" name="order" value={order} />
        <button type="submit" className="button">
          Apply
        </button>
        <Link href="/members" className="preset">
          Clear
        </Link>
      </form>
    </PageHeader>
  );
  if (!members.ok) {
    return (
      <>
        {header}
        <ProblemPanel problem={members.problem} />
      </>
    );
  }
  if (!members.data.items.length) {
    return (
      <>
        {header}
        <EmptyState title="No member matches">Change the filters or clear them.</EmptyState>
      </>
    );
  }
  return (
    <>
      {header}
      <section className="panel">
        <DataTable
          name="members"
          columns={memberColumns(tenant.ok ? tenant.data.currency : null)}
          rows={members.data.items}
          rowId={(m) => m.memberId}
          rowAttribute="data-member"
          sorting={{ sort, order, href: sortHref }}
        />
        <nav className="pager" aria-label="Pages">
          {params.cursor ? <Link href={href({ sort, order })}>First page</Link> : null}
          {members.data.nextCursor ? (
            <Link href={href({ sort, order, cursor: members.data.nextCursor })} rel="next">
              Next page
            </Link>
          ) : null}
        </nav>
      </section>
    </>
  );
}
