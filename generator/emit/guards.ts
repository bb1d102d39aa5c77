/**
 * `isXWire(value): value is XWire` and `isX(value): value is X` for every declaration: deep checks of exactly
 * what the type says, as one boolean expression per declaration; references call the other guard by name,
 * so recursive types work.
 *
 * - Required keys must be present and valid; optional keys absent or valid (a present key whose value is
 *   `undefined` is not valid: JSON has no `undefined` and `exactOptionalPropertyTypes` forbids it).
 * - Unknown keys are accepted (the mappers drop them); values beside known keys of an object with
 *   `additionalProperties` are typed `unknown` and so not checked.
 * - Constraints (minimum, pattern, ...) are not checked: they are not part of the type. `parseX` checks them.
 * - `integer` is `Number.isInteger`; `const` objects and arrays compare deeply (`jsonEquals`).
 * - Keys that name something on `Object.prototype` are read with an own-property check (`fieldOf`).
 */
import type { WriterFunction } from "ts-morph";
import { CHAIN, chain } from "../code/chain.js";
import { accessor, jsonLiteral, PROTOTYPE_KEYS } from "../code/js.js";
import { functionDecl } from "../code/print.js";
import type { Uses } from "../code/runtime.js";
import type { Side } from "../code/type-expr.js";
import { mayBeUndefined } from "../ir/query.js";
import type { Decl, Ir, Node, ObjectNode } from "../ir/types.js";
import { assertNever } from "../ir/walk.js";
import type { Plan } from "../plan/index.js";
import { sideKeys } from "../plan/object.js";

interface GuardContext {
  readonly plan: Plan;
  /** Runtime helpers the emitted code calls (filled while emitting). */
  readonly uses: Uses;
}

export function emitGuards(ir: Ir, plan: Plan, uses: Uses): WriterFunction[] {
  const ctx: GuardContext = { plan, uses };
  return ir.decls.flatMap((decl) => [guard(decl, "wire", ctx), guard(decl, "model", ctx)]);
}

function guard(decl: Decl, side: Side, ctx: GuardContext): WriterFunction {
  const n = ctx.plan.names.decl(decl.id);
  const type = side === "wire" ? n.wire : n.model;
  const doc =
    side === "wire"
      ? `True when \`value\` is a {@link ${n.wire}} (JSON as received): checks the type deeply, not the schema's constraints (see \`${n.parse}\`). ${ctx.plan.unknownKeys === "reject" ? "Keys the spec does not declare are refused." : "Unknown keys are allowed."}`
      : `True when \`value\` is a {@link ${n.model}}: checks the type deeply, not the schema's constraints. ${ctx.plan.unknownKeys === "reject" ? "Keys the spec does not declare are refused." : "Unknown keys are allowed."}`;
  let statements: string[];
  if (side === "wire" && !ctx.plan.analysis.differs(decl.id)) statements = [`return ${n.isModel}(value);`];
  else statements = returnLines(guardExpr(decl.node, "value", side, ctx, 1));
  return functionDecl({ doc, exported: true, name: side === "wire" ? n.isWire : n.isModel, parameters: "value: unknown", returns: `value is ${type}`, body: statements });
}

/** `return a && b && c;`, one conjunct a line when there are several, in groups when there are many (see `chain`). */
function returnLines(expr: Conjunction): string[] {
  if (expr.length <= 1) return [`return ${expr[0] ?? "true"};`];
  const grouped = expr.length > CHAIN;
  return expr.map((e, i) => {
    const open = grouped && i % CHAIN === 0 ? "(" : "";
    const close = grouped && (i % CHAIN === CHAIN - 1 || i === expr.length - 1) ? ")" : "";
    return `${i === 0 ? "return " : "  && "}${open}${e}${close}${i === expr.length - 1 ? ";" : ""}`;
  });
}

/** Conjuncts: the value passes when all do (an empty list passes everything). */
type Conjunction = string[];

function join(parts: Conjunction): string {
  if (parts.length === 0) return "true";
  return parts.length === 1 ? parts[0]! : `(${chain(parts, "&&")})`;
}

/** A reference TypeScript can narrow (`value`, `value.key`, `value["a b"]`, `v1`): checks may read it twice. */
function isReference(input: string): boolean {
  return /^[\p{L}\p{N}_$]+(?:\.[\p{L}\p{N}_$]+|\["(?:[^"\\]|\\.)*"\]|\[\d+\])*$/u.test(input);
}

