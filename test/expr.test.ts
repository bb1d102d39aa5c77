/** The expression printer: precedence decides parentheses, casts are parenthesised as operands, `paren` forces them. */
import { describe, expect, it } from "vitest";
import {
  and,
  array,
  arrow,
  binary,
  call,
  cast,
  cond,
  eq,
  id,
  index,
  isCallOf,
  isReference,
  json,
  lit,
  member,
  method,
  ne,
  not,
  object,
  or,
  paren,
  print,
  printTerm,
  spread,
  typeOf,
  type Expr,
} from "../generator/code/expr.js";

const x = id("x");
const y = id("y");
const z = id("z");

const cases: [string, { given: Expr; want: string }][] = [
  ["member with an identifier key", { given: member(x, "created_at"), want: "x.created_at" }],
  ["member with a key that is no identifier", { given: member(x, "a-b"), want: 'x["a-b"]' }],
  ["index", { given: index(member(x, "a"), 0), want: "x.a[0]" }],
  ["call with arguments", { given: call("f", [x, lit("k")]), want: 'f(x, "k")' }],
  ["method call", { given: method(x, "map", [id("f")]), want: "x.map(f)" }],
  ["&& binds tighter than ||: no parentheses", { given: or([and([x, y]), z]), want: "x && y || z" }],
  ["|| inside && is parenthesised", { given: and([x, or([y, z])]), want: "x && (y || z)" }],
  ["nested && is flat", { given: and([x, and([y, z])]), want: "x && y && z" }],
  ["one term alone is itself", { given: and([x]), want: "x" }],
  ["no term: true and false", { given: array([and([]), or([])]), want: "[true, false]" }],
  ["equality of a typeof", { given: eq(typeOf(x), lit("string")), want: 'typeof x === "string"' }],
  ["typeof of a cast needs parentheses", { given: typeOf(cast(x, "unknown")), want: "typeof (x as unknown)" }],
  [
    "a cast as an operand of === is parenthesised",
    { given: eq(cast(x, "unknown"), lit(null)), want: "(x as unknown) === null" },
  ],
  ["a cast as a call argument is not", { given: call("f", [cast(x, "T")]), want: "f(x as T)" }],
  ["a cast of a cast reads left to right", { given: cast(cast(x, "unknown"), "T[]"), want: "x as unknown as T[]" }],
  ["a member of a cast needs parentheses", { given: member(cast(x, "T[]"), "length"), want: "(x as T[]).length" }],
  [
    "a cast in a conditional branch is parenthesised",
    { given: cond(x, cast(y, "T"), cast(z, "never")), want: "x ? (y as T) : (z as never)" },
  ],
  [
    "conditionals nest to the right without parentheses",
    { given: cond(x, y, cond(z, x, y)), want: "x ? y : z ? x : y" },
  ],
  ["a conditional inside && is parenthesised", { given: and([x, cond(y, z, x)]), want: "x && (y ? z : x)" }],
  ["a conditional as a test is parenthesised", { given: cond(cond(x, y, z), x, y), want: "(x ? y : z) ? x : y" }],
  ["! of a binary needs parentheses", { given: not(binary("in", lit("k"), x)), want: '!("k" in x)' }],
  ["! of a call does not", { given: not(call("f", [x])), want: "!f(x)" }],
  ["=== is left-associative", { given: eq(eq(x, y), z), want: "x === y === z" }],
  ["=== on the right is parenthesised", { given: eq(x, ne(y, z)), want: "x === (y !== z)" }],
  ["paren forces parentheses", { given: paren(or([x, y])), want: "(x || y)" }],
  [
    "a call of an arrow parenthesises the arrow",
    {
      given: call(paren(arrow("v", x, { param: "unknown", returns: "boolean" })), [y]),
      want: "((v: unknown): boolean => x)(y)",
    },
  ],
  [
    "an arrow as an argument",
    {
      given: method(x, "every", [arrow("v", eq(id("v"), lit(1)), { param: "unknown" })]),
      want: "x.every((v: unknown) => v === 1)",
    },
  ],
  [
    "an arrow returning an object literal wraps it",
    { given: arrow("v", object([{ key: "a", value: id("v") }])), want: "(v) => ({ a: v })" },
  ],
  [
    "object spread of a cast is parenthesised",
    { given: object([{ spread: cast(x, "object") }, { spread: y }]), want: "{ ...(x as object), ...y }" },
  ],
  ["a __proto__ key is computed", { given: object([{ key: "__proto__", value: x }]), want: '{ ["__proto__"]: x }' }],
  [
    "an array spread of a method of a cast",
    { given: array([x, spread(method(cast(y, "T[]"), "map", [z]))]), want: "[x, ...(y as T[]).map(z)]" },
  ],
  ["a JSON literal computes __proto__", { given: json({ __proto__: null, a: [1] } as unknown), want: '{"a":[1]}' }],
  ["undefined", { given: ne(x, lit(undefined)), want: "x !== undefined" }],
];

describe("print", () => {
  it.each(cases)("%s", (_, { given, want }) => {
    expect(print(given)).toBe(want);
  });

  it("groups chains of more than 32 terms (TypeScript's binder overflows on flat chains of about a thousand)", () => {
    const terms = Array.from({ length: 40 }, (_, i) => eq(x, lit(i)));
    const text = print(or(terms));
    expect(text.startsWith("(x === 0 || ")).toBe(true);
    expect(text).toContain("x === 31) || (x === 32");
    expect(text.endsWith("x === 39)")).toBe(true);
  });

  it("prints a conjunct for a caller that lays out the chain", () => {
    expect(printTerm(or([x, y]), "&&")).toBe("(x || y)");
    expect(printTerm(and([x, y]), "||")).toBe("x && y");
    expect(printTerm(cast(x, "T"), "&&")).toBe("(x as T)");
  });
});

describe("structural questions", () => {
  it("isReference: what TypeScript can narrow", () => {
    expect(isReference(x)).toBe(true);
    expect(isReference(member(index(member(x, "a b"), 0), "c"))).toBe(true);
    expect(isReference(call("fieldOf", [x, lit("k")]))).toBe(false);
    expect(isReference(index(x, id("i")))).toBe(false);
    expect(isReference(member(cast(x, "T"), "a"))).toBe(false);
  });

  it("isCallOf: f(v) and nothing else", () => {
    expect(isCallOf(call("f", [id("v")]), "f", "v")).toBe(true);
    expect(isCallOf(call("f", [id("w")]), "f", "v")).toBe(false);
    expect(isCallOf(call("g", [id("v")]), "f", "v")).toBe(false);
    expect(isCallOf(call("f", [id("v"), id("v")]), "f", "v")).toBe(false);
    expect(isCallOf(method(id("v"), "f", []), "f", "v")).toBe(false);
  });
});
