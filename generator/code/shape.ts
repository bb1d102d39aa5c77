/**
 * Prints a shape test (plan/shape.ts) on an input expression. Tests read the input through `fieldOf` / `hasKey`
 * and `as unknown` casts, so they never narrow the input's declared type.
 */
import type { ShapeTest } from "../plan/shape.js";
import { jsonLiteral } from "./js.js";
import { chain } from "./chain.js";
import { assertNever } from "../ir/walk.js";
import type { Uses } from "./runtime.js";

/** The test as an expression on `input`; `"true"` when it passes everything. */
export function printShape(test: ShapeTest, input: string, uses: Uses): string {
  switch (test.kind) {
    case "any":
      return "true";
    case "none":
      return "false";
    case "null":
      return `(${input} as unknown) === null`;
    case "typeof":
      return `typeof (${input} as unknown) === "${test.type}"`;
    case "equals":
      return `(${input} as unknown) === ${JSON.stringify(test.value)}`;
    case "jsonEquals":
      uses.add("jsonEquals");
      return `jsonEquals(${input}, ${jsonLiteral(test.value)})`;
    case "oneOf":
      return `(${chain(test.values.map((v) => `(${input} as unknown) === ${JSON.stringify(v)}`), "||")})`;
    case "array": {
      // the first item's shape tells `A[]` from `B[]` (an empty array is the first array member's)
      const item = printShape(test.item, `(${input} as unknown as unknown[])[0]`, uses);
      const isArray = `Array.isArray(${input} as unknown)`;
      return item === "true" ? isArray : `${isArray} && ((${input} as unknown as unknown[]).length === 0 || ${item})`;
    }
    case "tuple": {
      // the length, and the first item's shape
      const n = test.length;
      const items = `(${input} as unknown as unknown[])`;
      const length = !test.rest ? `${items}.length === ${n}` : n > 0 ? `${items}.length >= ${n}` : undefined;
      const item = printShape(test.first, `${items}[0]`, uses);
      const first = item === "true" ? undefined : n > 0 ? item : `(${items}.length === 0 || ${item})`;
      return [`Array.isArray(${input} as unknown)`, ...(length === undefined ? [] : [length]), ...(first === undefined ? [] : [first])].join(" && ");
    }
    case "plainObject":
      uses.add("isPlainObject");
      return `isPlainObject(${input} as unknown)`;
    case "object":
      return chain(
        test.checks.map((c) => {
          uses.add(c.kind === "tag" ? "fieldOf" : "hasKey");
          const key = JSON.stringify(c.key);
          return c.kind === "tag" ? `fieldOf(${input}, ${key}) === ${JSON.stringify(c.value)}` : `hasKey(${input}, ${key})`;
        }),
        "&&",
      );
    case "anyOf":
      return `(${chain(test.tests.map((t) => printShape(t, input, uses)), "||")})`;
    case "allOf":
      return `(${chain(test.tests.map((t) => printShape(t, input, uses)), "&&")})`;
    default:
      return assertNever(test);
  }
}
