import document from '@loyaltystudio/api-client/openapi.json' with { type: 'json' };

// Choices the api accepts, read from its own OpenAPI document, so forms offer exactly what the api takes and a value
// the api adds appears without a copy to update.

type Schema = {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  anyOf?: Schema[];
  items?: Schema;
  properties?: Record<string, Schema>;
};

// The document's literal type is far too precise to be useful here; it is read as plain JSON Schema.
const spec = document as unknown as {
  paths: Record<string, Record<string, { requestBody?: { content: { 'application/json': { schema: Schema } } } }>>;
  components: { schemas: Record<string, Schema> };
};

function resolve(schema: Schema): Schema {
  return schema.$ref ? resolve(spec.components.schemas[schema.$ref.split('/').pop()!]!) : schema;
}

function enumOf(schema: Schema): string[] | undefined {
  const s = resolve(schema);
  if (s.type === 'array' && s.items) return enumOf(s.items);
  if (s.enum) return s.enum.map(String);
  return s.anyOf?.every((o) => o.enum) ? s.anyOf.flatMap((o) => o.enum!.map(String)) : undefined;
}

/** The values one property of an operation's JSON body takes (for a list, its items), e.g. a tier's qualification. */
export function bodyEnum(path: string, method: 'post' | 'patch' | 'put', property: string): string[] {
  const schema = spec.paths[path]?.[method]?.requestBody?.content['application/json'].schema;
  const values = schema && resolve(schema).properties?.[property] && enumOf(resolve(schema).properties![property]!);
  if (!values) throw new Error(`the api document lists no values for ${property} of ${method.toUpperCase()} ${path}`);
  return values;
}
