/**
 * `isXWire(value): value is XWire` and `isX(value): value is X` for every declaration: deep checks of exactly
 * what the type says, as one boolean expression per declaration; references call the other guard by name,
 * so recursive types work.
 *
 * - Required keys must be present and valid; optional keys absent or valid (a present key whose value is
 *   `undefined` is not valid: JSON has no `undefined` and `exactOptionalPropertyTypes` forbids it).
 * - Unknown keys are accepted (the mappers drop them), unless the object is closed (`additionalProperties:
 *   false`) or the policy is `reject`; values beside known keys of an object with `additionalProperties` are typed
 *   `unknown` and so not checked.
 * - A `oneOf` under the `strict` option: exactly one member's check passes.
 * - Constraints (minimum, pattern, ...) are not checked: they are not part of the type. `parseX` checks them.
 * - `integer` is `Number.isInteger`; `const` objects and arrays compare deeply (`jsonEquals`).
 * - Keys that name something on `Object.prototype` are read with an own-property check (`fieldOf`).
 */
import type { WriterFunction } from "ts-morph";
import { CHAIN } from "../code/chain.js";
import {
  and,
  array,
  arrow,
  binary,
  call,
  calleeOf,
  cast,
  cond,
  eq,
  FALSE,
  id,
  index,
  isLit,
  isReference,
  lit,
  member,
  method,
  ne,
  not,
  or,
  paren,
  print,
  printTerm,
  type Expr,
} from "../code/expr.js";
import { PROTOTYPE_KEYS } from "../code/js.js";
import { functionDecl } from "../code/print.js";
import type { Module, Uses } from "../code/runtime.js";
import type { Side } from "../code/type-expr.js";
import { mayBeUndefined } from "../ir/query.js";
import type { Decl, Ir, Node, ObjectNode } from "../ir/types.js";
import { assertNever } from "../ir/walk.js";
import type { Plan } from "../plan/index.js";
import { passes } from "../code/scalar.js";
import { sideKeys } from "../plan/object.js";

interface GuardContext {
  readonly plan: Plan;
  /** Runtime helpers the emitted code calls (filled while emitting). */
  readonly uses: Uses;
}

export function emitGuards(ir: Ir, plan: Plan): Module {
  const ctx: GuardContext = { plan, uses: new Set() };
  const statements = ir.decls.flatMap((decl) =>
    plan.directions.read(decl.id) ? [guard(decl, "wire", ctx), guard(decl, "model", ctx)] : [],
  );
  const keys =
    plan.unknownKeys === "reject"
      ? "Keys the spec does not declare are refused (unknownKeys: reject)."
      : "Keys the spec does not declare are allowed, except in closed objects (additionalProperties: false).";
  const about =
    "Type guards: `isXWire(value)` for JSON as received, `isX(value)` for a model. They check the type deeply " +
    "(required keys present, optional ones absent or valid), not the schema's constraints: `parseX` checks " +
    `those. ${keys}`;
  return { statements, imports: ctx.uses, about };
}

function guard(decl: Decl, side: Side, ctx: GuardContext): WriterFunction {
  const n = ctx.plan.names.decl(decl.id);
  const type = side === "wire" ? n.wire : n.model;
  const closed = decl.node.kind === "object" && decl.node.closed === true;
  // one line, what the signature does not say (the module comment says the rest)
  const refused = closed && ctx.plan.unknownKeys !== "reject" ? " Undeclared keys are refused." : "";
  const doc =
    side === "wire"
      ? `Checks the type only: \`${n.parse}\` also checks the constraints.${refused}`
      : refused === ""
        ? undefined
        : refused.trim();
  let statements: string[];
  if (side === "wire" && !ctx.plan.analysis.differs(decl.id)) statements = [`return ${n.isModel}(value);`];
  else statements = returnLines(guardExpr(decl.node, id("value"), side, ctx, 1));
  return functionDecl({
    ...(doc === undefined ? {} : { doc }),
    exported: true,
    name: side === "wire" ? n.isWire : n.isModel,
    parameters: "value: unknown",
    returns: `value is ${type}`,
    body: statements,
  });
}

