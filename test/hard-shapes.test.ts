/**
 * Hard shapes (spec/cases/hard-shapes.yaml): recursion through a union, an array and a record; a discriminated
 * union whose members refer back to it; forty levels of inline objects (long hoisted names); a 1,200-value
 * enum; an object of 300 properties; allOf members that disagree; allOf of two inline arrays; oneOf over
 * overlapping objects without a discriminator. The output type-checks under the strict options, and mappers,
 * guards and parse behave on values of each.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Diagnostic } from "../generator/diagnostics.js";
import { MAX_TYPE_NAME_BYTES, typeName } from "../generator/naming/casing.js";
import { generateInto, ROOT, typecheck } from "./helpers.js";

type Fn = (value: unknown) => unknown;
interface Issue {
  readonly wirePath: string;
  readonly modelPath: string;
}
type SafeParse = (value: unknown) => { ok: true; value: unknown } | { ok: false; issues: Issue[] };

let dir: string;
let m: Record<string, Fn>;
let g: Record<string, Fn>;
let p: Record<string, Fn>;
let t: Record<string, unknown>;
let types: string;
let warnings: readonly Diagnostic[];

beforeAll(async () => {
  const out = generateInto(join(ROOT, "spec", "cases", "hard-shapes.yaml"), "hard-shapes");
  dir = out.dir;
  types = out.result.files.find((f) => f.path === "types.ts")!.text;
  warnings = out.result.diagnostics.filter((d) => d.severity === "warning");
  m = (await import(join(dir, "mappers.ts"))) as Record<string, Fn>;
  g = (await import(join(dir, "guards.ts"))) as Record<string, Fn>;
  p = (await import(join(dir, "parse.ts"))) as Record<string, Fn>;
  t = (await import(join(dir, "types.ts"))) as Record<string, unknown>;
});

const safe = (name: string): SafeParse => p[name] as unknown as SafeParse;

/** `{ root_level: { level_40: { ... { level_1: leaf } } } }` and its model form. */
function deep(leaf: unknown): { wire: unknown; model: unknown } {
  let wire: unknown = leaf;
  let model: unknown = leaf;
  for (let level = 1; level <= 40; level++) {
    wire = { [`level_${level}`]: wire };
    model = { [`level${level}`]: model };
  }
  return { wire: { root_level: wire }, model: { rootLevel: model } };
}

