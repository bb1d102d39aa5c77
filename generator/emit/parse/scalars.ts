/** Primitives (the plan's type test, then its constraint checks), literals and enums. */
import { id, lit, ne, or, print, typeOf, type Expr } from "../../code/expr.js";
import { numberLiteral } from "../../code/js.js";
import { fails } from "../../code/scalar.js";
import type { Constraints, DateNode, EnumNode, LiteralNode, Node, PrimitiveNode } from "../../ir/types.js";
import { assertNever } from "../../ir/walk.js";
import { patternConstName } from "../../naming/assign-names.js";
import { constraintChecks as planChecks } from "../../plan/validate.js";
import { describe, type Gen, type ParseContext, type Path } from "./context.js";

/** A primitive: the plan's type test, then (in an `else`) its constraint checks. */
export function primitive(w: Gen, node: PrimitiveNode, input: string, path: Path, nullText: string): void {
  const c = node.constraints;
  const checks = c === undefined ? [] : constraintChecks(node, c, input, w.ctx);
  // the plan's type test; an integer with constraints is first a number (the comparisons need one)
  const fail = fails(w.ctx.plan.scalar(node), id(input), w.ctx.uses);
  const number = node.type === "integer" && checks.length > 0 ? [ne(typeOf(id(input)), lit("number"))] : [];
  const bad = print(or([...number, fail]));
  const typeIssue = w.issue(node.type + nullText, input, path);
  if (checks.length === 0) {
    w.line(`if (${bad}) ${typeIssue}`);
    return;
  }
  w.line(`if (${bad}) ${typeIssue}`);
  w.block("else {", () => {
    for (const [test, expected] of checks) w.line(`if (${test}) ${w.issue(expected, input, path)}`);
  });
}

/**
 * An instant (`dates: "Date"`): the wire value checked, then the `Date` built. An RFC 3339 date-time is read
 * field by field (`readDateTime`: undefined for anything else); Unix seconds are the wire number's own checks, then
 * the range a `Date` holds.
 */
export function date(w: Gen, node: DateNode, input: string, path: Path, nullText: string): string {
  const d = w.fresh("d");
  if (node.encoding === "unixSeconds") {
    primitive(w, node.wire, input, path, nullText);
    w.ctx.uses.add("MAX_UNIX_SECONDS");
    w.ctx.uses.add("dateFromUnix");
    const range = `Unix time within ±${MAX_SECONDS} seconds (what a Date holds)`;
    w.line(`if (typeof ${input} === "number" && Math.abs(${input}) > MAX_UNIX_SECONDS) ${w.issue(range, input, path)}`);
    w.line(`const ${d} = typeof ${input} === "number" ? dateFromUnix(${input}) : undefined;`);
    return d;
  }
  w.ctx.uses.add("readDateTime");
  w.line(`const ${d} = typeof ${input} === "string" ? readDateTime(${input}) : undefined;`);
  const issue = w.issue(`RFC 3339 date-time${nullText}`, input, path);
  const c = node.wire.constraints;
  const checks = c === undefined ? [] : constraintChecks(node.wire, c, input, w.ctx);
  if (checks.length === 0) {
    w.line(`if (${d} === undefined) ${issue}`);
    return d;
  }
  w.line(`if (typeof ${input} !== "string" || ${d} === undefined) ${issue}`);
  w.block("else {", () => {
    for (const [test, expected] of checks) w.line(`if (${test}) ${w.issue(expected, input, path)}`);
  });
  return d;
}

/** `8.64e12`: the largest Unix time in seconds a `Date` holds, as an issue states it. */
const MAX_SECONDS = "8.64e12";

/** A literal or an enum: one test. */
export function constant(w: Gen, node: LiteralNode | EnumNode, input: string, path: Path, nullText: string): void {
  const bad = print(fails(w.ctx.plan.scalar(node), id(input), w.ctx.uses));
  w.line(`if (${bad}) ${w.issue(describe(node, w.ctx) + nullText, input, path)}`);
}

/** The test that `input` is not a `node`, for nodes checked by one test (no constraints, no children). */
export function simpleFailure(node: Node, input: string, ctx: ParseContext): Expr | undefined {
  const uses = ctx.uses;
  switch (node.kind) {
    case "primitive":
      return node.constraints === undefined ? fails(ctx.plan.scalar(node), id(input), uses) : undefined;
    case "literal":
      return typeof node.value === "object" ? undefined : fails(ctx.plan.scalar(node), id(input), uses);
    case "enum":
      return fails(ctx.plan.scalar(node), id(input), uses);
    case "date":
    case "array":
    case "tuple":
    case "object":
    case "record":
    case "union":
    case "intersection":
    case "ref":
    case "unknown":
    case "never":
      return undefined;
    default:
      return assertNever(node);
  }
}

/** `[test that fails, expected]` for each check of the plan's constraints on a number or string. */
export function constraintChecks(
  node: PrimitiveNode,
  c: Constraints,
  input: string,
  ctx: ParseContext,
): [string, string][] {
  return planChecks(node, c).map((check): [string, string] => {
    switch (check.kind) {
      case "minimum":
        return [`${input} < ${numberLiteral(check.limit)}`, check.expected];
      case "exclusiveMinimum":
        return [`${input} <= ${numberLiteral(check.limit)}`, check.expected];
      case "maximum":
        return [`${input} > ${numberLiteral(check.limit)}`, check.expected];
      case "exclusiveMaximum":
        return [`${input} >= ${numberLiteral(check.limit)}`, check.expected];
      case "multipleOf":
        ctx.uses.add("isMultipleOf");
        return [`!isMultipleOf(${input}, ${numberLiteral(check.divisor)})`, check.expected];
      case "minLength": {
        // UTF-16 length bounds the code point count (n units hold n/2..n code points): count only when it decides
        ctx.uses.add("codePointLength");
        const min = check.limit;
        const test =
          min === 1
            ? `${input}.length === 0`
            : `${input}.length < ${min} || (${input}.length < ${2 * min} && codePointLength(${input}) < ${min})`;
        return [test, check.expected];
      }
      case "maxLength":
        ctx.uses.add("codePointLength");
        return [`${input}.length > ${check.limit} && codePointLength(${input}) > ${check.limit}`, check.expected];
      case "pattern":
        return [`!${patternConst(check.pattern, ctx)}.test(${input})`, check.expected];
      default:
        return assertNever(check);
    }
  });
}

/** The name of the module-level `RegExp` const of a pattern (declared on first use). */
export function patternConst(pattern: string, ctx: ParseContext): string {
  let name = ctx.patterns.get(pattern);
  if (name === undefined) {
    name = patternConstName(ctx.patterns.size + 1);
    ctx.patterns.set(pattern, name);
  }
  return name;
}
