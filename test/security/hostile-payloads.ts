/**
 * Hostile payloads derived from the contract's own schemas, so a command added tomorrow is attacked
 * tomorrow without anyone writing a case for it. Each request schema is turned into JSON Schema
 * (zod's own conversion), a valid sample is built from it, and then every field is broken in every way
 * its schema forbids: wrong type, too long, too short, off pattern, out of range, off the enum, extra and
 * prototype-polluting keys, deep nesting.
 */
import { z } from 'zod';

/** The subset of JSON Schema zod emits for our request schemas. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

/** One attack: a label for the report and the payload to send. */
export interface HostileCase {
  label: string;
  payload: unknown;
}

/** The request schema as JSON Schema, describing what a caller may send (defaults optional). */
export function requestJsonSchema(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

const types = (schema: JsonSchema): string[] =>
  schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];

const STRING_CANDIDATES = ['a', 'abc', 'sample-1', 'example.txt', 'x1', '/tmp/sample'];

/** A value the schema accepts, or undefined when this small generator cannot find one. */
export function validSample(schema: JsonSchema): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  const branch = schema.anyOf ?? schema.oneOf;
  if (branch?.length)
    return validSample(branch.find((b) => !types(b).includes('null')) ?? branch[0]!);
  if (schema.allOf?.length) return validSample(Object.assign({}, ...schema.allOf) as JsonSchema);
  const type = types(schema)[0];
  switch (type) {
    case 'string':
      return sampleString(schema);
    case 'integer':
    case 'number': {
      const low = schema.minimum ?? (schema.exclusiveMinimum ?? -1) + 1;
      return Math.min(low, schema.maximum ?? low);
    }
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => validSample(schema.items ?? {}));
    case 'object':
    case undefined: {
      const out: Record<string, unknown> = {};
      for (const [key, sub] of Object.entries(schema.properties ?? {})) out[key] = validSample(sub);
      return out;
    }
    default:
      return undefined;
  }
}

function sampleString(schema: JsonSchema): string {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? Infinity;
  const pattern = schema.pattern ? new RegExp(schema.pattern) : undefined;
  const candidates = [...STRING_CANDIDATES, 'a'.repeat(Math.max(min, 1))];
  return (
    candidates.find((c) => c.length >= min && c.length <= max && (!pattern || pattern.test(c))) ??
    'a'.repeat(Math.max(min, 1))
  );
}

/** A chain of objects `levels` deep, built iteratively (recursion here would overflow first). */
export function deepNesting(levels: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < levels; i++) value = { nested: value };
  return value;
}

/** Values that break one field's schema, each with a label. */
export function invalidValues(schema: JsonSchema): HostileCase[] {
  const out: HostileCase[] = [];
  const kinds = types(schema);
  const accepts = (kind: string) =>
    kinds.includes(kind) || (kind === 'number' && kinds.includes('integer'));
  const free = kinds.length === 0 && !schema.enum && schema.const === undefined;
  if (free) return out; // `unknown`: nothing is the wrong type
  if (!accepts('string')) out.push({ label: 'a string', payload: 'text' });
  if (!accepts('number')) out.push({ label: 'a number', payload: 42 });
  if (!accepts('boolean')) out.push({ label: 'a boolean', payload: true });
  if (!accepts('null')) out.push({ label: 'null', payload: null });
  if (!accepts('object')) out.push({ label: 'an object', payload: { a: 1 } });
  if (!accepts('array')) out.push({ label: 'an array', payload: [1, 2] });
  if (!accepts('object') && !accepts('array')) {
    out.push({ label: 'a 10,000-deep nested object', payload: deepNesting(10_000) });
  }
  if (schema.enum) out.push({ label: 'a value off the enum', payload: 'not-a-choice' });
  if (accepts('string') && !schema.enum) {
    // Strings without a limit are reported by unboundedStrings() rather than attacked here.
    if (schema.maxLength !== undefined) {
      out.push({
        label: `${schema.maxLength + 1} characters`,
        payload: 'a'.repeat(schema.maxLength + 1),
      });
      out.push({ label: 'a 2 MiB string', payload: 'a'.repeat(2 * 1024 * 1024) });
    }
    if ((schema.minLength ?? 0) > 0) out.push({ label: 'an empty string', payload: '' });
    if (schema.pattern) {
      const pattern = new RegExp(schema.pattern);
      for (const bad of ['../etc/passwd', 'a b', 'a\u0000b', '\u202ename', '__proto__/x']) {
        if (!pattern.test(bad))
          out.push({ label: `off-pattern ${JSON.stringify(bad)}`, payload: bad });
      }
    }
  }
  if (accepts('number')) {
    if (schema.minimum !== undefined)
      out.push({ label: 'below the minimum', payload: schema.minimum - 1 });
    if (schema.maximum !== undefined)
      out.push({ label: 'above the maximum', payload: schema.maximum + 1 });
    if (kinds.includes('integer')) out.push({ label: 'a fraction', payload: 1.5 });
    out.push({ label: 'NaN', payload: Number.NaN });
    out.push({ label: 'Infinity', payload: Number.POSITIVE_INFINITY });
  }
  return out;
}

const pollution = (): unknown => JSON.parse('{"__proto__": {"polluted": "yes"}}');

/** Every hostile payload for one command's request schema. */
export function hostileCases(schema: JsonSchema): HostileCase[] {
  const base = validSample(schema);
  const cases: HostileCase[] = [
    { label: 'payload: a number', payload: 42 },
    { label: 'payload: a string', payload: 'payload' },
    { label: 'payload: an array', payload: [{}] },
    { label: 'payload: a 100,000-deep nested object', payload: deepNesting(100_000) },
  ];
  if (!base || typeof base !== 'object' || Array.isArray(base)) return cases;
  const record = base as Record<string, unknown>;
  if (schema.additionalProperties === false) {
    cases.push({ label: 'payload: an unknown field', payload: { ...record, surprise: 1 } });
    cases.push({
      label: 'payload: a __proto__ key',
      payload: Object.assign(pollution() as object, record),
    });
    cases.push({
      label: 'payload: a constructor key',
      payload: { ...record, constructor: { prototype: { polluted: 'yes' } } },
    });
  }
  for (const key of schema.required ?? []) {
    const { [key]: _dropped, ...rest } = record;
    cases.push({ label: `${key}: missing`, payload: rest });
  }
  for (const [key, sub] of Object.entries(schema.properties ?? {})) {
    for (const bad of invalidValues(sub)) {
      cases.push({ label: `${key}: ${bad.label}`, payload: { ...record, [key]: bad.payload } });
    }
  }
  return cases;
}

/** Every string field of a request schema (recursively) that has no length limit. */
export function unboundedStrings(schema: JsonSchema, at = 'request'): string[] {
  const out: string[] = [];
  if (types(schema).includes('string') && !schema.enum && schema.maxLength === undefined) {
    out.push(at);
  }
  for (const [key, sub] of Object.entries(schema.properties ?? {}))
    out.push(...unboundedStrings(sub, `${at}.${key}`));
  if (schema.items) out.push(...unboundedStrings(schema.items, `${at}[]`));
  for (const sub of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])]) {
    out.push(...unboundedStrings(sub, at));
  }
  return out;
}
