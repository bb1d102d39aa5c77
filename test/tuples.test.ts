/**
 * `prefixItems` as JSON Schema 2020-12 reads it (issue 13, class 5), run through the generated guards, parse and
 * mappers of spec/cases/json-schema-tuples.yaml: each prefix item constrains its position when the array is that
 * long; an array may be shorter unless minItems says otherwise; `items` (absent: anything; false: nothing more)
 * applies after the prefix; minItems/maxItems count the whole array. The model types have optional elements.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { derivedNames } from "../generator/naming/assign-names.js";
import type { SafeParseResult } from "../templates/runtime.js";
import { generateInto, ROOT, typecheck } from "./helpers.js";

type Fn = (value: unknown) => unknown;
let fns: Record<string, Fn>;
let dir: string;

beforeAll(async () => {
  ({ dir } = generateInto(join(ROOT, "spec", "cases", "json-schema-tuples.yaml"), "tuples"));
  fns = {
    ...((await import(join(dir, "guards.ts"))) as Record<string, Fn>),
    ...((await import(join(dir, "mappers.ts"))) as Record<string, Fn>),
    ...((await import(join(dir, "parse.ts"))) as Record<string, Fn>),
  };
});

function of(model: string): { [k in "isWire" | "isModel" | "fromWire" | "toWire" | "safeParse"]: Fn } {
  const n = derivedNames(model);
  const get = (name: string): Fn => fns[name] ?? expect.fail(`${name} is not generated`);
  return {
    isWire: get(n.isWire),
    isModel: get(n.isModel),
    fromWire: get(n.fromWire),
    toWire: get(n.toWire),
    safeParse: get(`safeParse${model}`),
  };
}

const point = { x_coord: 1, y_coord: 2 };
const pointModel = { xCoord: 1, yCoord: 2 };

/** Whether guards and parse accept `wire`; when they do, the mapped model, parse's model and the round trip. */
function check(model: string, wire: unknown): { ok: boolean; model?: unknown } {
  const f = of(model);
  const parsed = f.safeParse(wire) as SafeParseResult<unknown>;
  expect(f.isWire(wire), `is${model}Wire(${JSON.stringify(wire)})`).toBe(parsed.ok);
  if (!parsed.ok) return { ok: false };
  const m = f.fromWire(wire);
  expect(parsed.value).toStrictEqual(m);
  expect(f.isModel(m)).toBe(true);
  expect(f.toWire(m)).toStrictEqual(wire);
  // no `undefined` element is introduced: an absent item stays absent
  expect((m as unknown[]).length).toBe((wire as unknown[]).length);
  return { ok: true, model: m };
}

