import type { Metadata } from 'next';
import { safeReturnPath } from '../../lib/session.ts';
import { SignInForm } from './sign-in-form.tsx';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  return (
    <main className="sign-in">
      <div className="sign-in-card">
        <p className="brand-dark">Monet</p>
        <h1>Sign in</h1>
        <SignInForm next={safeReturnPath(next)} />
      </div>
    </main>
  );
}
