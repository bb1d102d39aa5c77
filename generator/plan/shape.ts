/**
 * Shape tests: the cheap test that tells a union's members apart (JSON type, required keys that not every
 * object member has, properties with a constant value, the values of keys two members declare with different
 * shapes, no undeclared key for a closed object, an array's first item, a tuple's length and first item, a
 * constant compared whole). Data, built once per candidate and side; `code/shape.ts` prints it.
 */
import type { Node } from "../ir/types.js";
import type { Decls } from "../ir/query.js";
import { acceptsNothing, assertNever } from "../ir/walk.js";
import type { Names } from "../naming/assign-names.js";
import type { Analysis } from "./analyse.js";
import type { Side } from "./object.js";

/** How many refs deep a shape test looks: deeper, a member is taken to match. */
export const SHAPE_DEPTH = 8;

export type Scalar = string | number | boolean;

export type ObjectCheck =
  /** The key holds this constant. */
  | { readonly kind: "tag"; readonly key: string; readonly value: Scalar }
  /** The key is present. */
  | { readonly kind: "has"; readonly key: string }
  /**
   * The key's value passes `test` (absent passes too when `optional`): a property that two members of the union
   * declare with different types or values tells them apart.
   */
  | { readonly kind: "field"; readonly key: string; readonly test: ShapeTest; readonly optional: boolean }
  /** No other key than these (a closed object: `additionalProperties: false`). */
  | { readonly kind: "only"; readonly keys: readonly string[] };

export type ShapeTest =
  | { readonly kind: "any" }
  | { readonly kind: "none" }
  | { readonly kind: "null" }
  | { readonly kind: "typeof"; readonly type: "string" | "number" | "boolean" }
  /** A valid `Date` (the model side of a `date`). */
  | { readonly kind: "date" }
  /** An RFC 3339 date-time string (the wire side of a `date`: a plain string member beside it is told apart). */
  | { readonly kind: "dateTime" }
  | { readonly kind: "equals"; readonly value: Scalar }
  | { readonly kind: "jsonEquals"; readonly value: object }
  | { readonly kind: "oneOf"; readonly values: readonly Scalar[] }
  /** An array whose first item (if any) passes `item`. */
  | { readonly kind: "array"; readonly item: ShapeTest }
  /**
   * An array of at least `min` items (the tuple's required ones) and, without a rest, at most `max` (the prefix),
   * whose first item, when there is one, passes `first`.
   */
  | {
      readonly kind: "tuple";
      readonly min: number;
      readonly max: number | undefined;
      readonly first: ShapeTest;
    }
  | { readonly kind: "plainObject" }
  | { readonly kind: "object"; readonly checks: readonly ObjectCheck[] }
  | { readonly kind: "anyOf"; readonly tests: readonly ShapeTest[] }
  | { readonly kind: "allOf"; readonly tests: readonly ShapeTest[] };

const ANY: ShapeTest = { kind: "any" };

/** What a union tells its object members' shape tests (see plan/union.ts). */
export interface UnionKeys {
  /** Required keys in every object member: their presence tells nothing apart. */
  readonly common: ReadonlySet<string>;
  /** Keys that two object members declare with different shapes: their values are tested. */
  readonly contested: ReadonlySet<string>;
}

const NO_KEYS: UnionKeys = { common: new Set(), contested: new Set() };

/** The shape test of `node` on one side, as a member of a union with `keys` (see {@link UnionKeys}). */
export function shapeOf(
  node: Node,
  side: Side,
  names: Names,
  decls: Decls,
  analysis: Pick<Analysis, "emptySet">,
  depth: number,
  keys: UnionKeys = NO_KEYS,
): ShapeTest {
  const inner = (n: Node): ShapeTest => shapeOf(n, side, names, decls, analysis, depth + 1);
  switch (node.kind) {
    case "primitive":
      if (node.type === "null") return { kind: "null" };
      return { kind: "typeof", type: node.type === "integer" ? "number" : node.type };
    case "date":
      if (side === "model") return { kind: "date" };
      return node.encoding === "rfc3339" ? { kind: "dateTime" } : inner(node.wire);
    case "literal":
      return typeof node.value === "object"
        ? { kind: "jsonEquals", value: node.value }
        : { kind: "equals", value: node.value };
    case "enum":
      return node.open === true ? { kind: "typeof", type: "string" } : { kind: "oneOf", values: node.values };
    case "array":
      return { kind: "array", item: inner(node.items) };
    case "tuple": {
      const first = node.items[0] ?? node.rest;
      return {
        kind: "tuple",
        min: node.required,
        max: node.rest === undefined ? node.items.length : undefined,
        first: first === undefined ? ANY : inner(first),
      };
    }
    case "record":
      // `additionalProperties: false` alone: the empty object
      return node.values.kind === "never"
        ? { kind: "object", checks: [{ kind: "only", keys: [] }] }
        : { kind: "plainObject" };
    case "object": {
      const own = side === "model" ? names.keys(node) : node.properties.map((p) => p.key);
      const checks: ObjectCheck[] = [];
      node.properties.forEach((p, i) => {
        const key = own[i]!;
        if (p.required && p.node.kind === "literal" && typeof p.node.value !== "object") {
          checks.push({ kind: "tag", key, value: p.node.value });
          return;
        }
        const test = keys.contested.has(key) ? inner(p.node) : ANY;
        if (!passesAll(test)) checks.push({ kind: "field", key, test, optional: !p.required });
        else if (p.required && !keys.common.has(key)) checks.push({ kind: "has", key });
      });
      if (node.closed === true) checks.push({ kind: "only", keys: own });
      return checks.length === 0 ? { kind: "plainObject" } : { kind: "object", checks };
    }
    case "ref": {
      const target = decls.get(node.target);
      if (target === undefined || depth > SHAPE_DEPTH) return ANY;
      return shapeOf(target.node, side, names, decls, analysis, depth + 1, keys);
    }
    case "union": {
      const live = node.members.filter((m) => !acceptsNothing(m, analysis.emptySet));
      return live.length === 0 ? { kind: "none" } : { kind: "anyOf", tests: live.map(inner) };
    }
    case "intersection":
      return { kind: "allOf", tests: node.members.map(inner) };
    case "unknown":
      return ANY;
    case "never":
      return { kind: "none" };
    default:
      return assertNever(node);
  }
}

/** Whether the test passes every value (so it tells nothing). */
export function passesAll(test: ShapeTest): boolean {
  switch (test.kind) {
    case "any":
      return true;
    case "anyOf":
      return test.tests.some(passesAll);
    case "allOf":
      return test.tests.every(passesAll);
    case "none":
    case "null":
    case "typeof":
    case "date":
    case "dateTime":
    case "equals":
    case "jsonEquals":
    case "oneOf":
    case "array":
    case "tuple":
    case "plainObject":
    case "object":
      return false;
    default:
      return assertNever(test);
  }
}

/** Whether some JSON object (not an array) may pass the test. */
export function mayBeObject(test: ShapeTest): boolean {
  switch (test.kind) {
    case "any":
    case "plainObject":
    case "object":
    case "jsonEquals":
      return true;
    case "anyOf":
      return test.tests.some(mayBeObject);
    case "allOf":
      return test.tests.every(mayBeObject);
    case "none":
    case "null":
    case "typeof":
    case "date":
    case "dateTime":
    case "equals":
    case "oneOf":
    case "array":
    case "tuple":
      return false;
    default:
      return assertNever(test);
  }
}