/** The check for `node` on `input`, as conjuncts. */
export function guardExpr(node: Node, input: string, side: Side, ctx: GuardContext, depth: number): Conjunction {
  const composite = node.kind === "object" || node.kind === "array" || node.kind === "tuple" || node.kind === "record";
  if (composite && !isReference(input)) {
    // a value read through a call (`fieldOf`) cannot be narrowed: check it as a parameter
    const v = `v${depth}`;
    return [`((${v}: unknown): boolean => ${join(guardExpr(node, v, side, ctx, depth + 1))})(${input})`];
  }
  switch (node.kind) {
    case "primitive":
      switch (node.type) {
        case "null":
          return [`${input} === null`];
        case "integer":
          return [`Number.isInteger(${input})`];
        default:
          return [`typeof ${input} === "${node.type}"`];
      }
    case "literal":
      if (typeof node.value === "object") {
        ctx.uses.add("jsonEquals");
        return [`jsonEquals(${input}, ${jsonLiteral(node.value)})`];
      }
      return [`${input} === ${JSON.stringify(node.value)}`];
    case "enum":
      if (node.open === true) return [`typeof ${input} === "string"`];
      return [`(${chain(node.values.map((v) => `${input} === ${JSON.stringify(v)}`), "||")})`];
    case "array": {
      const item = itemTest(node.items, side, ctx, depth);
      return item === undefined ? [`Array.isArray(${input})`] : [`Array.isArray(${input})`, `${input}.every(${item})`];
    }
    case "tuple": {
      const n = node.items.length;
      const parts = [`Array.isArray(${input})`, node.rest === undefined ? `${input}.length === ${n}` : `${input}.length >= ${n}`];
      node.items.forEach((item, i) => parts.push(...guardExpr(item, `${input}[${i}]`, side, ctx, depth + 1)));
      if (node.rest !== undefined) {
        const rest = itemTest(node.rest, side, ctx, depth);
        if (rest !== undefined) parts.push(`${input}.slice(${n}).every(${rest})`);
      }
      return impossible(parts);
    }
    case "record": {
      ctx.uses.add("isPlainObject");
      const value = itemTest(node.values, side, ctx, depth);
      if (value === undefined) return [`isPlainObject(${input})`];
      ctx.uses.add("everyValue");
      return [`isPlainObject(${input})`, `everyValue(${input}, ${value})`];
    }
    case "object":
      return impossible(objectChecks(node, input, side, ctx, depth));
    case "union": {
      // in spec order; a member that accepts no value is left out (the union of none is `false`)
      const members = ctx.plan.union(node).accepted.map((m) => join(guardExpr(m, input, side, ctx, depth + 1)));
      if (members.length === 0) return ["false"];
      return members.includes("true") ? [] : [`(${chain([...new Set(members)], "||")})`];
    }
    case "intersection":
      return impossible(node.members.flatMap((m) => guardExpr(m, input, side, ctx, depth + 1)));
    case "ref": {
      const n = ctx.plan.names.decl(node.target);
      return [`${side === "wire" ? n.isWire : n.isModel}(${input})`];
    }
    case "unknown":
      return [];
    case "never":
      return ["false"];
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
  return parts.includes("false") ? ["false"] : parts;
}

/** The function an array item or record value is tested with (`isFooWire` or an arrow), or undefined for anything. */
function itemTest(node: Node, side: Side, ctx: GuardContext, depth: number): string | undefined {
  if (node.kind === "ref") {
    const n = ctx.plan.names.decl(node.target);
    return side === "wire" ? n.isWire : n.isModel;
  }
  const v = `v${depth}`;
  const parts = guardExpr(node, v, side, ctx, depth + 1);
  if (parts.length === 0) return undefined;
  return `(${v}: unknown) => ${parts.length === 1 ? parts[0] : chain(parts, "&&")}`;
}

function objectChecks(node: ObjectNode, input: string, side: Side, ctx: GuardContext, depth: number): Conjunction {
  ctx.uses.add("isPlainObject");
  const plan = ctx.plan.object(node);
  const keys = sideKeys(plan, side);
  const parts = [`isPlainObject(${input})`];
  node.properties.forEach((p, i) => {
    const key = keys[i]!;
    const quoted = JSON.stringify(key);
    const own = PROTOTYPE_KEYS.has(key);
    if (own) ctx.uses.add("fieldOf");
    const access = own ? `fieldOf(${input}, ${quoted})` : `${input}${accessor(key)}`;
    const absent = own ? `!Object.hasOwn(${input}, ${quoted})` : `!(${quoted} in ${input})`;
    const check = join(guardExpr(p.node, access, side, ctx, depth + 1));
    if (p.required) {
      if (mayBeUndefined(p.node, ctx.plan.decls)) parts.push(`Object.hasOwn(${input}, ${quoted})`);
      if (check !== "true") parts.push(check);
    } else {
      parts.push(check === "true" ? `${access} !== undefined || ${absent}` : `(${access} === undefined ? ${absent} : ${check})`);
    }
  });
  if (plan.rejectUnknown) {
    ctx.uses.add("hasOnlyKeys");
    parts.push(`hasOnlyKeys(${input}, [${keys.map((k) => JSON.stringify(k)).join(", ")}])`);
  }
  // wrap the optional-key conditionals that use `||` so the conjunction stays one
  return parts.map((p) => (p.includes(" || ") && !p.startsWith("(") ? `(${p})` : p));
}
