import type { Problem } from '../lib/monet.ts';

/** A problem in words, as every page shows one: what happened and what to do, never raw JSON. */
export function ProblemPanel({ problem }: { problem: Problem }) {
  return (
    <section
      className="panel problem"
      role="alert"
      data-state={problem.warehouseBuilding ? 'warehouse-building' : 'error'}
    >
      <h2>{problem.title}</h2>
      <p>{problem.detail}</p>
    </section>
  );
}

/** What a card or page shows when the answer holds nothing yet. */
export function EmptyState({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <section className="panel empty" data-state="empty">
      <h2>{title}</h2>
      {children ? <p>{children}</p> : null}
    </section>
  );
}
