import type { ReactNode } from 'react';

export function PageHeader({
  title,
  subtitle,
  note,
  children,
}: {
  title: string;
  subtitle?: ReactNode;
  /** Said when the page had to fall back from what the address asked for. */
  note?: string;
  /** The page's filters. */
  children?: ReactNode;
}) {
  return (
    <header className="page-header">
      <div>
        <h1>{title}</h1>
        {subtitle ? <p className="muted">{subtitle}</p> : null}
      </div>
      {children}
      {note ? <p className="notice">{note}</p> : null}
    </header>
  );
}