/** `return a && b && c;`, one conjunct a line when there are several, in groups when there are many (see `chain`). */
function returnLines(conjuncts: Conjunction): string[] {
  if (conjuncts.length <= 1) return [`return ${print(conjuncts[0] ?? lit(true))};`];
  const grouped = conjuncts.length > CHAIN;
  return conjuncts.map((e, i) => {
    const open = grouped && i % CHAIN === 0 ? "(" : "";
    const close = grouped && (i % CHAIN === CHAIN - 1 || i === conjuncts.length - 1) ? ")" : "";
    const end = i === conjuncts.length - 1 ? ";" : "";
    return `${i === 0 ? "return " : "  && "}${open}${printTerm(e, "&&")}${close}${end}`;
  });
}

/** Conjuncts: the value passes when all do (an empty list passes everything). */
type Conjunction = Expr[];

/** The conjunction as one expression, parenthesised when it has several terms. */
function join(parts: Conjunction): Expr {
  return parts.length <= 1 ? and(parts) : paren(and(parts));
}

/** The check for `node` on `input`, as conjuncts. */
function guardExpr(node: Node, input: Expr, side: Side, ctx: GuardContext, depth: number): Conjunction {
  const composite = node.kind === "object" || node.kind === "array" || node.kind === "tuple" || node.kind === "record";
  if (composite && !isReference(input)) {
    // a value read through a call (`fieldOf`) cannot be narrowed: check it as a parameter
    const v = `v${depth}`;
    const check = arrow(v, join(guardExpr(node, id(v), side, ctx, depth + 1)), {
      param: "unknown",
      returns: "boolean",
    });
    return [call(paren(check), [input])];
  }
  switch (node.kind) {
    case "primitive":
    case "literal":
    case "enum":
      // the plan's type test, as parse reports it (guards check types, not constraints)
      return [passes(ctx.plan.scalar(node), input, ctx.uses)];
    case "date":
      // the wire value's type (a string, a number); a valid `Date` in the model
      if (side === "wire") return guardExpr(node.wire, input, side, ctx, depth);
      ctx.uses.add("isValidDate");
      return [call("isValidDate", [input])];
    case "array": {
      const isArray = call(member(id("Array"), "isArray"), [input]);
      const item = itemTest(node.items, side, ctx, depth);
      return item === undefined ? [isArray] : [isArray, method(input, "every", [item])];
    }
    case "tuple": {
      // at least the required items, at most the prefix without a rest; each prefix item checked when present
      const n = node.items.length;
      const length = member(input, "length");
      const checks = node.items.map((item, i) => guardExpr(item, index(input, i), side, ctx, depth + 1));
      // an optional item that accepts nothing ends the array before it: no item after it is checked
      const stop = checks.findIndex((c, i) => i >= node.required && c.some((p) => isLit(p, false)));
      const reach = stop === -1 ? n : stop;
      const parts = [call(member(id("Array"), "isArray"), [input])];
      const closed = node.rest === undefined || reach < n;
      if (closed && node.required === reach) parts.push(eq(length, lit(reach)));
      else {
        if (node.required > 0) parts.push(binary(">=", length, lit(node.required)));
        if (closed) parts.push(binary("<=", length, lit(reach)));
      }
      checks.slice(0, reach).forEach((c, i) => {
        if (i < node.required || c.length === 0) parts.push(...c);
        else parts.push(or([binary("<=", length, lit(i)), join(c)]));
      });
      if (node.rest !== undefined && reach === n) {
        const rest = itemTest(node.rest, side, ctx, depth);
        if (rest !== undefined) parts.push(method(method(input, "slice", [lit(n)]), "every", [rest]));
      }
      return impossible(parts);
    }
    case "record": {
      ctx.uses.add("isPlainObject");
      const value = itemTest(node.values, side, ctx, depth);
      if (value === undefined) return [call("isPlainObject", [input])];
      ctx.uses.add("everyValue");
      return [call("isPlainObject", [input]), call("everyValue", [input, value])];
    }
    case "object":
      return impossible(objectChecks(node, input, side, ctx, depth));
    case "union": {
      // in spec order; a member that accepts no value is left out (the union of none is `false`)
      const up = ctx.plan.union(node);
      const members = up.accepted.map((m) => guardExpr(m, input, side, ctx, depth + 1));
      if (members.length === 0) return [FALSE];
      if (up.exclusive) {
        // a `oneOf` under `strict`: exactly one member
        ctx.uses.add("exactlyOne");
        return [call("exactlyOne", [array(members.map(join))])];
      }
      if (members.some((m) => m.length === 0)) return [];
      // the same check twice (two members of one type) is written once
      const unique = new Map(members.map((m) => join(m)).map((e) => [print(e), e]));
      return [paren(or([...unique.values()]))];
    }
    case "intersection": {
      // a member after the first tests the input as `unknown`: the earlier ones narrowed it, and comparing the
      // narrowed value with a literal they exclude is an error in TypeScript (TS2367: `isStatus(v) && v === "x"`
      // where Status is "a" | "b", an allOf no value satisfies: MotaWord's 202 response); an object member reads
      // properties through the narrowing, and a call takes `unknown` anyway: those keep the input as it is
      const widened = cast(input, "unknown");
      const scalar = (m: Node): boolean => m.kind === "literal" || m.kind === "enum" || m.kind === "primitive";
      return impossible(
        node.members.flatMap((m, i) => guardExpr(m, i > 0 && scalar(m) ? widened : input, side, ctx, depth + 1)),
      );
    }
    case "ref": {
      const n = ctx.plan.names.decl(node.target);
      return [call(side === "wire" ? n.isWire : n.isModel, [input])];
    }
    case "unknown":
      return [];
    case "never":
      return [FALSE];
    default:
      return assertNever(node);
  }
}

