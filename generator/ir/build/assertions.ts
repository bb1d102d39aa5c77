/**
 * The keywords only validation enforces (see `Assertion` in ../types.ts): `not`, `if`/`then`/`else`, `uniqueItems`,
 * `contains` (with `minContains`/`maxContains`), `minProperties`/`maxProperties`, `propertyNames`,
 * `dependentRequired`/`dependentSchemas` (and draft4's `dependencies`), and `patternProperties` with the
 * `additionalProperties` beside it. The rule table's `asserted` step reads them beside whatever a rule built.
 */
import type { Location } from "../../load/resolve-ref.js";
import type { Assertion, Evaluated, EvaluatedItems, Node } from "../types.js";
import { assertingWhile, child, report, resolveRef, type BuildContext } from "./context.js";
import { validPattern } from "./scalar.js";
import { isSchemaObject, type Schema } from "./schema.js";

/** The keywords read here; a rule that rebuilds a schema it was given (allOf fragments) leaves them to the step. */
export const ASSERTION_KEYS: ReadonlySet<string> = new Set([
  "not",
  "if",
  "then",
  "else",
  "uniqueItems",
  "contains",
  "minContains",
  "maxContains",
  "minProperties",
  "maxProperties",
  "propertyNames",
  "dependentRequired",
  "dependentSchemas",
  "dependencies",
  "unevaluatedProperties",
  "unevaluatedItems",
]);

/**
 * Keywords wirecase does not enforce yet, each with what parse does instead: a warning names the keyword and the
 * schema (never silence).
 */
const UNENFORCED: Readonly<Record<string, string>> = {
  $dynamicRef: "it is not followed (any value)",
};

/** The assertions a schema object makes, in the order parse checks them; unenforced keywords warn. */
export function assertionsOf(schema: Schema, at: Location, ctx: BuildContext): Assertion[] {
  for (const [key, instead] of Object.entries(UNENFORCED)) {
    if (schema[key] !== undefined && schema[key] !== true) {
      report(ctx, "warning", "keyword-unenforced", child(at, key), `\`${key}\` is not enforced: ${instead}`);
    }
  }
  const out: Assertion[] = [];
  const sub = (key: string): Node => assertingWhile(ctx.guards, () => ctx.build(schema[key], child(at, key)));
  if (schema["not"] !== undefined) out.push({ kind: "not", node: sub("not") });
  if (schema["if"] !== undefined) {
    const branch = (key: "then" | "else"): Node | undefined => (schema[key] === undefined ? undefined : sub(key));
    out.push({ kind: "if", test: sub("if"), valid: branch("then"), invalid: branch("else") });
  }
  if (schema["uniqueItems"] === true) out.push({ kind: "uniqueItems" });
  if (schema["contains"] !== undefined) {
    const min = count(schema["minContains"]) ?? 1;
    out.push({ kind: "contains", node: sub("contains"), min, max: count(schema["maxContains"]) });
  }
  const [min, max] = [count(schema["minProperties"]), count(schema["maxProperties"])];
  const least = min !== undefined && min > 0 ? min : undefined;
  if (least !== undefined || max !== undefined) out.push({ kind: "propertyCount", min: least, max });
  if (schema["propertyNames"] !== undefined) out.push({ kind: "propertyNames", node: sub("propertyNames") });
  dependencies(schema, at, ctx, out);
  const patterns = patternProperties(schema, at, ctx);
  if (patterns !== undefined) out.push(patterns);
  const unevaluated = unevaluatedProperties(schema, at, ctx);
  if (unevaluated !== undefined) out.push(unevaluated);
  const items = unevaluatedItems(schema, at, ctx);
  if (items !== undefined) out.push(items);
  return out;
}

/** `unevaluatedItems` (not `true`), with what the keywords beside it evaluate (see `EvaluatedItems`). */
export function unevaluatedItems(schema: Schema, at: Location, ctx: BuildContext): Assertion | undefined {
  const unevaluated = schema["unevaluatedItems"];
  if (unevaluated === undefined || unevaluated === true) return undefined;
  const where = child(at, "unevaluatedItems");
  const node = assertingWhile(ctx.guards, () => ctx.build(unevaluated, where));
  const { unevaluatedItems: _, ...beside } = schema;
  return { kind: "unevaluatedItems", node, evaluated: quietly(ctx, () => evaluate(ITEMS, beside, at, ctx)) };
}