describe("prefixItems (spec/cases/json-schema-tuples.yaml)", () => {
  it("two prefixItems, no items: shorter arrays and any further item are valid", () => {
    expect(check("Pair", []).ok).toBe(true);
    expect(check("Pair", ["a"]).ok).toBe(true);
    expect(check("Pair", ["a", 1]).ok).toBe(true);
    expect(check("Pair", ["a", 1, { any: "thing" }]).ok).toBe(true);
    expect(check("Pair", [1]).ok).toBe(false);
    expect(check("Pair", ["a", "b"]).ok).toBe(false);
  });

  it("minItems: 1 makes the first item required; items: false closes the array", () => {
    expect(check("AtLeastOne", []).ok).toBe(false);
    expect(check("AtLeastOne", ["a"]).ok).toBe(true);
    expect(check("AtLeastOne", ["a", 1]).ok).toBe(true);
    expect(check("AtLeastOne", ["a", 1, 2]).ok).toBe(false);
    const r = of("AtLeastOne").safeParse([]) as SafeParseResult<unknown>;
    expect(r.ok ? [] : r.issues.map((i) => [i.wirePath, i.expected])).toEqual([["$", "array of at least 1 item"]]);
  });

  it("items: false: at most the prefix", () => {
    expect(check("Closed", []).ok).toBe(true);
    expect(check("Closed", ["a"]).ok).toBe(true);
    expect(check("Closed", ["a", true]).ok).toBe(true);
    expect(check("Closed", ["a", true, "extra"]).ok).toBe(false);
    const r = of("Closed").safeParse(["a", "no"]) as SafeParseResult<unknown>;
    expect(r.ok ? [] : r.issues.map((i) => [i.wirePath, i.expected])).toEqual([["$[1]", "boolean"]]);
  });

  it("items: a schema for every item after the prefix; maxItems counts the whole array", () => {
    expect(check("WithRest", []).ok).toBe(true);
    expect(check("WithRest", ["a"]).ok).toBe(true);
    expect(check("WithRest", ["a", true]).ok).toBe(true);
    expect(check("WithRest", ["a", true, 3]).ok).toBe(true);
    expect(check("WithRest", ["a", true, "x"]).ok).toBe(false);
    expect(of("WithRest").isWire(["a", true, 3, 4, 5])).toBe(true); // guards check types, not maxItems
    expect((of("WithRest").safeParse(["a", true, 3, 4, 5]) as SafeParseResult<unknown>).ok).toBe(false);
  });

  it("a mapped prefix item is mapped only when present, the rest items too", () => {
    expect(check("Mapped", []).model).toStrictEqual([]);
    expect(check("Mapped", ["a"]).model).toStrictEqual(["a"]);
    expect(check("Mapped", ["a", point]).model).toStrictEqual(["a", pointModel]);
    expect(check("Mapped", ["a", point, 3]).model).toStrictEqual(["a", pointModel, 3]);
    expect(check("Mapped", ["a", point, 3, point]).model).toStrictEqual(["a", pointModel, 3, pointModel]);
    expect(check("Mapped", ["a", point, 3, { y_coord: 1 }]).ok).toBe(false);
    const r = of("Mapped").safeParse(["a", { y_coord: 1 }]) as SafeParseResult<unknown>;
    expect(r.ok ? [] : r.issues.map((i) => [i.wirePath, i.modelPath])).toEqual([["$[1].x_coord", "[1].xCoord"]]);
    expect(check("MappedMiddle", ["a", point]).model).toStrictEqual(["a", pointModel]);
    expect(check("MappedMiddle", ["a", point, 3]).model).toStrictEqual(["a", pointModel, 3]);
    expect(check("MappedMiddle", ["a", point, 3, 4]).ok).toBe(false);
  });

  it("a tuple in a union is picked by its length and first item; an optional inline tuple item stays absent", () => {
    expect(check("Shape", ["a", point]).model).toStrictEqual(["a", pointModel]);
    expect(check("Shape", "s").model).toBe("s");
    expect(check("Shape", ["a"]).ok).toBe(false);
    expect(check("Holder", { inline_tuple: [] }).model).toStrictEqual({ inlineTuple: [] });
    expect(check("Holder", { inline_tuple: [point] }).model).toStrictEqual({ inlineTuple: [pointModel] });
    expect(check("Holder", { inline_tuple: [point, null] }).model).toStrictEqual({ inlineTuple: [pointModel, null] });
    expect(check("Holder", { inline_tuple: [point, null, 1] }).ok).toBe(false);
  });

  it("the types: optional elements, no `undefined` element under exactOptionalPropertyTypes", () => {
    writeFileSync(
      join(dir, "tuple-types.ts"),
      [
        'import type { AtLeastOne, Mapped, Pair } from "./types.js";',
        'export const a: AtLeastOne = ["a"];',
        'export const b: AtLeastOne = ["a", 1];',
        "export const c: Pair = [];",
        'export const d: Mapped = ["a", { xCoord: 1 }, 2, { xCoord: 3 }];',
        "// @ts-expect-error: the first item is required",
        "export const e: AtLeastOne = [];",
        "// @ts-expect-error: an absent item is absent, not undefined",
        'export const f: AtLeastOne = ["a", undefined];',
        "",
      ].join("\n"),
    );
    expect(typecheck(dir)).toBe("");
  });
});
