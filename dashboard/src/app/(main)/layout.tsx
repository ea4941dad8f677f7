import type { ReactNode } from 'react';
import { ProblemPanel } from '../../components/problem-panel.tsx';
import { Sidebar } from '../../components/sidebar.tsx';
import { ThemeToggle } from '../../components/theme-toggle.tsx';
import { load, monet } from '../../lib/monet.ts';
import { themeOf } from '../../lib/theme.ts';
import { navigationFor } from '../../site-config.ts';
import { signOut } from './actions.ts';

/** The signed-in shell: the merchant's name, navigation for the user's role, sign-out and the theme switch. */
export default async function MainLayout({ children }: { children: ReactNode }) {
  const api = await monet();
  const [me, tenant] = await Promise.all([load(api.GET('/v1/users/me')), load(api.GET('/v1/tenant'))]);
  if (!me.ok) {
    return (
      <div className="content">
        <ProblemPanel problem={me.problem} />
      </div>
    );
  }
  return (
    <div className="shell">
      <Sidebar
        sections={navigationFor(me.data.permissions)}
        tenantName={tenant.ok ? tenant.data.name : undefined}
        userName={me.data.name}
        role={me.data.role}
        footer={
          <div className="sidebar-actions">
            <ThemeToggle initial={await themeOf()} />
            <form action={signOut}>
              <button type="submit" className="button ghost">
                Sign out
              </button>
            </form>
          </div>
        }
      />
      <main className="content">{children}</main>
    </div>
  );
}
