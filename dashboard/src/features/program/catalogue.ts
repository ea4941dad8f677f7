import document from '@loyaltystudio/api-client/openapi.json' with { type: 'json' };

// What a rule may test and do, read from the api's own OpenAPI document (the body of POST
// /v1/programs/{programId}/rules): each condition and effect with its operands, their types, bounds, enum values and
// descriptions. The rules builder offers exactly these, so a condition the api adds appears without a copy to update.

type Schema = {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
};

export type OperandKind = 'choices' | 'list' | 'integer' | 'number' | 'text' | 'scalar' | 'flag' | 'choice';

export interface Operand {
  name: string;
  kind: OperandKind;
  required: boolean;
  description?: string;
  /** choices and choice: the values the api accepts. */
  values?: string[];
  /** list: items may be numbers or true/false as well as text (attribute values). */
  scalar?: true;
  /** text: the pattern the api checks (a time, a date, a currency code). */
  pattern?: string;
  minimum?: number;
  maximum?: number;
}

export interface NodeSpec {
  /** The key of the node in the api's JSON, e.g. `dayOfWeek` or `pointsPerUnit`. */
  name: string;
  label: string;
  description: string;
  /** Empty for a node without operands (`firstPurchase: true`). */
  operands: Operand[];
  /** The node's value is the constant `true` rather than an object. */
  constant?: true;
}

const LABELS: Record<string, string> = {
  eventType: 'Event type',
  customType: 'Custom event name',
  amount: 'Amount (minor units)',
  currency: 'Currency',
  channel: 'Channel',
  lineItem: 'A line item',
  dayOfWeek: 'Day of the week',
  hours: 'Time of day',
  dates: 'Dates',
  firstPurchase: 'First purchase',
  purchaseNumber: 'Purchase number',
  tier: 'Tier',
  memberAttribute: 'Member attribute',
  eventAttribute: 'Event attribute',
  tags: 'Member tags',
  daysSinceEnrolment: 'Days since enrolment',
  pointsPerUnit: 'Points per amount',
  fixedPoints: 'Fixed points',
  multiplier: 'Multiply points',
  capPerEvent: 'Cap per event',
  capPerPeriod: 'Cap per member and period',
  grantReward: 'Grant a reward',
};

// The document's literal type is far too precise to be useful here; it is read as plain JSON Schema.
const spec = document as unknown as {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, Schema> };
};

function resolve(schema: Schema): Schema {
  return schema.$ref ? resolve(spec.components.schemas[schema.$ref.split('/').pop()!]!) : schema;
}

const enumOf = (s: Schema): string[] | undefined =>
  s.enum?.map(String) ?? (s.anyOf?.every((o) => o.enum) ? s.anyOf.flatMap((o) => o.enum!.map(String)) : undefined);

function operand(name: string, schema: Schema, required: boolean): Operand {
  const s = resolve(schema);
  const base = { name, required, ...(s.description ? { description: s.description } : {}) };
  const bounds = {
    ...(s.minimum !== undefined ? { minimum: s.minimum } : {}),
    ...(s.maximum !== undefined ? { maximum: s.maximum } : {}),
  };
  if (s.type === 'array') {
    const items = resolve(s.items ?? {});
    const values = enumOf(items);
    if (values) return { ...base, kind: 'choices', values };
    return items.anyOf ? { ...base, kind: 'list', scalar: true } : { ...base, kind: 'list' };
  }
  const values = enumOf(s);
  if (values) return { ...base, kind: 'choice', values };
  if (s.type === 'integer') return { ...base, kind: 'integer', ...bounds };
  if (s.type === 'number') return { ...base, kind: 'number', ...bounds };
  if (s.type === 'boolean') return { ...base, kind: 'flag' };
  if (s.anyOf) return { ...base, kind: 'scalar' };
  return { ...base, kind: 'text', ...(s.pattern ? { pattern: s.pattern } : {}) };
}

function nodes(options: Schema[], skip: string[]): NodeSpec[] {
  return options.flatMap((option) => {
    const name = option.required?.[0];
    if (!name || skip.includes(name)) return [];
    const value = resolve(option.properties![name]!);
    const description = value.description ?? '';
    if (value.type === 'boolean')
      return [{ name, label: LABELS[name] ?? name, description, operands: [], constant: true }];
    const required = new Set(value.required ?? []);
    const operands = Object.entries(value.properties ?? {}).map(([key, s]) => operand(key, s, required.has(key)));
    return [{ name, label: LABELS[name] ?? name, description, operands }];
  });
}

let cached: { conditions: NodeSpec[]; effects: NodeSpec[] } | undefined;

/** Every condition and effect a rule may hold, in the api's order. */
export function ruleCatalogue(): { conditions: NodeSpec[]; effects: NodeSpec[] } {
  if (cached) return cached;
  const create = spec.paths['/v1/programs/{programId}/rules']?.post as
    | { requestBody: { content: { 'application/json': { schema: Schema } } } }
    | undefined;
  if (!create) throw new Error('the api document has no POST /v1/programs/{programId}/rules');
  const body = resolve(create.requestBody.content['application/json'].schema);
  const conditions = resolve(body.properties!.conditions!);
  const effects = resolve(body.properties!.effects!.items!);
  cached = {
    conditions: nodes(conditions.anyOf ?? [], ['all', 'any', 'not']),
    effects: nodes(effects.anyOf ?? [], []),
  };
  return cached;
}
