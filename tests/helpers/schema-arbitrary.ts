// JSON Schema -> fast-check arbitraries for the subset of JSON Schema our OpenAPI document uses.
// No published converter supports fast-check 4, hence this small one. `validValue` draws values
// the schema accepts; `invalidValue` draws values it refuses (wrong types, out of range, bad
// patterns and formats, unknown or missing properties, oversized). Callers that need certainty
// check the draw with Ajv: a "bad pattern" string can match by chance.
import fc from 'fast-check';

export type JsonSchema = { [keyword: string]: any };

export interface SchemaContext {
  /** `#/components/schemas/*`, for `$ref`. */
  components: Record<string, JsonSchema>;
  /** Longest string drawn when the schema allows longer (bodies stay small and fast). */
  maxLength?: number;
  /** Most array items drawn when the schema allows more. */
  maxItems?: number;
}

/** Strings that look like attacks; the API must refuse or treat them as data, never fail. */
export const HOSTILE_STRINGS = [
  "' OR '1'='1",
  "'; DROP TABLE articles; --",
  '" OR 1=1 --',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '${jndi:ldap://x/a}',
  '{{7*7}}',
  '%00',
  '\u0000',
  'NEAR(a b)',
  'body:*',
  '"unclosed',
  'a OR',
  '-only -exclusions',
  '*',
  '\u202Eevil',
  '👩‍👩‍👧‍👦',
  'e\u0301',
  '\uFEFF',
  'null',
  'undefined',
  '[object Object]',
  '-1',
  '1e309',
  'NaN',
];

export function resolve(schema: JsonSchema, ctx: SchemaContext): JsonSchema {
  let s = schema;
  for (let hops = 0; s.$ref; hops++) {
    const name = /^#\/components\/schemas\/(.+)$/.exec(s.$ref)?.[1];
    if (!name || !ctx.components[name] || hops > 20) throw new Error(`cannot resolve ${s.$ref}`);
    s = ctx.components[name]!;
  }
  return s;
}

const typesOf = (s: JsonSchema): string[] =>
  Array.isArray(s.type) ? s.type : s.type ? [s.type] : s.properties ? ['object'] : s.items ? ['array'] : [];

/** A calendar date between 1900 and 2100, as YYYY-MM-DD. */
const isoDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const codePoints = (s: string) => Array.from(s).length;

// Building arbitraries (fc.stringMatching parses its regex) costs far more than drawing from them,
// and callers build inside fc.chain: keep each one built per schema, context and depth.
const built = new WeakMap<SchemaContext, Map<string, fc.Arbitrary<unknown>>>();
function memo(kind: string, schema: JsonSchema, ctx: SchemaContext, depth: number, build: () => fc.Arbitrary<unknown>) {
  let cache = built.get(ctx);
  if (!cache) built.set(ctx, (cache = new Map()));
  const key = `${kind}:${depth}:${JSON.stringify(schema)}`;
  let arb = cache.get(key);
  if (!arb) cache.set(key, (arb = build()));
  return arb;
}

function validString(s: JsonSchema, ctx: SchemaContext): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = Math.min(s.maxLength ?? Infinity, Math.max(min, ctx.maxLength ?? 24));
  const fits = (v: string) => codePoints(v) >= min && codePoints(v) <= (s.maxLength ?? Infinity);
  if (s.format === 'date') return isoDate;
  if (s.format === 'date-time') return isoDate.map((d) => `${d}T12:34:56.789Z`);
  if (s.format === 'uri') return fc.webUrl().filter(fits);
  if (s.pattern) return memo('pattern', { pattern: s.pattern }, ctx, 0, () => fc.stringMatching(new RegExp(s.pattern))).filter((v) => fits(v as string)) as fc.Arbitrary<string>;
  return fc.oneof(
    { arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: min, maxLength: max }), weight: 3 },
    // Any code point: astral, combining, control, RTL; ajv counts code points as we do.
    { arbitrary: fc.string({ unit: 'binary', minLength: min, maxLength: max }), weight: 1 },
  );
}

/** Values that `schema` accepts. */
export function validValue(schema: JsonSchema, ctx: SchemaContext, depth = 0): fc.Arbitrary<unknown> {
  return memo('valid', schema, ctx, depth, () => buildValid(schema, ctx, depth));
}

function buildValid(schema: JsonSchema, ctx: SchemaContext, depth: number): fc.Arbitrary<unknown> {
  const s = resolve(schema, ctx);
  if ('const' in s) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...(s.enum as unknown[]));
  const alternatives = s.anyOf ?? s.oneOf; // oneOf: the spec's branches do not overlap
  if (alternatives) return fc.oneof(...(alternatives as JsonSchema[]).map((a) => validValue(a, ctx, depth + 1)));
  const types = typesOf(s);
  if (types.length > 1) return fc.oneof(...types.map((type) => validValue({ ...s, type }, ctx, depth + 1)));
  switch (types[0]) {
    case 'string':
      return validString(s, ctx);
    case 'integer':
      return fc.integer({ min: s.minimum ?? -(2 ** 31), max: s.maximum ?? 2 ** 31 });
    case 'number':
      return fc.double({ min: s.minimum ?? -1e9, max: s.maximum ?? 1e9, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const item = validValue(s.items ?? {}, ctx, depth + 1);
      const minLength = s.minItems ?? 0;
      const maxLength = Math.min(s.maxItems ?? Infinity, Math.max(minLength, depth > 2 ? minLength : (ctx.maxItems ?? 3)));
      return s.uniqueItems
        ? fc.uniqueArray(item, { minLength, maxLength, selector: (v) => JSON.stringify(v) })
        : fc.array(item, { minLength, maxLength });
    }
    case 'object': {
      const properties = (s.properties ?? {}) as Record<string, JsonSchema>;
      const model = Object.fromEntries(Object.entries(properties).map(([k, p]) => [k, validValue(p, ctx, depth + 1)]));
      return fc.record(model, { requiredKeys: (s.required ?? []) as string[] });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Values of the other JSON types than `types`. */
function otherTypes(types: string[]): fc.Arbitrary<unknown> {
  const all: Array<[string, fc.Arbitrary<unknown>]> = [
    ['string', fc.string({ maxLength: 8 })],
    ['integer', fc.integer()],
    ['number', fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n))],
    ['boolean', fc.boolean()],
    ['null', fc.constant(null)],
    ['array', fc.array(fc.integer(), { maxLength: 2 })],
    ['object', fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 2 })],
  ];
  const accepted = new Set(types.includes('number') ? [...types, 'integer'] : types);
  return fc.oneof(...all.filter(([type]) => !accepted.has(type)).map(([, arb]) => arb));
}

