/**
 * The keywords only validation enforces (see `Assertion` in ../types.ts): `not`, `if`/`then`/`else`, `uniqueItems`,
 * `contains` (with `minContains`/`maxContains`), `minProperties`/`maxProperties`, `propertyNames`,
 * `dependentRequired`/`dependentSchemas` (and draft4's `dependencies`), and `patternProperties` with the
 * `additionalProperties` beside it. The rule table's `asserted` step reads them beside whatever a rule built.
 */
import type { Location } from "../../load/resolve-ref.js";
import type { Assertion, Evaluated, EvaluatedItems, Node } from "../types.js";
import { assertingWhile, child, report, resolveRef, type BuildContext } from "./context.js";
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
  $recursiveRef: "it is not followed (any value; a 2019-09 keyword)",
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
  return { kind: "unevaluatedItems", node, evaluated: quietly(ctx, () => evaluatedItemsOf(beside, at, ctx)) };
}

/** What a schema's keywords evaluate of an array's items (see `EvaluatedItems`); each `$ref` is followed once. */
function evaluatedItemsOf(schema: unknown, at: Location, ctx: BuildContext, seen = new Set<string>()): EvaluatedItems {
  let prefix = 0;
  let all = false;
  const contains: Node[] = [];
  const branches: EvaluatedItems["branches"][number][] = [];
  const add = (e: EvaluatedItems): void => {
    prefix = Math.max(prefix, e.prefix);
    all ||= e.all;
    contains.push(...e.contains);
    branches.push(...e.branches);
  };
  const node = (s: unknown, where: Location): Node => assertingWhile(ctx.guards, () => ctx.build(s, where));
  const branch = (when: EvaluatedItems["branches"][number]["when"], e: EvaluatedItems): void => {
    if (e.prefix > 0 || e.all || e.contains.length > 0 || e.branches.length > 0) branches.push({ when, evaluated: e });
  };
  if (!isSchemaObject(schema)) return { prefix, all, contains, branches };
  if (Array.isArray(schema["prefixItems"])) prefix = schema["prefixItems"].length;
  if (schema["items"] !== undefined || schema["unevaluatedItems"] !== undefined) all = true;
  if (schema["contains"] !== undefined) contains.push(node(schema["contains"], child(at, "contains")));
  if (typeof schema["$ref"] === "string") {
    const target = resolveRef(ctx, schema["$ref"], at);
    if (target !== undefined && !seen.has(target.id)) {
      add(evaluatedItemsOf(target.schema, target.loc, ctx, new Set([...seen, target.id])));
    }
  }
  const list = (key: string): unknown[] => (Array.isArray(schema[key]) ? (schema[key] as unknown[]) : []);
  list("allOf").forEach((m, i) => add(evaluatedItemsOf(m, child(at, "allOf", i), ctx, seen)));
  for (const key of ["anyOf", "oneOf"]) {
    list(key).forEach((m, i) => {
      const where = child(at, key, i);
      branch({ kind: "valid", node: node(m, where) }, evaluatedItemsOf(m, where, ctx, seen));
    });
  }
  if (schema["if"] !== undefined) {
    const test = node(schema["if"], child(at, "if"));
    const [a, b] = [
      evaluatedItemsOf(schema["if"], child(at, "if"), ctx, seen),
      evaluatedItemsOf(schema["then"], child(at, "then"), ctx, seen),
    ];
    branch(
      { kind: "valid", node: test },
      {
        prefix: Math.max(a.prefix, b.prefix),
        all: a.all || b.all,
        contains: [...a.contains, ...b.contains],
        branches: [...a.branches, ...b.branches],
      },
    );
    branch({ kind: "invalid", node: test }, evaluatedItemsOf(schema["else"], child(at, "else"), ctx, seen));
  }
  return { prefix, all, contains, branches };
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
  return { kind: "unevaluatedProperties", node, evaluated: quietly(ctx, () => evaluatedOf(beside, at, ctx)) };
}

/** What a schema's keywords evaluate of an object's keys (see `Evaluated`); each `$ref` is followed once. */
function evaluatedOf(schema: unknown, at: Location, ctx: BuildContext, seen = new Set<string>()): Evaluated {
  const keys: string[] = [];
  const patterns: string[] = [];
  let all = false;
  const branches: Evaluated["branches"][number][] = [];
  const add = (e: Evaluated): void => {
    keys.push(...e.keys);
    patterns.push(...e.patterns);
    all ||= e.all;
    branches.push(...e.branches);
  };
  const node = (s: unknown, where: Location): Node => assertingWhile(ctx.guards, () => ctx.build(s, where));
  const branch = (when: Evaluated["branches"][number]["when"], e: Evaluated): void => {
    if (e.keys.length > 0 || e.patterns.length > 0 || e.all || e.branches.length > 0)
      branches.push({ when, evaluated: e });
  };
  if (!isSchemaObject(schema)) return { keys, patterns, all, branches };
  const props = schema["properties"];
  if (isSchemaObject(props)) keys.push(...Object.keys(props));
  const pattern = schema["patternProperties"];
  if (isSchemaObject(pattern)) patterns.push(...Object.keys(pattern).filter(compiles));
  if (schema["additionalProperties"] !== undefined || schema["unevaluatedProperties"] !== undefined) all = true;
  if (typeof schema["$ref"] === "string") {
    const target = resolveRef(ctx, schema["$ref"], at);
    if (target !== undefined && !seen.has(target.id)) {
      add(evaluatedOf(target.schema, target.loc, ctx, new Set([...seen, target.id])));
    }
  }
  const list = (key: string): unknown[] => (Array.isArray(schema[key]) ? (schema[key] as unknown[]) : []);
  list("allOf").forEach((m, i) => add(evaluatedOf(m, child(at, "allOf", i), ctx, seen)));
  for (const key of ["anyOf", "oneOf"]) {
    list(key).forEach((m, i) => {
      const where = child(at, key, i);
      branch({ kind: "valid", node: node(m, where) }, evaluatedOf(m, where, ctx, seen));
    });
  }
  if (schema["if"] !== undefined) {
    // valid against `if`: what `if` and `then` evaluate; else what `else` does
    const test = node(schema["if"], child(at, "if"));
    const ifThen = [evaluatedOf(schema["if"], child(at, "if"), ctx, seen)];
    ifThen.push(evaluatedOf(schema["then"], child(at, "then"), ctx, seen));
    branch(
      { kind: "valid", node: test },
      {
        keys: ifThen.flatMap((e) => e.keys),
        patterns: ifThen.flatMap((e) => e.patterns),
        all: ifThen.some((e) => e.all),
        branches: ifThen.flatMap((e) => e.branches),
      },
    );
    branch({ kind: "invalid", node: test }, evaluatedOf(schema["else"], child(at, "else"), ctx, seen));
  }
  const dependent = schema["dependentSchemas"];
  if (isSchemaObject(dependent)) {
    for (const [key, s] of Object.entries(dependent)) {
      branch({ kind: "present", key }, evaluatedOf(s, child(at, "dependentSchemas", key), ctx, seen));
    }
  }
  return { keys: [...new Set(keys)], patterns: [...new Set(patterns)], all, branches };
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, "u");
    return true;
  } catch {
    return false;
  }
}

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
    try {
      new RegExp(pattern, "u");
    } catch {
      const json = JSON.stringify(pattern);
      const message = `pattern ${json} is not a valid JavaScript regular expression; it is not checked`;
      report(ctx, "warning", "pattern-invalid", where, message);
      continue;
    }
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
