import document from '@loyaltystudio/api-client/openapi.json' with { type: 'json' };
import type { FieldKind, FieldSpec } from './definition-tree.ts';

// What a segment definition may test, read from the api's own OpenAPI document (the definition schema behind
// POST /v1/segments:preview): field names, their tests, enum values and descriptions. The builder offers exactly
// these, so a field the api adds appears here without a copy to keep in step.

type Schema = {
  $ref?: string;
  type?: string;
  enum?: string[];
  format?: string;
  pattern?: string;
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
};

const LABELS: Record<string, string> = {
  rfmSegment: 'RFM segment',
  rScore: 'Recency score',
  fScore: 'Frequency score',
  mScore: 'Monetary score',
  recencyDays: 'Days since last purchase',
  frequency: 'Purchases in 365 days',
  monetaryMinor: 'Revenue in 365 days (minor units)',
  purchases: 'Purchases, all time',
  lifetimeRevenueMinor: 'Revenue, all time (minor units)',
  lifetimePoints: 'Points earned, all time',
  pointsBalance: 'Points balance',
  redemptions: 'Redemptions',
  tierId: 'Tier id',
  tierRank: 'Tier rank',
  tenureDays: 'Days since enrolment',
  enrolledOn: 'Enrolled on',
  lastPurchaseOn: 'Last purchase on',
  lastRedemptionOn: 'Last redemption on',
  tags: 'Tags',
  attribute: 'Attribute',
  campaign: 'Campaign audience',
};

// The document's literal type is far too precise to be useful here; it is read as plain JSON Schema.
const spec = document as unknown as {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, Schema> };
};

function resolve(schema: Schema): Schema {
  const schemas = spec.components.schemas;
  return schema.$ref ? resolve(schemas[schema.$ref.split('/').pop()!]!) : schema;
}

function kindOf(name: string, test: Schema): FieldKind {
  if (name === 'attribute') return 'attribute';
  if (name === 'campaign') return 'campaign';
  const eq = test.properties?.eq ?? test.properties?.gte;
  if (test.properties?.hasAny) return 'tags';
  if (eq?.enum) return 'enum';
  if (eq?.type === 'integer') return 'integer';
  if (eq?.format === 'uuid') return 'uuid';
  return 'date';
}

let cached: FieldSpec[] | undefined;

/** Every field a segment may test, in the api's order. */
export function segmentFields(): FieldSpec[] {
  if (cached) return cached;
  const preview = spec.paths['/v1/segments:preview']?.post as
    | { requestBody: { content: { 'application/json': { schema: Schema } } } }
    | undefined;
  if (!preview) throw new Error('the api document has no POST /v1/segments:preview');
  const definition = resolve(resolve(preview.requestBody.content['application/json'].schema).properties!.definition!);
  cached = (definition.anyOf ?? []).flatMap((option) => {
    const name = option.required?.[0];
    if (!name || name === 'all' || name === 'any' || name === 'not') return [];
    const test = resolve(option.properties![name]!);
    const kind = kindOf(name, test);
    const ops =
      kind === 'campaign'
        ? ['member', 'responded', 'rewarded']
        : Object.keys(test.properties ?? {}).filter((op) => op !== 'key' && op !== 'id');
    const values = kind === 'enum' ? (test.properties?.eq?.enum ?? []) : undefined;
    return [
      {
        name,
        label: LABELS[name] ?? name,
        description: (test.description ?? '').replace(/ Every test given must hold\.$/, ''),
        kind,
        ops,
        ...(values ? { values } : {}),
      },
    ];
  });
  return cached;
}