describe("hard shapes", () => {
  it("type-checks under the strict options", () => {
    expect(typecheck(dir)).toBe("");
  });

  it("recursion through a union, an array and a record: any JSON value maps to itself", () => {
    const value = { a: [1, "two", null, { b: { c: [true, [[]]] } }], snake_key: { inner_key: 3 } };
    expect(m["jsonValueFromWire"]!(structuredClone(value))).toEqual(value);
    expect(m["jsonValueToWire"]!(structuredClone(value))).toEqual(value);
    expect(g["isJsonValueWire"]!(value)).toBe(true);
    expect(g["isJsonValueWire"]!({ a: [1, { b: undefined }] })).toBe(false);
    const result = safe("safeParseJsonValue")({ a: [1, { b: () => 1 }] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.wirePath)).toEqual(["$.a[1].b"]);
  });

  it("a discriminated union whose members refer back to it maps at every depth, and issues point into it", () => {
    const wire = {
      expr_type: "binary",
      left_side: { expr_type: "literal", int_value: 1 },
      right_side: {
        expr_type: "binary",
        left_side: { expr_type: "literal", int_value: 2 },
        right_side: { expr_type: "literal", int_value: 3 },
      },
      named_args: { some_arg: { expr_type: "literal", int_value: 4 } },
    };
    const model = {
      exprType: "binary",
      leftSide: { exprType: "literal", intValue: 1 },
      rightSide: {
        exprType: "binary",
        leftSide: { exprType: "literal", intValue: 2 },
        rightSide: { exprType: "literal", intValue: 3 },
      },
      namedArgs: { some_arg: { exprType: "literal", intValue: 4 } },
    };
    expect(m["exprFromWire"]!(structuredClone(wire))).toEqual(model);
    expect(m["exprToWire"]!(structuredClone(model))).toEqual(wire);
    expect(p["parseExpr"]!(structuredClone(wire))).toEqual(model);
    expect(g["isExprWire"]!(wire)).toBe(true);
    expect(g["isExpr"]!(model)).toBe(true);
    const bad = structuredClone(wire);
    bad.right_side.right_side.int_value = 3.5;
    expect(g["isExprWire"]!(bad)).toBe(false);
    const result = safe("safeParseExpr")(bad);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.issues.map((i) => [i.wirePath, i.modelPath])).toEqual([
        ["$.right_side.right_side.int_value", "rightSide.rightSide.intValue"],
      ]);
  });

  it("forty levels of inline objects: mapped, guarded and parsed with the full path", () => {
    const { wire, model } = deep(7);
    expect(m["deepFromWire"]!(structuredClone(wire))).toEqual(model);
    expect(m["deepToWire"]!(structuredClone(model))).toEqual(wire);
    expect(p["parseDeep"]!(structuredClone(wire))).toEqual(model);
    expect(g["isDeepWire"]!(wire)).toBe(true);
    const bad = deep("7").wire;
    expect(g["isDeepWire"]!(bad)).toBe(false);
    const result = safe("safeParseDeep")(bad);
    expect(result.ok).toBe(false);
    const levels = Array.from({ length: 40 }, (_, i) => 40 - i);
    if (!result.ok) {
      expect(result.issues.map((i) => i.wirePath)).toEqual([
        `$.root_level${levels.map((l) => `.level_${l}`).join("")}`,
      ]);
      expect(result.issues.map((i) => i.modelPath)).toEqual([`rootLevel${levels.map((l) => `.level${l}`).join("")}`]);
    }
  });

  it("names of deeply nested schemas stay short enough for a file name, and distinct", () => {
    const names = [...types.matchAll(/^export interface (\w+)/gm)].map((x) => x[1]!);
    expect(names).toHaveLength(new Set(names).size);
    const longest = Math.max(...names.map((n) => Buffer.byteLength(n)));
    expect(longest).toBeLessThanOrEqual(MAX_TYPE_NAME_BYTES + "Wire".length + 2);
    expect(longest).toBeGreaterThan(MAX_TYPE_NAME_BYTES - 20); // the cap is reached, so the shortening ran
    const pages = readdirSync(join(dir, "docs"));
    expect(Math.max(...pages.map((f) => Buffer.byteLength(f)))).toBeLessThan(255 - 20);
  });

  it("type names longer than the cap keep their first and last parts; one huge part is cut", () => {
    const parts = ["Deep", ...Array.from({ length: 40 }, (_, i) => `level_${40 - i}`)];
    const name = typeName(parts);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(MAX_TYPE_NAME_BYTES);
    expect(name.startsWith("Deep")).toBe(true);
    expect(name.endsWith("Level3Level2Level1")).toBe(true);
    expect(typeName(["FineTuningJob", "error"])).toBe("FineTuningJobError");
    const huge = typeName(["é".repeat(500)]);
    expect(Buffer.byteLength(huge)).toBeLessThanOrEqual(MAX_TYPE_NAME_BYTES);
    expect(huge).toBe(`É${"é".repeat(99)}`);
  });

  it("a 1,200-value enum: every value accepted, anything else rejected", () => {
    const values = t["bigEnumValues"] as readonly string[];
    expect(values).toHaveLength(1200);
    expect(values.every((v) => g["isBigEnumWire"]!(v) === true)).toBe(true);
    expect(g["isBigEnumWire"]!("value_1200")).toBe(false);
    expect(safe("safeParseBigEnum")("value_0599").ok).toBe(true);
    expect(safe("safeParseBigEnum")("nope").ok).toBe(false);
  });

  it(
    "allOf members that disagree on a property: a warning at the second declaration, " +
      "no value is valid, and the type says so",
    () => {
      expect(warnings.map((w) => [w.code, w.pointer, w.position?.line])).toEqual([
        ["allof-conflict", "#/components/schemas/Disagree/allOf/1/properties/shared_key", 227],
      ]);
      expect(warnings[0]!.message).toBe(
        'allOf members disagree on "shared_key": string and integer; ' +
          "no value is both, so no object is valid (its type is never)",
      );
      expect(types).toMatch(/sharedKey: string & number;/);
      expect(g["isDisagreeWire"]!({ shared_key: "x" })).toBe(false);
      expect(g["isDisagreeWire"]!({ shared_key: 1 })).toBe(false);
      expect(safe("safeParseDisagree")({ shared_key: 1 }).ok).toBe(false);
    },
  );

  it("allOf of two inline arrays: every item is both, so both items' keys are mapped", () => {
    expect(types).toMatch(/export type BothArrays = BothArraysItem\[\];/);
    const wire = [{ left_key: "a", right_key: 1 }, { left_key: "b" }];
    const model = [{ leftKey: "a", rightKey: 1 }, { leftKey: "b" }];
    expect(m["bothArraysFromWire"]!(structuredClone(wire))).toEqual(model);
    expect(m["bothArraysToWire"]!(structuredClone(model))).toEqual(wire);
    expect(p["parseBothArrays"]!(structuredClone(wire))).toEqual(model);
    expect(g["isBothArraysWire"]!([{ right_key: 1 }])).toBe(false);
  });

  it("oneOf over overlapping objects: the member declaring the most of the value's keys wins, then spec order", () => {
    expect(p["parseOverlap"]!({ user_name: "a", user_age: 3 })).toStrictEqual({ userName: "a", userAge: 3 });
    expect(m["overlapFromWire"]!({ user_name: "a", user_age: 3 })).toStrictEqual({ userName: "a", userAge: 3 });
    expect(p["parseOverlap"]!({ user_name: "a" })).toStrictEqual({ userName: "a" });
    expect(m["overlapFromWire"]!({ user_name: "a" })).toEqual({ userName: "a" });
    expect(g["isOverlapWire"]!({ user_name: "a", user_age: 3 })).toBe(true);
    expect(g["isOverlapWire"]!({ user_age: 3 })).toBe(false);
  });
});

describe("hard shapes: wide", () => {
  it("an object of 300 properties: guarded and mapped key by key", () => {
    const wire = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`field_${String(i).padStart(4, "0")}`, i]));
    const model = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`field${String(i).padStart(4, "0")}`, i]));
    expect(m["wideFromWire"]!(structuredClone(wire))).toEqual(model);
    expect(m["wideToWire"]!(structuredClone(model))).toEqual(wire);
    expect(g["isWideWire"]!(wire)).toBe(true);
    expect(g["isWideWire"]!({ ...wire, field_0150: "x" })).toBe(false);
    const result = safe("safeParseWide")({ ...wire, field_0299: undefined });
    expect(result.ok).toBe(false);
  });
});
