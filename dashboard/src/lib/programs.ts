import type { SelectFilter } from '../components/filter-form.tsx';
import { type Loaded, load, type monet } from './monet.ts';

export interface ProgramRef {
  id: string;
  name: string;
  earningCurrency: string;
}

/** The tenant's active programs, and the one a page shows: the one asked for, else the first. */
export async function programChoice(
  api: Awaited<ReturnType<typeof monet>>,
  asked: string | undefined,
): Promise<Loaded<{ programs: ProgramRef[]; program: ProgramRef | undefined }>> {
  const result = await load(api.GET('/v1/programs', { params: { query: { limit: 100 } } }));
  if (!result.ok) return result;
  const programs = result.data.items.filter((p) => p.status === 'active');
  return { ok: true, data: { programs, program: programs.find((p) => p.id === asked) ?? programs[0] } };
}

export function programSelect(programs: ProgramRef[], program: ProgramRef | undefined): SelectFilter {
  return {
    name: 'programId',
    label: 'Program',
    value: program?.id,
    options: programs.map((p) => ({ value: p.id, label: p.name })),
  };
}