/**
 * `unevaluatedProperties` (not `true`), with what the keywords beside it evaluate. The `$ref` and union rules,
 * which build the other keywords beside them as a schema of their own, add it from the whole schema.
 */
export function unevaluatedProperties(schema: Schema, at: Location, ctx: BuildContext): Assertion | undefined {
  const unevaluated = schema["unevaluatedProperties"];
  if (unevaluated === undefined || unevaluated === true) return undefined;
  const where = child(at, "unevaluatedProperties");
  const node = assertingWhile(ctx.guards, () => ctx.build(unevaluated, where));
  const { unevaluatedProperties: _, ...beside } = schema;
  return { kind: "unevaluatedProperties", node, evaluated: quietly(ctx, () => evaluate(KEYS, beside, at, ctx)) };
}

/** A branch of an evaluation: what a subschema evaluates when it applies. */
type Branch<E> = { readonly when: Evaluated["branches"][number]["when"]; readonly evaluated: E };

/** How one kind of evaluation (keys or items) reads a schema's own keywords and joins evaluations. */
interface Evaluation<E extends { readonly branches: readonly Branch<E>[] }> {
  /** What the schema's own keywords evaluate (`properties`, `prefixItems`, ...), with branches of its own. */
  own(schema: Schema, at: Location, node: (s: unknown, where: Location) => Node, ctx: BuildContext): E;
  /** All of them (allOf members, a `$ref` target, `if` with `then`). */
  join(parts: readonly E[]): E;
  /** Whether it evaluates nothing (a branch that would add nothing is left out). */
  empty(e: E): boolean;
  /** Whether `dependentSchemas` entries are branches (keys of objects), when their key is present. */
  readonly dependent: boolean;
}

/**
 * What a schema evaluates, as `how` reads it: its own keywords, every `$ref` target (each followed once on a path)
 * and allOf member; anyOf/oneOf members and `if`/`then` as branches when they hold, `else` when `if` does not.
 */
function evaluate<E extends { readonly branches: readonly Branch<E>[] }>(
  how: Evaluation<E>,
  schema: unknown,
  at: Location,
  ctx: BuildContext,
  seen: ReadonlySet<string> = new Set(),
): E {
  if (!isSchemaObject(schema)) return how.join([]);
  const node = (s: unknown, where: Location): Node => assertingWhile(ctx.guards, () => ctx.build(s, where));
  const again = (s: unknown, where: Location, ids = seen): E => evaluate(how, s, where, ctx, ids);
  const parts = [how.own(schema, at, node, ctx)];
  if (typeof schema["$ref"] === "string") {
    const target = resolveRef(ctx, schema["$ref"], at);
    if (target !== undefined && !seen.has(target.id)) {
      parts.push(again(target.schema, target.loc, new Set([...seen, target.id])));
    }
  }
  const list = (key: string): unknown[] => (Array.isArray(schema[key]) ? (schema[key] as unknown[]) : []);
  list("allOf").forEach((m, i) => parts.push(again(m, child(at, "allOf", i))));
  const branches: Branch<E>[] = [];
  const branch = (when: Branch<E>["when"], e: E): void => {
    if (!how.empty(e)) branches.push({ when, evaluated: e });
  };
  for (const key of ["anyOf", "oneOf"]) {
    list(key).forEach((m, i) => {
      const where = child(at, key, i);
      branch({ kind: "valid", node: node(m, where) }, again(m, where));
    });
  }
  if (schema["if"] !== undefined) {
    const test = node(schema["if"], child(at, "if"));
    branch(
      { kind: "valid", node: test },
      how.join([again(schema["if"], child(at, "if")), again(schema["then"], child(at, "then"))]),
    );
    branch({ kind: "invalid", node: test }, again(schema["else"], child(at, "else")));
  }
  const dependent = schema["dependentSchemas"];
  if (how.dependent && isSchemaObject(dependent)) {
    for (const [key, s] of Object.entries(dependent)) {
      branch({ kind: "present", key }, again(s, child(at, "dependentSchemas", key)));
    }
  }
  const joined = how.join(parts);
  return branches.length === 0 ? joined : how.join([joined, { ...how.join([]), branches } as E]);
}

