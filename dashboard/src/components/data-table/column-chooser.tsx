'use client';

import { useEffect, useState } from 'react';

export interface ChoosableColumn {
  id: string;
  label: string;
  /** Hidden until the user chooses to see it. */
  hidden: boolean;
}

/** Which columns are shown, by id: the user's saved choice over the columns' defaults. */
type Shown = Record<string, boolean>;

const storageKey = (table: string) => `monet.${table}.columns`;

/**
 * The columns of a server-rendered data table that the user chooses to see, kept in the browser. Columns are hidden
 * by a style rule on their `data-column` cells, so the rows stay server HTML; the server renders the default choice,
 * so a user who never chose sees no change when the page hydrates.
 */
export function ColumnChooser({ table, columns }: { table: string; columns: ChoosableColumn[] }) {
  const [shown, setShown] = useState<Shown>({});
  useEffect(() => {
    const saved = window.localStorage.getItem(storageKey(table));
    if (saved) setShown(JSON.parse(saved) as Shown);
  }, [table]);
  const isShown = (c: ChoosableColumn) => shown[c.id] ?? !c.hidden;
  const hide = columns
    .filter((c) => !isShown(c))
    .map((c) => `table[data-table="${table}"] [data-column="${c.id}"]{display:none}`)
    .join('\n');
  return (
    <>
      <details className="column-chooser">
        <summary>Columns</summary>
        <fieldset>
          <legend className="sr-only">Columns shown</legend>
          {columns.map((c) => (
            <label key={c.id}>
              <input
                type="checkbox"
                checked={isShown(c)}
                onChange={(e) => {
                  const next = { ...shown, [c.id]: e.target.checked };
                  window.localStorage.setItem(storageKey(table), JSON.stringify(next));
                  setShown(next);
                }}
              />{' '}
              {c.label}
            </label>
          ))}
        </fieldset>
      </details>
      <style>{hide}</style>
    </>
  );
}
