import { vars } from '@loyaltystudio/config';

/** The configuration table, as the README shows it. */
export function configTable(): string {
  const rows = Object.entries(vars).map(
    ([name, v]) => `| \`${name}\` | ${v.default === undefined ? '(unset)' : `\`${v.default}\``} | ${v.description} |`,
  );
  return ['| variable | default | what it sets |', '| --- | --- | --- |', ...rows].join('\n');
}

export async function configCommand(): Promise<number> {
  process.stdout.write(`${configTable()}\n`);
  return 0;
}
