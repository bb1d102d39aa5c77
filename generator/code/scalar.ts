/** Prints a scalar's type test (plan/validate.ts) as the check guards make and as the failure parse reports. */
import { assertNever } from "../ir/walk.js";
import type { ScalarTest } from "../plan/validate.js";
import { and, call, eq, id, json, lit, member, ne, not, or, paren, typeOf, type Expr } from "./expr.js";
import type { Uses } from "./runtime.js";

/** True when `input` passes the test (guards). */
export function passes(test: ScalarTest, input: Expr, uses: Uses): Expr {
  switch (test.kind) {
    case "null":
      return eq(input, lit(null));
    case "integer":
      return call(member(id("Number"), "isInteger"), [input]);
    case "typeof":
      return eq(typeOf(input), lit(test.type));
    case "equals":
      return eq(input, lit(test.value));
    case "jsonEquals":
      uses.add("jsonEquals");
      return call("jsonEquals", [input, json(test.value)]);
    case "oneOf":
      return listed(test.values, input, uses) ?? paren(or(test.values.map((v) => eq(input, lit(v)))));
    default:
      return assertNever(test);
  }
}

/** Most values a `===` chain tests; a longer list of strings is one `isListedString` call. */
export const VALUE_CHAIN_LIMIT = 64;

/**
 * A long list of strings (storecove's 2,000 unit codes) as one call, `isListedString(input, "\0a\0b\0")`: a chain
 * of 2,000 `===` is too large for TypeScript's control flow analysis (TS2563) and slower. Undefined for a short
 * list, one with other values, or one with a string holding U+0000 (the separator).
 */
export function listed(values: readonly (string | number | boolean)[], input: Expr, uses: Uses): Expr | undefined {
  if (values.length <= VALUE_CHAIN_LIMIT) return undefined;
  if (!values.every((v) => typeof v === "string" && !v.includes("\u0000"))) return undefined;
  uses.add("isListedString");
  return call("isListedString", [input, lit(`\u0000${values.join("\u0000")}\u0000`)]);
}

/** True when `input` fails the test (parse reports an issue). */
export function fails(test: ScalarTest, input: Expr, uses: Uses): Expr {
  switch (test.kind) {
    case "null":
      return ne(input, lit(null));
    case "integer":
    case "jsonEquals":
      return not(passes(test, input, uses));
    case "typeof":
      return ne(typeOf(input), lit(test.type));
    case "equals":
      return ne(input, lit(test.value));
    case "oneOf": {
      const inList = listed(test.values, input, uses);
      return inList === undefined ? and(test.values.map((v) => ne(input, lit(v)))) : not(inList);
    }
    default:
      return assertNever(test);
  }
}
