/**
 * Generated expressions as data, printed with JavaScript's precedence rules: a printer never re-reads generated
 * text to decide parentheses or narrowing. Build with the constructors below (`call(id("f"), [member(id("wire"),
 * "created_at")])`) and print with {@link print}.
 *
 * Parentheses: an operand gets them when its precedence is lower than its position needs; a cast (`x as T`) also
 * gets them as the operand of an operator, a conditional or a spread (`(x as unknown) === null`, `...(m as object)`),
 * where TypeScript would read it the same without, but a reader might not; `paren` adds them where the printer
 * would not (`return (a || b);`).
 */
import { assertNever } from "../ir/walk.js";
import { chain } from "./chain.js";
import { accessor, jsonLiteral, literalKey } from "./js.js";

export type BinaryOp = "===" | "!==" | "<" | "<=" | ">" | ">=" | "in";

export type Expr =
  | { readonly kind: "id"; readonly name: string }
  /** A JSON scalar (`"a"`, `1`, `true`, `null`) or `undefined`. */
  | { readonly kind: "lit"; readonly value: string | number | boolean | null | undefined }
  /** A JSON value built by a literal (`jsonLiteral`: `__proto__` keys computed). */
  | { readonly kind: "json"; readonly value: unknown }
  | { readonly kind: "member"; readonly object: Expr; readonly key: string }
  | { readonly kind: "index"; readonly object: Expr; readonly index: Expr }
  | { readonly kind: "call"; readonly callee: Expr; readonly args: readonly Expr[] }
  | { readonly kind: "not"; readonly operand: Expr }
  | { readonly kind: "typeof"; readonly operand: Expr }
  | { readonly kind: "binary"; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr }
  /** `a && b && c`: printed in groups when long (see `chain`). */
  | { readonly kind: "logical"; readonly op: "&&" | "||"; readonly terms: readonly Expr[] }
  | { readonly kind: "cond"; readonly test: Expr; readonly then: Expr; readonly else: Expr }
  | { readonly kind: "as"; readonly expr: Expr; readonly type: string }
  | { readonly kind: "paren"; readonly expr: Expr }
  /** `(v1) => body`, or `(v1: unknown): boolean => body` with types. */
  | {
      readonly kind: "arrow";
      readonly param: string;
      readonly body: Expr;
      readonly paramType?: string;
      readonly returns?: string;
    }
  | { readonly kind: "object"; readonly entries: readonly ObjectEntry[] }
  | { readonly kind: "array"; readonly items: readonly Expr[] }
  | { readonly kind: "spread"; readonly expr: Expr };

/** A property (`key: value`, the key spelled by `literalKey`) or a spread (`...value`). */
export type ObjectEntry = { readonly key: string; readonly value: Expr } | { readonly spread: Expr };

export const id = (name: string): Expr => ({ kind: "id", name });
export const lit = (value: string | number | boolean | null | undefined): Expr => ({ kind: "lit", value });
export const json = (value: unknown): Expr => ({ kind: "json", value });
export const member = (object: Expr, key: string): Expr => ({ kind: "member", object, key });
export const index = (object: Expr, i: Expr | number): Expr => ({
  kind: "index",
  object,
  index: typeof i === "number" ? lit(i) : i,
});
export const call = (callee: Expr | string, args: readonly Expr[]): Expr => ({
  kind: "call",
  callee: typeof callee === "string" ? id(callee) : callee,
  args,
});
/** `object.method(args)`. */
export const method = (object: Expr, name: string, args: readonly Expr[]): Expr => call(member(object, name), args);
export const not = (operand: Expr): Expr => ({ kind: "not", operand });
export const typeOf = (operand: Expr): Expr => ({ kind: "typeof", operand });
export const binary = (op: BinaryOp, left: Expr, right: Expr): Expr => ({ kind: "binary", op, left, right });
export const eq = (left: Expr, right: Expr): Expr => binary("===", left, right);
export const ne = (left: Expr, right: Expr): Expr => binary("!==", left, right);
export const cond = (test: Expr, then: Expr, otherwise: Expr): Expr => ({ kind: "cond", test, then, else: otherwise });
export const cast = (expr: Expr, type: string): Expr => ({ kind: "as", expr, type });
export const paren = (expr: Expr): Expr => ({ kind: "paren", expr });
export const arrow = (
  param: string,
  body: Expr,
  types: { readonly param?: string; readonly returns?: string } = {},
): Expr => ({
  kind: "arrow",
  param,
  body,
  ...(types.param === undefined ? {} : { paramType: types.param }),
  ...(types.returns === undefined ? {} : { returns: types.returns }),
});
export const object = (entries: readonly ObjectEntry[]): Expr => ({ kind: "object", entries });
export const array = (items: readonly Expr[]): Expr => ({ kind: "array", items });
export const spread = (expr: Expr): Expr => ({ kind: "spread", expr });
export const TRUE: Expr = lit(true);
export const FALSE: Expr = lit(false);

/** `a && b`; one term alone is itself, none is `true`. */
export function and(terms: readonly Expr[]): Expr {
  return terms.length === 0 ? TRUE : terms.length === 1 ? terms[0]! : { kind: "logical", op: "&&", terms };
}

/** `a || b`; one term alone is itself, none is `false`. */
export function or(terms: readonly Expr[]): Expr {
  return terms.length === 0 ? FALSE : terms.length === 1 ? terms[0]! : { kind: "logical", op: "||", terms };
}

export function isLit(e: Expr, value: boolean): boolean {
  return e.kind === "lit" && e.value === value;
}

