/**
 * Prints a shape test (plan/shape.ts) on an input expression. Tests read the input through `fieldOf` / `hasKey`
 * and `as unknown` casts, so they never narrow the input's declared type.
 */
import { assertNever } from "../ir/walk.js";
import type { ObjectCheck, ShapeTest } from "../plan/shape.js";
import {
  and,
  binary,
  call,
  cast,
  eq,
  FALSE,
  index,
  isLit,
  json,
  lit,
  member,
  array,
  or,
  paren,
  TRUE,
  typeOf,
  type Expr,
} from "./expr.js";
import type { Uses } from "./runtime.js";
import { listed } from "./scalar.js";

/** The test as an expression on `input`; `TRUE` when it passes everything. */
export function shapeExpr(test: ShapeTest, input: Expr, uses: Uses): Expr {
  const unknown = cast(input, "unknown");
  switch (test.kind) {
    case "any":
      return TRUE;
    case "none":
      return FALSE;
    case "null":
      return eq(unknown, lit(null));
    case "typeof":
      return eq(typeOf(unknown), lit(test.type));
    case "date":
      uses.add("isValidDate");
      return call("isValidDate", [unknown]);
    case "dateTime":
      uses.add("isDateTime");
      return call("isDateTime", [unknown]);
    case "equals":
      return eq(unknown, lit(test.value));
    case "jsonEquals":
      uses.add("jsonEquals");
      return call("jsonEquals", [input, json(test.value)]);
    case "oneOf":
      return listed(test.values, unknown, uses) ?? paren(or(test.values.map((v) => eq(unknown, lit(v)))));
    case "array": {
      // the first item's shape tells `A[]` from `B[]` (an empty array is the first array member's)
      const items = cast(unknown, "unknown[]");
      const item = shapeExpr(test.item, index(items, 0), uses);
      const isArray = call(member({ kind: "id", name: "Array" }, "isArray"), [unknown]);
      return isLit(item, true) ? isArray : and([isArray, or([eq(member(items, "length"), lit(0)), item])]);
    }
    case "tuple": {
      // the length (at least the required items, at most the prefix without a rest), and the first item's shape
      const { min, max } = test;
      const items = cast(unknown, "unknown[]");
      const length = member(items, "length");
      const lengthTest =
        min === max
          ? [eq(length, lit(max))]
          : [
              ...(min > 0 ? [binary(">=", length, lit(min))] : []),
              ...(max === undefined ? [] : [binary("<=", length, lit(max))]),
            ];
      const item = shapeExpr(test.first, index(items, 0), uses);
      // an array that may be empty is tested on its first item only when it has one
      const first = isLit(item, true) || max === 0 ? [] : min > 0 ? [item] : [or([eq(length, lit(0)), item])];
      return and([call(member({ kind: "id", name: "Array" }, "isArray"), [unknown]), ...lengthTest, ...first]);
    }
    case "plainObject":
      uses.add("isPlainObject");
      return call("isPlainObject", [unknown]);
    case "object":
      return and(test.checks.map((c) => objectCheck(c, input, uses)));
    case "anyOf":
      return paren(or(test.tests.map((t) => shapeExpr(t, input, uses))));
    case "allOf":
      return paren(and(test.tests.map((t) => shapeExpr(t, input, uses))));
    default:
      return assertNever(test);
  }
}

function objectCheck(c: ObjectCheck, input: Expr, uses: Uses): Expr {
  switch (c.kind) {
    case "tag":
      uses.add("fieldOf");
      return eq(call("fieldOf", [input, lit(c.key)]), lit(c.value));
    case "has":
      uses.add("hasKey");
      return call("hasKey", [input, lit(c.key)]);
    case "field": {
      uses.add("fieldOf");
      const value = call("fieldOf", [input, lit(c.key)]);
      const test = shapeExpr(c.test, value, uses);
      return c.optional ? paren(or([eq(value, lit(undefined)), test])) : test;
    }
    case "only":
      uses.add("hasOnlyKeys");
      return call("hasOnlyKeys", [input, array(c.keys.map((k) => lit(k)))]);
    default:
      return assertNever(c);
  }
}
