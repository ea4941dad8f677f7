import { cookies } from 'next/headers';
import type { Theme } from '../components/theme-toggle.tsx';

/** The theme the user chose (cookie `monet_theme`); light until they choose. */
export async function themeOf(): Promise<Theme> {
  return (await cookies()).get('monet_theme')?.value === 'dark' ? 'dark' : 'light';
}