/** A reference TypeScript can narrow (`value`, `value.key`, `value["a b"]`, `v1[0]`): checks may read it twice. */
export function isReference(e: Expr): boolean {
  switch (e.kind) {
    case "id":
      return true;
    case "member":
      return isReference(e.object);
    case "index":
      return e.index.kind === "lit" && typeof e.index.value === "number" && isReference(e.object);
    default:
      return false;
  }
}

/** True when `e` is `f(x)`: a call of the function named `f` with the one argument `x`, an identifier. */
/** `f` when `e` is `f(x)` with `f` a name (so `(x) => f(x)` can be passed as `f`), else undefined. */
export function calleeOf(e: Expr, x: string): string | undefined {
  return e.kind === "call" && e.callee.kind === "id" && isCallOf(e, e.callee.name, x) ? e.callee.name : undefined;
}

export function isCallOf(e: Expr, f: string, x: string): boolean {
  return (
    e.kind === "call" &&
    e.callee.kind === "id" &&
    e.callee.name === f &&
    e.args.length === 1 &&
    e.args[0]!.kind === "id" &&
    e.args[0].name === x
  );
}

// precedence levels (higher binds tighter); `as` parses at the relational level
const ASSIGN = 2;
const COND = 3;
const OR = 4;
const AND = 5;
const EQUALITY = 9;
const RELATIONAL = 10;
const UNARY = 15;
const POSTFIX = 17;
const PRIMARY = 20;

function precedence(e: Expr): number {
  switch (e.kind) {
    case "id":
    case "lit":
    case "json":
    case "paren":
    case "object":
    case "array":
      return PRIMARY;
    case "member":
    case "index":
    case "call":
      return POSTFIX;
    case "not":
    case "typeof":
      return UNARY;
    case "binary":
      return e.op === "===" || e.op === "!==" ? EQUALITY : RELATIONAL;
    case "logical":
      return e.op === "&&" ? AND : OR;
    case "cond":
      return COND;
    case "as":
      return RELATIONAL;
    case "arrow":
    case "spread":
      return ASSIGN;
    default:
      return assertNever(e);
  }
}

/** Where an operand stands: the least precedence it may have without parentheses, and whether casts get them. */
interface Position {
  readonly min: number;
  readonly castParens: boolean;
}

const ARGUMENT: Position = { min: ASSIGN, castParens: false };
const TOP: Position = { min: 0, castParens: false };

function operand(min: number): Position {
  return { min, castParens: true };
}

/** The expression as TypeScript text. */
export function print(e: Expr): string {
  return printAt(e, TOP);
}

/** The expression as an operand of `&&` (a conjunct) or `||`: for callers that lay out long chains themselves. */
export function printTerm(e: Expr, op: "&&" | "||"): string {
  return printAt(e, operand(op === "&&" ? AND : OR));
}

function printAt(e: Expr, at: Position): string {
  const text = render(e);
  const needs = precedence(e) < at.min || (at.castParens && e.kind === "as");
  return needs ? `(${text})` : text;
}

function render(e: Expr): string {
  switch (e.kind) {
    case "id":
      return e.name;
    case "lit":
      return e.value === undefined ? "undefined" : JSON.stringify(e.value);
    case "json":
      return jsonLiteral(e.value);
    case "member":
      return `${printAt(e.object, operand(POSTFIX))}${accessor(e.key)}`;
    case "index":
      return `${printAt(e.object, operand(POSTFIX))}[${printAt(e.index, TOP)}]`;
    case "call":
      return `${printAt(e.callee, operand(POSTFIX))}(${e.args.map((a) => printAt(a, ARGUMENT)).join(", ")})`;
    case "not":
      return `!${printAt(e.operand, operand(UNARY))}`;
    case "typeof":
      return `typeof ${printAt(e.operand, operand(UNARY))}`;
    case "binary": {
      const p = precedence(e);
      return `${printAt(e.left, operand(p))} ${e.op} ${printAt(e.right, operand(p + 1))}`;
    }
    case "logical": {
      const p = precedence(e);
      return chain(
        e.terms.map((t) => printAt(t, operand(p))),
        e.op,
      );
    }
    case "cond": {
      const [test, then, otherwise] = [
        printAt(e.test, operand(OR)),
        printAt(e.then, operand(ASSIGN)),
        printAt(e.else, operand(ASSIGN)),
      ];
      return `${test} ? ${then} : ${otherwise}`;
    }
    case "as":
      // `x as A as B` reads left to right: no parentheses for a cast in a cast
      return `${printAt(e.expr, { min: RELATIONAL, castParens: false })} as ${e.type}`;
    case "paren":
      return `(${printAt(e.expr, TOP)})`;
    case "arrow": {
      const param = e.paramType === undefined ? e.param : `${e.param}: ${e.paramType}`;
      const returns = e.returns === undefined ? "" : `: ${e.returns}`;
      const body = e.body.kind === "object" ? `(${render(e.body)})` : printAt(e.body, ARGUMENT);
      return `(${param})${returns} => ${body}`;
    }
    case "object": {
      const entry = (x: ObjectEntry): string =>
        "spread" in x
          ? `...${printAt(x.spread, operand(ASSIGN))}`
          : `${literalKey(x.key)}: ${printAt(x.value, ARGUMENT)}`;
      return e.entries.length === 0 ? "{}" : `{ ${e.entries.map(entry).join(", ")} }`;
    }
    case "array":
      return `[${e.items.map((i) => printAt(i, ARGUMENT)).join(", ")}]`;
    case "spread":
      return `...${printAt(e.expr, operand(ASSIGN))}`;
    default:
      return assertNever(e);
  }
}