/**
 * Values that `schema` refuses, each breaking one rule (or more, by chance). For anyOf and enums
 * the draw may still be accepted; check with Ajv where that matters.
 */
export function invalidValue(schema: JsonSchema, ctx: SchemaContext, depth = 0): fc.Arbitrary<unknown> {
  return memo('invalid', schema, ctx, depth, () => buildInvalid(schema, ctx, depth));
}

function buildInvalid(schema: JsonSchema, ctx: SchemaContext, depth: number): fc.Arbitrary<unknown> {
  const s = resolve(schema, ctx);
  const types = s.anyOf ? (s.anyOf as JsonSchema[]).flatMap((a) => typesOf(resolve(a, ctx))) : typesOf(s);
  const wrongType = otherTypes(types);
  if (s.enum) return fc.oneof(wrongType, fc.string({ maxLength: 12 }).filter((v) => !s.enum.includes(v)), fc.constantFrom(...HOSTILE_STRINGS));
  if (s.anyOf) return fc.oneof(wrongType, ...(s.anyOf as JsonSchema[]).map((a) => invalidValue(a, ctx, depth + 1)));
  const breaks: fc.Arbitrary<unknown>[] = [wrongType];
  switch (types[0]) {
    case 'string': {
      breaks.push(fc.constantFrom(...HOSTILE_STRINGS));
      if (s.maxLength !== undefined) breaks.push(fc.integer({ min: s.maxLength + 1, max: s.maxLength + 40 }).map((n) => 'x'.repeat(n)));
      if (s.minLength) breaks.push(fc.constant(''));
      if (s.pattern) {
        const re = new RegExp(s.pattern);
        breaks.push(fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.constantFrom('UPPER', 'a b', 'a--b', '-a', 'a-', 'a_b', 'é')).filter((v) => !re.test(v)));
      }
      if (s.format === 'date') breaks.push(fc.constantFrom('2026-02-30', '2026-13-01', '20260110', '10/01/2026', 'yesterday', '2026-1-1', '2026-01-10T00:00:00Z'));
      if (s.format === 'date-time') breaks.push(fc.constantFrom('2026-01-10', 'now', '2026-01-10 25:00'));
      if (s.format === 'uri') breaks.push(fc.constantFrom('not a uri', '//no-scheme', 'http://'));
      break;
    }
    case 'integer':
    case 'number':
      if (s.minimum !== undefined) breaks.push(fc.integer({ min: s.minimum - 1000, max: s.minimum - 1 }));
      if (s.maximum !== undefined) breaks.push(fc.integer({ min: s.maximum + 1, max: s.maximum + 1000 }));
      if (types[0] === 'integer') breaks.push(fc.double({ min: -1e6, max: 1e6, noNaN: true }).filter((n) => !Number.isInteger(n)));
      break;
    case 'array': {
      const valid = validValue(s, ctx, depth + 1) as fc.Arbitrary<unknown[]>;
      if (s.items) breaks.push(fc.tuple(valid, invalidValue(s.items, ctx, depth + 1)).map(([a, bad]) => [...a, bad]));
      if (s.minItems) breaks.push(fc.constant([]));
      if (s.maxItems !== undefined && s.maxItems < 60) {
        breaks.push(validValue(s.items ?? {}, ctx, depth + 1).map((v) => Array.from({ length: s.maxItems + 1 }, (_, i) => (s.uniqueItems ? `${String(v)}-${i}` : v))));
      }
      if (s.uniqueItems) breaks.push(valid.filter((a) => a.length > 0).map((a) => [...a, a[0]]));
      break;
    }
    case 'object': {
      const valid = validValue(s, ctx, depth + 1) as fc.Arbitrary<Record<string, unknown>>;
      const required = (s.required ?? []) as string[];
      const properties = Object.keys(s.properties ?? {});
      if (required.length) {
        breaks.push(fc.tuple(valid, fc.constantFrom(...required)).map(([o, k]) => Object.fromEntries(Object.entries(o).filter(([key]) => key !== k))));
      }
      if (s.additionalProperties === false) {
        breaks.push(fc.tuple(valid, fc.constantFrom('extra', 'ID', '__proto__x', 'constructor', ''), fc.jsonValue({ maxDepth: 1 })).map(([o, k, v]) => ({ ...o, [k]: v })));
      }
      if (properties.length && depth < 3) {
        // One property made invalid, at any depth.
        breaks.push(
          fc.constantFrom(...properties).chain((k) =>
            fc.tuple(valid, invalidValue(s.properties[k], ctx, depth + 1)).map(([o, bad]) => ({ ...o, [k]: bad })),
          ),
        );
      }
      break;
    }
  }
  return fc.oneof(...breaks);
}
