import { randomUUID } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import { daysBetween, type SqlQuery } from '@loyaltystudio/warehouse';
import { InvalidRequestError } from '../../errors.ts';
import { WarehouseUnavailableError, warehouseError } from '../../infra/warehouse.ts';
import { type MartName, martColumns, martSpec } from './exports.marts.ts';
import { builtColumnsQuery, type ExportSelection, SEGMENT_MEMBERS_TABLE } from './exports.query.ts';
import type { CreateExport } from './exports.schemas.ts';

// What an export asks of the warehouse before and while it is written: its selection checked against the mart, the
// columns as built, a static segment's members loaded into a session, and the rows of a query.

/** A built column the export reads, as `system.columns` names it. */
export interface BuiltColumn {
  name: string;
  type: string;
}

/** The mart, columns and date range an export asks for, checked against the mart's spec. */
export function checkSelection(body: CreateExport, maxRangeDays: number): ExportSelection {
  const mart = body.mart as MartName;
  const spec = martSpec(mart);
  if (!spec) throw new InvalidRequestError([{ path: 'body.mart', message: 'is not a mart that can be exported' }]);
  const errors: { path: string; message: string }[] = [];
  const columns = body.columns ?? martColumns(mart);
  const seen = new Set<string>();
  columns.forEach((column, i) => {
    if (!Object.hasOwn(spec.columns, column)) {
      errors.push({ path: `body.columns.${i}`, message: `is not a column of ${mart}` });
    } else if (seen.has(column)) {
      errors.push({ path: `body.columns.${i}`, message: 'is listed twice' });
    }
    seen.add(column);
  });
  const range = body.filters;
  if (range) {
    if (!spec.date) {
      errors.push({ path: 'body.filters', message: `${mart} has no date column to filter on` });
    } else if (range.from > range.to) {
      errors.push({ path: 'body.filters.to', message: 'must not be before from' });
    } else if (daysBetween(range.from, range.to) > maxRangeDays) {
      errors.push({
        path: 'body.filters.to',
        message: `must be at most ${maxRangeDays} days after from, both included`,
      });
    }
  }
  if (body.segment && !Object.hasOwn(spec.columns, 'member_id')) {
    errors.push({
      path: 'body.segment',
      message: `${mart} has no member_id column to select a segment's members by`,
    });
  }
  if (errors.length > 0) throw new InvalidRequestError(errors);
  return { mart, columns, range };
}

export function exportsWarehouse(clickhouse: ClickHouseClient) {
  /**
   * A new ClickHouse session whose temporary table SEGMENT_MEMBERS_TABLE holds a static segment's member ids; the
   * table goes with the session. The export's queries run in it.
   */
  async function loadSegmentMembers(memberIds: AsyncIterable<string[]>, signal?: AbortSignal): Promise<string> {
    const session_id = `export-segment-${randomUUID()}`;
    try {
      await clickhouse.command({
        query: `CREATE TEMPORARY TABLE ${SEGMENT_MEMBERS_TABLE} (member_id UUID)`,
        session_id,
        abort_signal: signal,
      });
      for await (const ids of memberIds) {
        await clickhouse.insert({
          table: SEGMENT_MEMBERS_TABLE,
          values: ids.map((member_id) => ({ member_id })),
          format: 'JSONEachRow',
          session_id,
          abort_signal: signal,
        });
      }
    } catch (err) {
      throw warehouseError(err) ?? err;
    }
    return session_id;
  }

  async function rows<T>(query: SqlQuery, sessionId?: string): Promise<T[]> {
    try {
      const result = await clickhouse.query({
        query: query.sql,
        query_params: query.params,
        ...(sessionId && { session_id: sessionId }),
        format: 'JSONEachRow',
        clickhouse_settings: { max_execution_time: 30, output_format_json_quote_64bit_integers: 0 },
      });
      return await result.json<T>();
    } catch (err) {
      throw warehouseError(err) ?? err;
    }
  }

  /** The export's columns as built; 503 when the mart, or one of the columns, is not built yet. */
  async function builtColumns(selection: ExportSelection): Promise<BuiltColumn[]> {
    const built = new Map(
      (await rows<BuiltColumn>(builtColumnsQuery(selection.mart))).map((c) => [c.name, c] as const),
    );
    if (built.size === 0) {
      throw new WarehouseUnavailableError(
        `The mart ${selection.mart} is not built yet: run \`dbt build\` (the dbt schedule does it).`,
      );
    }
    const missing = selection.columns.filter((c) => !built.has(c));
    if (missing.length > 0) {
      throw new WarehouseUnavailableError(
        `The mart ${selection.mart} was built without ${missing.join(', ')}: run \`dbt build\` to rebuild it.`,
      );
    }
    return selection.columns.map((c) => built.get(c) as BuiltColumn);
  }

  return { loadSegmentMembers, rows, builtColumns };
}
