'use client';

import { useState } from 'react';

export type Theme = 'light' | 'dark';

/** Switches light and dark; the choice is kept in a cookie so the server renders the page in it (no flash). */
export function ThemeToggle({ initial }: { initial: Theme }) {
  const [theme, setTheme] = useState<Theme>(initial);
  const next: Theme = theme === 'dark' ? 'light' : 'dark';
  return (
    <button
      type="button"
      className="button ghost"
      aria-label={`Switch to the ${next} theme`}
      onClick={() => {
        document.documentElement.dataset.theme = next;
        // biome-ignore lint/suspicious/noDocumentCookie: a plain preference cookie, read by the server layout
        document.cookie = `monet_theme=${next}; path=/; max-age=31536000; samesite=lax`;
        setTheme(next);
      }}
    >
      {next === 'dark' ? 'Dark theme' : 'Light theme'}
    </button>
  );
}
