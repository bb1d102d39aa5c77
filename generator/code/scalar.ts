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
      return paren(or(test.values.map((v) => eq(input, lit(v)))));
    default:
      return assertNever(test);
  }
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
    case "oneOf":
      return and(test.values.map((v) => ne(input, lit(v))));
    default:
      return assertNever(test);
  }
}
