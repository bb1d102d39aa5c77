/** Rules for values with structure: arrays, `prefixItems` tuples, objects and records (additionalProperties). */
import { encodePointer } from "../../diagnostics.js";
import type { Location } from "../../load/resolve-ref.js";
import type { Constraints, Node, Property } from "../types.js";
import { child, copyingWhile, report, type BuildContext } from "./context.js";
import { docOf } from "./doc.js";
import { describeKind, disjoint, intersection } from "./intersection.js";
import { isSchemaObject, UNKNOWN, type Schema } from "./schema.js";

/** One property schema (or the additional-properties schema, with key ""), where it is written. */
export interface PropertyPart {
  readonly key: string;
  readonly schema: unknown;
  readonly at: Location;
  /** Merged in from another schema through a `$ref` (see mergeObjects), not written where it is used. */
  readonly copied?: boolean;
}

/**
 * `type: array`. With `prefixItems` (3.1) a tuple whose rest is `items` (absent: any value; `false`: no more
 * elements), whose first `minItems` elements (at most the prefix's) are required and the others optional, as
 * JSON Schema reads `prefixItems` (`[]` and `[a]` are valid for two of them); else an array of `items` (absent:
 * unknown). minItems/maxItems count the whole array.
 */
export function buildArray(schema: Schema, at: Location, ctx: BuildContext): Node {
  const prefix = schema["prefixItems"];
  const items = schema["items"];
  const constraints: { -readonly [K in keyof Constraints]: Constraints[K] } = {};
  if (typeof schema["minItems"] === "number") constraints.minItems = schema["minItems"];
  if (typeof schema["maxItems"] === "number") constraints.maxItems = schema["maxItems"];
  if (Array.isArray(prefix)) {
    const rest = items === undefined ? UNKNOWN : items === false ? undefined : ctx.build(items, child(at, "items"));
    const tupleItems = prefix.map((p, i) => ctx.build(p, child(at, "prefixItems", i)));
    const required = Math.min(Math.max(Math.ceil(constraints.minItems ?? 0), 0), tupleItems.length);
    const tuple = { kind: "tuple", items: tupleItems, rest, required } as const;
    return Object.keys(constraints).length === 0 ? tuple : { ...tuple, constraints };
  }
  const itemNode = items === undefined ? UNKNOWN : ctx.build(items, child(at, "items"));
  if (Object.keys(constraints).length === 0) return { kind: "array", items: itemNode };
  return { kind: "array", items: itemNode, constraints };
}

/**
 * `type: object`: its properties in spec order (required from `required`), then the required keys it does not
 * declare (any value), extra keys from additionalProperties or patternProperties. No properties: a record of the
 * extra keys' schema (unknown when none is given); `additionalProperties: false` alone is a record of never (the
 * empty object).
 */
export function buildObject(schema: Schema, at: Location, ctx: BuildContext): Node {
  const props = schema["properties"];
  const listed = Array.isArray(schema["required"]) ? schema["required"] : [];
  const required = new Set(listed.filter((r): r is string => typeof r === "string"));
  const parts: PropertyPart[] = [];
  if (isSchemaObject(props)) {
    for (const [key, value] of Object.entries(props)) {
      parts.push({ key, schema: value, at: child(at, "properties", key) });
    }
  } else if (props !== undefined) {
    const message = "properties must be a mapping of property names to schemas";
    report(ctx, "error", "schema-invalid", child(at, "properties"), message);
  }
  if (parts.length === 0 && schema["additionalProperties"] === false && !isSchemaObject(schema["patternProperties"])) {
    return { kind: "record", values: { kind: "never" } };
  }
  // an allOf member's required keys may be declared by a sibling member: the merge declares what none does
  const declare = at.path.at(-2) !== "allOf";
  const node = objectFrom(parts, required, additionalOf(schema, at), ctx, declare ? child(at, "required") : undefined);
  // `additionalProperties: false` beside properties: no other key is valid (with patternProperties, keys that a
  // pattern matches are: not told here)
  const closed = schema["additionalProperties"] === false && !isSchemaObject(schema["patternProperties"]);
  return closed && node.kind === "object" && parts.length > 0 ? { ...node, closed: true } : node;
}

/**
 * The schema of a schema's extra keys: additionalProperties (unless false); undefined when there is none. Beside
 * patternProperties they are any value here: which schema a key holds depends on the key, which the patterns'
 * assertion (assertions.ts) checks.
 */
export function additionalOf(schema: Schema, at: Location): PropertyPart | undefined {
  const extra = schema["additionalProperties"];
  if (isSchemaObject(schema["patternProperties"])) return { key: "", schema: true, at: child(at, "patternProperties") };
  if (extra !== undefined && extra !== false) return { key: "", schema: extra, at: child(at, "additionalProperties") };
  return undefined;
}

/**
 * An object of property parts (a record when there are none), and, given where `required` is written, the
 * required keys no part declares (any value). A key given twice (by two allOf members) is one
 * property, the intersection of both, documented by both; a key whose two schemas share no value warns
 * (`allof-conflict`, once per place).
 */
export function objectFrom(
  declared: readonly PropertyPart[],
  required: ReadonlySet<string>,
  additional: PropertyPart | undefined,
  ctx: BuildContext,
  requiredAt?: Location,
): Node {
  // a required key that no property declares must be present all the same: a property of any value, last
  const undeclared = requiredAt === undefined ? [] : [...required].filter((k) => !declared.some((p) => p.key === k));
  if (declared.length === 0 && undeclared.length === 0) {
    return { kind: "record", values: additional === undefined ? UNKNOWN : buildPart(additional, ctx) };
  }
  const parts = [...declared, ...undeclared.map((key) => ({ key, schema: true, at: requiredAt! }))];
  // no declared property: every other key is data, as in a record
  const extra = declared.length === 0 ? (additional ?? { key: "", schema: true, at: requiredAt! }) : additional;
  const properties: Property[] = [];
  const seen = new Map<string, number>();
  for (const part of parts) {
    const doc = docOf(part.schema);
    const node = buildPart(part, ctx);
    const prop: Property = { key: part.key, node, required: required.has(part.key), doc };
    const index = seen.get(part.key);
    if (index === undefined) {
      seen.set(part.key, properties.length);
      properties.push(prop);
      continue;
    }
    const prev = properties[index]!;
    const same = JSON.stringify(prev.node) === JSON.stringify(node);
    if (!same && disjoint(prev.node, node)) reportConflict(part, prev.node, node, ctx);
    const merged = same ? prev.node : intersection([prev.node, node]);
    properties[index] = { ...prev, node: merged, doc: { ...prev.doc, ...doc } };
  }
  return { kind: "object", properties, additional: extra === undefined ? undefined : buildPart(extra, ctx) };
}

function reportConflict(part: PropertyPart, before: Node, node: Node, ctx: BuildContext): void {
  const where = `${part.at.file}#${encodePointer(part.at.path)}`;
  if (ctx.guards.conflicts.has(where)) return;
  ctx.guards.conflicts.add(where);
  const message =
    `allOf members disagree on ${JSON.stringify(part.key)}: ${describeKind(before)} and ${describeKind(node)}; ` +
    "no value is both, so no object is valid (its type is never)";
  report(ctx, "warning", "allof-conflict", part.at, message);
}

/** A part's node; a part copied from a merged `$ref` is built with the copying guard raised. */
function buildPart(part: PropertyPart, ctx: BuildContext): Node {
  if (part.copied !== true) return ctx.build(part.schema, part.at);
  return copyingWhile(ctx.guards, () => ctx.build(part.schema, part.at));
}
