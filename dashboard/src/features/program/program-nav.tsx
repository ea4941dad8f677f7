import Link from 'next/link';
import { FilterForm } from '../../components/filter-form.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { type ProgramRef, programSelect } from '../../lib/programs.ts';

const TABS = [
  ['/program/rules', 'Rules'],
  ['/program/rewards', 'Rewards'],
  ['/program/tiers', 'Tiers'],
] as const;

/** The program pages' header: the program chosen (kept in the address) and the tabs between rules, rewards, tiers. */
export function ProgramHeader({
  title,
  subtitle,
  current,
  programs,
  program,
}: {
  title: string;
  subtitle: string;
  current: (typeof TABS)[number][0];
  programs: ProgramRef[];
  program: ProgramRef;
}) {
  return (
    <>
      <PageHeader title={title} subtitle={`${program.name} · ${subtitle}`}>
        {programs.length > 1 ? <FilterForm selects={[programSelect(programs, program)]} /> : null}
      </PageHeader>
      <nav className="tabs" aria-label="Program">
        {TABS.map(([href, label]) => (
          <Link
            key={href}
            href={`${href}?programId=${program.id}`}
            aria-current={current === href ? 'page' : undefined}
          >
            {label}
          </Link>
        ))}
      </nav>
    </>
  );
}