/** The keys of an object a schema evaluates (see `Evaluated`). */
const KEYS: Evaluation<Evaluated> = {
  dependent: true,
  own: (schema, at, _node, ctx) => {
    const props = schema["properties"];
    const pattern = schema["patternProperties"];
    const valid = (p: string): boolean => validPattern(p, child(at, "patternProperties", p), ctx);
    return {
      keys: isSchemaObject(props) ? Object.keys(props) : [],
      patterns: isSchemaObject(pattern) ? Object.keys(pattern).filter(valid) : [],
      all: schema["additionalProperties"] !== undefined || schema["unevaluatedProperties"] !== undefined,
      branches: [],
    };
  },
  join: (parts) => ({
    keys: [...new Set(parts.flatMap((e) => e.keys))],
    patterns: [...new Set(parts.flatMap((e) => e.patterns))],
    all: parts.some((e) => e.all),
    branches: parts.flatMap((e) => e.branches),
  }),
  empty: (e) => e.keys.length === 0 && e.patterns.length === 0 && !e.all && e.branches.length === 0,
};

/** The items of an array a schema evaluates (see `EvaluatedItems`). */
const ITEMS: Evaluation<EvaluatedItems> = {
  dependent: false,
  own: (schema, at, node) => ({
    prefix: Array.isArray(schema["prefixItems"]) ? schema["prefixItems"].length : 0,
    all: schema["items"] !== undefined || schema["unevaluatedItems"] !== undefined,
    contains: schema["contains"] === undefined ? [] : [node(schema["contains"], child(at, "contains"))],
    branches: [],
  }),
  join: (parts) => ({
    prefix: Math.max(0, ...parts.map((e) => e.prefix)),
    all: parts.some((e) => e.all),
    contains: parts.flatMap((e) => e.contains),
    branches: parts.flatMap((e) => e.branches),
  }),
  empty: (e) => e.prefix === 0 && !e.all && e.contains.length === 0 && e.branches.length === 0,
};

/** `f()`, its diagnostics dropped (schemas built a second time, for what they evaluate, warn once). */
function quietly<T>(ctx: BuildContext, f: () => T): T {
  const before = ctx.diagnostics.length;
  try {
    return f();
  } finally {
    ctx.diagnostics.length = before;
  }
}

/** A non-negative count (`minContains: 2`), else undefined. */
function count(value: unknown): number | undefined {
  return typeof value === "number" && value >= 0 ? value : undefined;
}

/** `dependentRequired`, `dependentSchemas`, and draft4's `dependencies` (a list or a schema per key). */
function dependencies(schema: Schema, at: Location, ctx: BuildContext, out: Assertion[]): void {
  const entries = (key: string): [string, unknown][] => {
    const value = schema[key];
    return isSchemaObject(value) ? Object.entries(value) : [];
  };
  const required = (key: string, list: unknown): void => {
    if (!Array.isArray(list)) return;
    const names = list.filter((n): n is string => typeof n === "string");
    if (names.length > 0) out.push({ kind: "dependentRequired", key, required: names });
  };
  const dependent = (key: string, value: unknown, where: Location): void => {
    out.push({ kind: "dependentSchema", key, node: assertingWhile(ctx.guards, () => ctx.build(value, where)) });
  };
  for (const [key, list] of entries("dependentRequired")) required(key, list);
  for (const [key, value] of entries("dependentSchemas")) dependent(key, value, child(at, "dependentSchemas", key));
  for (const [key, value] of entries("dependencies")) {
    if (Array.isArray(value)) required(key, value);
    else dependent(key, value, child(at, "dependencies", key));
  }
}

/**
 * `patternProperties` (its patterns that compile as JavaScript `u` regular expressions; the others warn), with the
 * keys `properties` declares and the `additionalProperties` beside it (`false` is never).
 */
function patternProperties(schema: Schema, at: Location, ctx: BuildContext): Assertion | undefined {
  const map = schema["patternProperties"];
  if (!isSchemaObject(map)) return undefined;
  const patterns: { pattern: string; node: Node }[] = [];
  for (const [pattern, value] of Object.entries(map)) {
    const where = child(at, "patternProperties", pattern);
    if (!validPattern(pattern, where, ctx)) continue;
    patterns.push({ pattern, node: assertingWhile(ctx.guards, () => ctx.build(value, where)) });
  }
  const props = schema["properties"];
  const declared = isSchemaObject(props) ? Object.keys(props) : [];
  const extra = schema["additionalProperties"];
  const additional =
    extra === undefined
      ? undefined
      : assertingWhile(ctx.guards, () => ctx.build(extra, child(at, "additionalProperties")));
  return { kind: "patternProperties", patterns, declared, additional };
}