/**
 * A conjunction with a `false` conjunct (a required key, tuple item or allOf member whose schema is `false`)
 * is `false` alone: TypeScript narrows `value` to `never` after `&& false`, so the conjuncts after it would not
 * compile (`'value' is of type 'unknown'`).
 */
function impossible(parts: Conjunction): Conjunction {
  return parts.some((p) => isLit(p, false)) ? [FALSE] : parts;
}

/** The function an array item or record value is tested with (`isFooWire` or an arrow), or undefined for anything. */
function itemTest(node: Node, side: Side, ctx: GuardContext, depth: number): Expr | undefined {
  if (node.kind === "ref") {
    const n = ctx.plan.names.decl(node.target);
    return id(side === "wire" ? n.isWire : n.isModel);
  }
  const v = `v${depth}`;
  const parts = guardExpr(node, id(v), side, ctx, depth + 1);
  if (parts.length === 0) return undefined;
  // a `Date` is tested by passing `isValidDate` itself
  const f = node.kind === "date" && parts.length === 1 ? calleeOf(parts[0]!, v) : undefined;
  return f !== undefined ? id(f) : arrow(v, and(parts), { param: "unknown" });
}

function objectChecks(node: ObjectNode, input: Expr, side: Side, ctx: GuardContext, depth: number): Conjunction {
  ctx.uses.add("isPlainObject");
  const plan = ctx.plan.object(node);
  const keys = sideKeys(plan, side);
  const parts = [call("isPlainObject", [input])];
  node.properties.forEach((p, i) => {
    const key = keys[i]!;
    const own = PROTOTYPE_KEYS.has(key);
    if (own) ctx.uses.add("fieldOf");
    const access = own ? call("fieldOf", [input, lit(key)]) : member(input, key);
    const hasOwn = call(member(id("Object"), "hasOwn"), [input, lit(key)]);
    const absent = own ? not(hasOwn) : not(binary("in", lit(key), input));
    const check = guardExpr(p.node, access, side, ctx, depth + 1);
    if (p.required) {
      if (mayBeUndefined(p.node, ctx.plan.decls)) parts.push(hasOwn);
      if (check.length > 0) parts.push(join(check));
    } else {
      const undef = lit(undefined);
      parts.push(
        check.length === 0 ? or([ne(access, undef), absent]) : paren(cond(eq(access, undef), absent, join(check))),
      );
    }
  });
  if (plan.rejectUnknown) {
    ctx.uses.add("hasOnlyKeys");
    parts.push(call("hasOnlyKeys", [input, { kind: "array", items: keys.map((k) => lit(k)) }]));
  }
  return parts;
}
