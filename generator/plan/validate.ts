/**
 * The validation plan of a scalar: the constraints parse checks beside the type, as data. Each check says what
 * it compares and what an issue then expects (`integer >= 1`, `string of at most 3 characters`).
 */
import type { Constraints, EnumNode, LiteralNode, PrimitiveNode } from "../ir/types.js";
import { assertNever } from "../ir/walk.js";
import { numberLiteral } from "../code/js.js";

export type Check =
  | {
      readonly kind: "minimum" | "exclusiveMinimum" | "maximum" | "exclusiveMaximum";
      readonly limit: number;
      readonly expected: string;
    }
  | { readonly kind: "multipleOf"; readonly divisor: number; readonly expected: string }
  | { readonly kind: "minLength" | "maxLength"; readonly limit: number; readonly expected: string }
  | { readonly kind: "pattern"; readonly pattern: string; readonly expected: string };

/** The constraint checks of a number or string, in a fixed order (bounds, multipleOf; lengths, pattern). */
export function constraintChecks(node: PrimitiveNode, c: Constraints): Check[] {
  const out: Check[] = [];
  if (node.type === "number" || node.type === "integer") {
    const t = node.type;
    const bound = (
      kind: "minimum" | "exclusiveMinimum" | "maximum" | "exclusiveMaximum",
      limit: number | undefined,
      op: string,
    ): void => {
      if (limit !== undefined) out.push({ kind, limit, expected: `${t} ${op} ${numberLiteral(limit)}` });
    };
    bound("minimum", c.minimum, ">=");
    bound("exclusiveMinimum", c.exclusiveMinimum, ">");
    bound("maximum", c.maximum, "<=");
    bound("exclusiveMaximum", c.exclusiveMaximum, "<");
    if (c.multipleOf !== undefined) {
      out.push({
        kind: "multipleOf",
        divisor: c.multipleOf,
        expected: `${t} that is a multiple of ${numberLiteral(c.multipleOf)}`,
      });
    }
  } else if (node.type === "string") {
    if (c.minLength !== undefined && c.minLength > 0) {
      out.push({
        kind: "minLength",
        limit: c.minLength,
        expected: `string of at least ${c.minLength} ${plural(c.minLength, "character")}`,
      });
    }
    if (c.maxLength !== undefined) {
      out.push({
        kind: "maxLength",
        limit: c.maxLength,
        expected: `string of at most ${c.maxLength} ${plural(c.maxLength, "character")}`,
      });
    }
    if (c.pattern !== undefined)
      out.push({ kind: "pattern", pattern: c.pattern, expected: `string matching /${c.pattern}/` });
  }
  return out;
}

export function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}

/** The type test of a scalar node: what guards check and parse reports, from one answer. */
export type ScalarTest =
  | { readonly kind: "null" }
  | { readonly kind: "integer" }
  | { readonly kind: "typeof"; readonly type: "string" | "number" | "boolean" }
  | { readonly kind: "equals"; readonly value: string | number | boolean }
  | { readonly kind: "jsonEquals"; readonly value: object }
  | { readonly kind: "oneOf"; readonly values: readonly (string | number | boolean)[] };

export function scalarTest(node: PrimitiveNode | LiteralNode | EnumNode): ScalarTest {
  switch (node.kind) {
    case "primitive":
      if (node.type === "null") return { kind: "null" };
      return node.type === "integer" ? { kind: "integer" } : { kind: "typeof", type: node.type };
    case "literal":
      return typeof node.value === "object"
        ? { kind: "jsonEquals", value: node.value }
        : { kind: "equals", value: node.value };
    case "enum":
      // an open enum accepts any string
      return node.open === true ? { kind: "typeof", type: "string" } : { kind: "oneOf", values: node.values };
    default:
      return assertNever(node);
  }
}
