import { type Static, type TObjectOptions, type TSchema, type TString, Type } from 'typebox';

/**
 * An object of free keys, each key checked by `keys` and each value by `values`, written as `propertyNames` and
 * `additionalProperties`. Not TypeBox's Record: it writes the key rule as `patternProperties`, dropping any length
 * limit of the key, and @fastify/swagger then drops `patternProperties` from /openapi.json, so the key rule was
 * neither fully checked nor published.
 */
export const StringMap = <V extends TSchema>(keys: TString, values: V, options: TObjectOptions = {}) =>
  Type.Unsafe<Record<string, Static<V>>>({
    ...options,
    type: 'object',
    propertyNames: keys,
    additionalProperties: values,
  });
