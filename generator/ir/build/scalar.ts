/** Rules for values without structure: `const`, `enum`, and the primitive types with their constraints. */
import type { Location } from "../../load/resolve-ref.js";
import type { Constraints, Node, PrimitiveType } from "../types.js";
import { child, report, type BuildContext } from "./context.js";
import { NULL, typeList, UNKNOWN, type Schema } from "./schema.js";
import { nestedRepetition } from "../pattern-risk.js";

/** `const: v`: the literal `v` (`const: null` is null). */
export function buildConst(schema: Schema, at: Location, ctx: BuildContext): Node {
  return literal(schema["const"], at, ctx);
}

/** One JSON value as a node: null is the null primitive, anything else but `undefined` a literal. */
export function literal(value: unknown, at: Location, ctx: BuildContext): Node {
  if (value === null) return NULL;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    return { kind: "literal", value };
  }
  if (typeof value === "object") return { kind: "literal", value: value as Record<string, unknown> };
  report(ctx, "error", "schema-invalid", at, `unsupported const value ${String(value)}`);
  return UNKNOWN;
}

/**
 * `enum`: the scalar values, deduplicated, as one `enum` (one value: a literal), then objects and lists as
 * literals, then null (when listed: a `type` list with null adds none, and warns) as a union member; no value at
 * all is never. In a string enum
 * (`type: string`, maybe with null) a number or boolean is read as a string, with a warning.
 */
export function buildEnum(schema: Schema, at: Location, ctx: BuildContext): Node {
  const raw = schema["enum"];
  if (!Array.isArray(raw)) {
    report(ctx, "error", "schema-invalid", child(at, "enum"), "enum must be a list of values");
    return UNKNOWN;
  }
  const types = typeList(schema["type"]);
  const wantsString = types?.includes("string") === true && types.every((t) => t === "string" || t === "null");
  // as JSON Schema reads it, the enum alone lists what is valid: a type list with null adds no null to it
  let hasNull = false;
  const values: (string | number | boolean)[] = [];
  const other: Node[] = [];
  raw.forEach((v, i) => {
    if (v === null) hasNull = true;
    else if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") {
      let value = v;
      if (wantsString && typeof v !== "string") {
        const read = JSON.stringify(String(v));
        const message = `enum value ${JSON.stringify(v)} is not a string but the type is string; read as ${read}`;
        report(ctx, "warning", "enum-coerced", child(at, "enum", i), message);
        value = String(v);
      }
      if (!values.includes(value)) values.push(value);
    } else other.push(literal(v, child(at, "enum", i), ctx));
  });
  const members: Node[] = [];
  if (values.length === 1) members.push({ kind: "literal", value: values[0]! });
  else if (values.length > 1) members.push({ kind: "enum", values });
  members.push(...other);
  if (hasNull) members.push(NULL);
  else if (types?.includes("null") === true) {
    const message =
      "`type` allows null but `enum` does not list it, so null is invalid; add null to the enum to allow it";
    report(ctx, "warning", "enum-without-null", child(at, "enum"), message);
  }
  if (members.length === 0) return { kind: "never" };
  return members.length === 1 ? members[0]! : { kind: "union", members };
}

/** A primitive `type` with the schema's `format` and the constraints that apply to that type. */
export function buildPrimitive(schema: Schema, type: PrimitiveType, at: Location, ctx: BuildContext): Node {
  const constraints = constraintsOf(schema, type, at, ctx);
  const format = typeof schema["format"] === "string" ? schema["format"] : undefined;
  return {
    kind: "primitive",
    type,
    ...(format === undefined ? {} : { format }),
    ...(constraints === undefined ? {} : { constraints }),
  };
}

/**
 * Numbers: minimum/maximum, their exclusive forms (3.0 booleans turn the bound exclusive; 3.1 numbers are the
 * bound; booleans in a 3.1 document warn) and a positive multipleOf. Strings: minLength/maxLength and a pattern
 * that compiles with the `u` flag (one that does not is left out, with a warning). Undefined when there are none.
 */
export function constraintsOf(schema: Schema, type: string, at: Location, ctx: BuildContext): Constraints | undefined {
  const c: { -readonly [K in keyof Constraints]: Constraints[K] } = {};
  const num = (key: string): number | undefined => {
    const value = schema[key];
    return typeof value === "number" ? value : undefined;
  };
  if (type === "number" || type === "integer") {
    const min = num("minimum");
    const max = num("maximum");
    const exMin = schema["exclusiveMinimum"];
    const exMax = schema["exclusiveMaximum"];
    if ((typeof exMin === "boolean" || typeof exMax === "boolean") && ctx.version === "3.1") {
      const key = typeof exMin === "boolean" ? "exclusiveMinimum" : "exclusiveMaximum";
      const message = "boolean exclusiveMinimum/exclusiveMaximum is OpenAPI 3.0 syntax; read as the 3.0 meaning";
      report(ctx, "warning", "exclusive-boolean-in-3.1", child(at, key), message);
    }
    if (exMin === true && min !== undefined) c.exclusiveMinimum = min;
    else if (min !== undefined) c.minimum = min;
    if (typeof exMin === "number") c.exclusiveMinimum = exMin;
    if (exMax === true && max !== undefined) c.exclusiveMaximum = max;
    else if (max !== undefined) c.maximum = max;
    if (typeof exMax === "number") c.exclusiveMaximum = exMax;
    const multipleOf = num("multipleOf");
    if (multipleOf !== undefined && multipleOf > 0) c.multipleOf = multipleOf;
  } else if (type === "string") {
    const minLength = num("minLength");
    const maxLength = num("maxLength");
    if (minLength !== undefined) c.minLength = minLength;
    if (maxLength !== undefined) c.maxLength = maxLength;
    const pattern = schema["pattern"];
    if (typeof pattern === "string" && validPattern(pattern, child(at, "pattern"), ctx)) c.pattern = pattern;
  }
  return Object.keys(c).length === 0 ? undefined : c;
}

/**
 * Whether a pattern compiles as a JavaScript `u` regular expression; one that does not warns (and is not checked).
 * One that nests unbounded repetitions (ir/pattern-risk.ts) is checked, with a warning: parse runs it on the data
 * it receives, where a crafted string can take exponential time.
 */
export function validPattern(pattern: string, at: Location, ctx: BuildContext): boolean {
  try {
    new RegExp(pattern, "u");
    const nested = nestedRepetition(pattern);
    if (nested !== undefined) {
      const message =
        `pattern ${JSON.stringify(pattern)} repeats ${JSON.stringify(nested)}, a group that itself repeats without ` +
        "bound: a backtracking engine such as JavaScript's may take exponential time on a long string that does not " +
        "match, and parse runs the pattern on the data it receives; write the repetition once (e.g. `[...]*` " +
        "instead of `([...]*)*`), or bound the length with maxLength";
      report(ctx, "warning", "pattern-backtracking", at, message);
    }
    return true;
  } catch {
    const json = JSON.stringify(pattern);
    const message = `pattern ${json} is not a valid JavaScript regular expression; it is not checked`;
    report(ctx, "warning", "pattern-invalid", at, message);
    return false;
  }
}
