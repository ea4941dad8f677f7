/** What a page shows while its data load: its title and grey blocks where the figures will be. */
export function PageSkeleton({ title }: { title: string }) {
  return (
    <div aria-busy="true" data-state="loading">
      <h1>{title}</h1>
      <div className="kpis">
        {Array.from({ length: 8 }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
          <div key={i} className="panel kpi skeleton" />
        ))}
      </div>
      <p className="muted">Loading…</p>
    </div>
  );
}
