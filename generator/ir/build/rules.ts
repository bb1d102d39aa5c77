/**
 * The rule table: how one schema becomes one IR node. OpenAPI 3.0 (`nullable`, boolean `exclusiveMinimum`) and
 * 3.1 (`type` lists, `anyOf` with null, `const`) are normalised here, so no later stage knows which version it
 * read.
 *
 * Before the table: `true` (and `{}`, through the table) is unknown, `false` is never, and anything but a
 * mapping is an error. Then the first rule whose `match` holds builds the node; precedence, once:
 *
 *   ref ($ref, $recursiveRef) → allOf → union (oneOf/anyOf) → const → enum → typed (explicit `type`, or inferred
 *   from keywords)
 *
 * The last rule matches every schema. Every rule is wrapped in `nullable`, the 3.0 step: `nullable: true` adds
 * null to what the rule built (a warning in a 3.1 document; beside a `$ref`, silently).
 */
import type { Location } from "../../load/resolve-ref.js";
import type { Node } from "../types.js";
import { child, report, type BuildContext } from "./context.js";
import { assertionsOf } from "./assertions.js";
import { buildAllOf, buildRef, buildUnion } from "./composition.js";
import { buildConst, buildEnum } from "./scalar.js";
import { describe, isSchemaObject, UNKNOWN, withNull, type Schema } from "./schema.js";
import { buildTyped } from "./typed.js";

/** Builds a schema that matched a rule; nested schemas go through `ctx.build`. */
export type RuleBuild = (schema: Schema, at: Location, ctx: BuildContext) => Node;

export interface Rule {
  readonly name: string;
  readonly match: (schema: Schema) => boolean;
  readonly build: RuleBuild;
}

/**
 * The 3.0 step around a rule: with `nullable: true`, the rule's node or null (`withNull`), after the rule has
 * built it (so its diagnostics come first). `warn`: in a 3.1 document, say that `nullable` is a 3.0 keyword.
 */
export function nullable(build: RuleBuild, warn = true): RuleBuild {
  return (schema, at, ctx) => {
    const node = build(schema, at, ctx);
    if (schema["nullable"] !== true) return node;
    if (warn && ctx.version === "3.1") {
      const message = '`nullable: true` is an OpenAPI 3.0 keyword; read as `type: [..., "null"]`';
      report(ctx, "warning", "nullable-in-3.1", child(at, "nullable"), message);
    }
    return withNull(node);
  };
}

/**
 * The validation step around a rule: the assertions the schema makes (`not`, `uniqueItems`, ...; assertions.ts),
 * added to the node the rule built. The `$ref` and union rules build the keywords beside them as a schema of their
 * own (which takes this step), so they do not take it.
 */
export function asserted(build: RuleBuild): RuleBuild {
  return (schema, at, ctx) => {
    const node = build(schema, at, ctx);
    const own = node.checks ?? [];
    // a rule that rebuilt the schema (allOf fragments) may have made one already
    const seen = new Set(own.map((c) => JSON.stringify(c)));
    const checks = assertionsOf(schema, at, ctx).filter((c) => !seen.has(JSON.stringify(c)));
    return checks.length === 0 ? node : { ...node, checks: [...own, ...checks] };
  };
}

export const RULES: readonly Rule[] = [
  {
    name: "ref",
    match: (s) => s["$ref"] !== undefined || s["$recursiveRef"] !== undefined,
    build: nullable(buildRef, false),
  },
  { name: "allOf", match: (s) => Array.isArray(s["allOf"]), build: nullable(asserted(buildAllOf)) },
  { name: "union", match: (s) => s["oneOf"] !== undefined || s["anyOf"] !== undefined, build: nullable(buildUnion) },
  { name: "const", match: (s) => "const" in s, build: nullable(asserted(buildConst)) },
  { name: "enum", match: (s) => s["enum"] !== undefined, build: nullable(asserted(buildEnum)) },
  { name: "typed", match: () => true, build: nullable(asserted(buildTyped)) },
];

/** The rule that builds a schema object: the first that matches (the last matches everything). */
export function ruleFor(schema: Schema): Rule {
  return RULES.find((r) => r.match(schema))!;
}

/** Any schema (boolean, mapping, or something invalid) found at `at` → its node. */
export function buildSchema(schema: unknown, at: Location, ctx: BuildContext): Node {
  if (schema === true) return UNKNOWN;
  if (schema === false) return { kind: "never" };
  if (!isSchemaObject(schema)) {
    report(ctx, "error", "schema-invalid", at, `a schema must be a mapping or a boolean, got ${describe(schema)}`);
    return UNKNOWN;
  }
  return ruleFor(schema).build(schema, at, ctx);
}
