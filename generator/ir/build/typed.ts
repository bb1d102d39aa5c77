/** The last rule: a schema read by its `type` (a list in 3.1, one type in 3.0), or by the keywords it has. */
import type { Location } from "../../load/resolve-ref.js";
import type { Constraints, Node } from "../types.js";
import { child, report, type BuildContext } from "./context.js";
import { buildPrimitive, constraintsOf } from "./scalar.js";
import { isSchemaObject, NULL, typeList, UNKNOWN, type Schema } from "./schema.js";
import { buildArray, buildObject } from "./structural.js";

/**
 * One node per listed type, duplicates dropped, as a union with null last (`type: [string, "null"]`); a list of
 * types in a 3.0 document warns. No `type`: object when the schema has properties, additionalProperties or
 * patternProperties, array when it has items or prefixItems (a deviation from JSON Schema, which accepts values of
 * other types: see README), else any value with the constraints it gives per type (`required` alone: objects
 * must have those keys).
 */
export function buildTyped(schema: Schema, at: Location, ctx: BuildContext): Node {
  if (isSchemaObject(schema["type"])) {
    // a schema written one level too deep (`itemType: { type: { type: string, enum: [...] } }`, codat.io): the
    // keyword means nothing, so it is ignored, as a validator ignores what it cannot read; the rest still holds
    const message =
      "`type` holds a schema, not a type name; ignored (any type). If it is the property's own schema, move it up " +
      "a level; else write `type: object` with `properties`";
    report(ctx, "warning", "type-invalid", child(at, "type"), message);
    const { type: _ignored, ...rest } = schema;
    return ctx.build(rest, at);
  }
  // no type and no shape (`{ required: [id] }`), or inside an assertion: as JSON Schema reads it
  if (schema["type"] === undefined && (ctx.guards.asserting > 0 || inferType(schema) === undefined)) {
    return untyped(schema, at, ctx);
  }
  const inferred = typeList(schema["type"]) === undefined;
  const types = typeList(schema["type"]) ?? [inferType(schema)];
  const nodes: Node[] = [];
  for (const t of types) {
    if (t === undefined) return anyValue(schema, at, ctx);
    const built = buildOfType(schema, t, at, ctx);
    const node = inferred && isStructural(built) ? { ...built, inferred: true as const } : built;
    if (!nodes.some((n) => n.kind === node.kind && JSON.stringify(n) === JSON.stringify(node))) nodes.push(node);
  }
  if (Array.isArray(schema["type"]) && ctx.version === "3.0") {
    const message = "a list of types is OpenAPI 3.1 syntax; read as a union";
    report(ctx, "warning", "type-array-in-3.0", child(at, "type"), message);
  }
  if (nodes.length === 1) return nodes[0]!;
  const nonNull = nodes.filter((n) => !(n.kind === "primitive" && n.type === "null"));
  return { kind: "union", members: nonNull.length < nodes.length ? [...nonNull, NULL] : nonNull };
}

/** The schema read as one of its types; an unknown type is an error. */
function buildOfType(schema: Schema, type: unknown, at: Location, ctx: BuildContext): Node {
  switch (type) {
    case "object":
      return buildObject(schema, at, ctx);
    case "array":
      return buildArray(schema, at, ctx);
    case "string":
    case "number":
    case "integer":
    case "boolean":
    case "null":
      return buildPrimitive(schema, type, at, ctx);
    default: {
      const types = "string, number, integer, boolean, array, object, null";
      const message = `unknown type ${JSON.stringify(type)}; use one of ${types}`;
      report(ctx, "error", "type-unknown", child(at, "type"), message);
      return UNKNOWN;
    }
  }
}

/**
 * No `type` and no shape: any value, with the constraints that apply to each JSON type (`{ maxLength: 3 }`
 * accepts any number and `"abc"`, not `"abcd"`).
 */
function anyValue(schema: Schema, at: Location, ctx: BuildContext): Node {
  const number = constraintsOf(schema, "number", at, ctx);
  const string = constraintsOf(schema, "string", at, ctx);
  const array: { -readonly [K in keyof Constraints]: Constraints[K] } = {};
  if (typeof schema["minItems"] === "number") array.minItems = schema["minItems"];
  if (typeof schema["maxItems"] === "number") array.maxItems = schema["maxItems"];
  const when = {
    ...(number === undefined ? {} : { number }),
    ...(string === undefined ? {} : { string }),
    ...(Object.keys(array).length === 0 ? {} : { array }),
  };
  return Object.keys(when).length === 0 ? UNKNOWN : { kind: "unknown", when };
}

/**
 * No `type`, inside an assertion's schema (`not: { required: [id] }`), as JSON Schema reads it: any value, with the
 * constraints each JSON type gets, and values of the type the keywords describe (an object for properties,
 * additionalProperties, patternProperties and required; an array for items and prefixItems) valid against them.
 */
function untyped(schema: Schema, at: Location, ctx: BuildContext): Node {
  const any = anyValue(schema, at, ctx);
  const type = inferType(schema) ?? (schema["required"] !== undefined ? "object" : undefined);
  if (type === undefined) return any;
  const node = type === "object" ? buildObject(schema, at, ctx) : buildArray(schema, at, ctx);
  return { ...any, kind: "unknown", checks: [{ kind: "ofType", type, node }] };
}

function isStructural(node: Node): boolean {
  return node.kind === "object" || node.kind === "record" || node.kind === "array" || node.kind === "tuple";
}

function inferType(schema: Schema): "object" | "array" | undefined {
  const has = (key: string): boolean => schema[key] !== undefined;
  if (has("properties") || has("additionalProperties") || has("patternProperties")) return "object";
  if (has("items") || has("prefixItems")) return "array";
  return undefined;
}
