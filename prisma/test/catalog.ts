import { query } from './databases.ts';

/**
 * What Postgres holds for the current schema, as comparable text: tables and columns (type, nullability,
 * default), constraints, indexes, enums and sequences. Prisma's history table is left out.
 */
export async function describeCatalog(url: string): Promise<Record<string, string[]>> {
  const lines = async (sql: string) => (await query<{ line: string }>(url, sql)).map((row) => row.line);
  const inSchema = 'n.nspname = current_schema()';
  return {
    columns: await lines(`
      SELECT format('%s.%s %s%s%s', c.relname, a.attname, format_type(a.atttypid, a.atttypmod),
                    CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END,
                    coalesce(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '')) AS line
      FROM pg_attribute a
      JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE ${inSchema} AND c.relkind IN ('r', 'p') AND c.relname <> '_prisma_migrations'
        AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY 1`),
    constraints: await lines(`
      SELECT format('%s %s %s', c.relname, k.conname, pg_get_constraintdef(k.oid)) AS line
      FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE ${inSchema} AND c.relname <> '_prisma_migrations' ORDER BY 1`),
    indexes: await lines(`
      SELECT indexdef AS line FROM pg_indexes
      WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations' ORDER BY 1`),
    enums: await lines(`
      SELECT format('%s (%s)', t.typname, string_agg(e.enumlabel, ', ' ORDER BY e.enumsortorder)) AS line
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE ${inSchema} GROUP BY t.typname ORDER BY 1`),
    sequences: await lines(`
      SELECT format('%s %s', sequencename, data_type) AS line FROM pg_sequences
      WHERE schemaname = current_schema() ORDER BY 1`),
  };
}
