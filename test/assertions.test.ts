/**
 * JSON Schema keywords only validation enforces (issue 13, class 11), run through the generated parse of
 * spec/cases/json-schema-assertions.yaml: `uniqueItems`, `contains`/`minContains`/`maxContains`, `not`,
 * `if`/`then`/`else`, `minProperties`/`maxProperties`, `propertyNames`, `dependentRequired`, `dependentSchemas`,
 * `patternProperties` beside `properties` and `additionalProperties`, anyOf of required-only members, and allOf
 * fragments and merges keeping each member's assertions. Each verdict is written by hand from the keyword's
 * definition, and ajv (2020-12 dialect, reading the raw schema: no code shared with wirecase) must agree with it
 * too, so a wrong expectation fails as loudly as a wrong parse. A valid value also passes the guard (assertions are
 * not part of the type) and parses to exactly what the mapper returns.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import { beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { derivedNames } from "../generator/naming/assign-names.js";
import type { SafeParseResult } from "../templates/runtime.js";
import { generateInto, ROOT } from "./helpers.js";

type Fn = (value: unknown) => unknown;
type Accepts = (model: string, value: unknown, expected: boolean) => void;

/**
 * Generates `spec` (a file of spec/cases/) and returns `accepts(model, value, expected)`: parse's verdict, checked
 * against ajv's and the expected one; a valid value also passes the guard and parses to what the mapper returns.
 */
function suite(spec: string): { accepts: Accepts; fns: () => Record<string, Fn> } {
  let fns: Record<string, Fn> = {};
  let ajvValid: (model: string, value: unknown) => boolean = () => expect.fail("not loaded");
  beforeAll(async () => {
    const file = join(ROOT, "spec", "cases", spec);
    const { dir } = generateInto(file, spec.replace(/\.yaml$/, ""));
    fns = {
      ...((await import(join(dir, "guards.ts"))) as Record<string, Fn>),
      ...((await import(join(dir, "mappers.ts"))) as Record<string, Fn>),
      ...((await import(join(dir, "parse.ts"))) as Record<string, Fn>),
    };
    // the raw component schemas as one 2020-12 document: `#/components/schemas/X` → `#/$defs/X`
    const doc = parseYaml(readFileSync(file, "utf8")) as { components: { schemas: Record<string, unknown> } };
    const $defs = JSON.parse(JSON.stringify(doc.components.schemas).replaceAll("#/components/schemas/", "#/$defs/"));
    // `validateSchema: false`: 2019-09's boolean `$recursiveAnchor` (recursive-ref.yaml) is not valid in 2020-12
    const ajv = new Ajv2020.default({ strict: false, validateSchema: false });
    ajv.addSchema({ $id: "https://wirecase.test/spec.json", $defs });
    ajvValid = (model, value) => ajv.validate({ $ref: `https://wirecase.test/spec.json#/$defs/${model}` }, value);
  });
  const accepts: Accepts = (model, value, expected) => {
    const n = derivedNames(model);
    const get = (name: string): Fn => fns[name] ?? expect.fail(`${name} is not generated`);
    const label = `${model} ${JSON.stringify(value)}`;
    expect(ajvValid(model, value), `ajv: ${label}`).toBe(expected);
    const parsed = get(`safeParse${model}`)(value) as SafeParseResult<unknown>;
    expect(parsed.ok, `safeParse${model}(${JSON.stringify(value)}): ${JSON.stringify(parsed)}`).toBe(expected);
    if (!parsed.ok) return;
    expect(get(n.isWire)(value), `is${model}Wire`).toBe(true);
    expect(parsed.value).toStrictEqual(get(n.fromWire)(value));
  };
  return { accepts, fns: () => fns };
}

const main = suite("json-schema-assertions.yaml");
const accepts = main.accepts;

/** The issues of an invalid value: `wirePath: expected ...`. */
function issues(model: string, value: unknown): string[] {
  const parsed = main.fns()[`safeParse${model}`]!(value) as SafeParseResult<unknown>;
  return parsed.ok ? [] : parsed.issues.map((i) => i.message);
}

describe("keywords only validation enforces (spec/cases/json-schema-assertions.yaml)", () => {
  it("uniqueItems: JSON equality, object key order ignored, 1 and 1.0 equal", () => {
    accepts("Tags", [1, "1", [1], { a: 1 }, true], true);
    accepts("Tags", [], true);
    accepts("Tags", [1, 1.0], false);
    accepts(
      "Tags",
      [
        { a: 1, b: 2 },
        { b: 2, a: 1 },
      ],
      false,
    );
    accepts(
      "Tags",
      [
        [1, [2]],
        [1, [2]],
      ],
      false,
    );
    expect(issues("Tags", ["x", "x"])).toEqual(["$: expected array of unique items, received array of 2 items"]);
  });

  it("contains with minContains and maxContains counts the matching items", () => {
    accepts("SomeIntegers", [1, "a", 2], true);
    accepts("SomeIntegers", [1, 2, 3, "b"], true);
    accepts("SomeIntegers", [1, "a"], false);
    accepts("SomeIntegers", [1, 2, 3, 4], false);
    expect(issues("SomeIntegers", [1.5])).toEqual([
      "$: expected array with at least 2 items matching integer, received array of 1 item",
    ]);
  });

  it("not", () => {
    accepts("NotString", 3, true);
    accepts("NotString", null, true);
    accepts("NotString", { a: 1 }, true);
    accepts("NotString", "s", false);
    expect(issues("NotString", "s")).toEqual(['$: expected not string, received string "s"']);
  });

  it("if/then/else: the branch the condition picks holds, with its paths", () => {
    accepts("Pet", { pet_kind: "dog", bark_volume: 3 }, true);
    accepts("Pet", { pet_kind: "cat", pet_name: "Tom" }, true);
    accepts("Pet", { pet_name: "Rex" }, true);
    accepts("Pet", { pet_kind: "dog", pet_name: "Rex" }, false);
    accepts("Pet", { pet_kind: "cat" }, false);
    expect(issues("Pet", { pet_kind: "dog" })).toEqual(["$.bark_volume: expected any value, received missing"]);
  });

  it("minProperties, maxProperties and propertyNames", () => {
    accepts("Labels", { a: "x" }, true);
    accepts("Labels", { a: "x", bb: "y" }, true);
    accepts("Labels", {}, false);
    accepts("Labels", { a: "x", b: "y", c: "z" }, false);
    accepts("Labels", { toolong: "x" }, false);
    expect(issues("Labels", {})).toEqual(["$: expected object of at least 1 property, received object"]);
    expect(issues("Labels", { abcdef: "x" })).toEqual([
      '$.abcdef: expected property name: string of at most 5 characters, received string "abcdef"',
    ]);
  });

  it("dependentRequired and dependentSchemas hold only when their key is present", () => {
    accepts("Payment", {}, true);
    accepts("Payment", { card_number: "4111", billing_address: "Main St" }, true);
    accepts("Payment", { coupon: "X", discount: 5 }, true);
    accepts("Payment", { billing_address: "Main St" }, true);
    accepts("Payment", { card_number: "4111" }, false);
    accepts("Payment", { coupon: "X" }, false);
    accepts("Payment", { coupon: "X", discount: 0 }, false);
    expect(issues("Payment", { card_number: "4111" })).toEqual([
      '$.billing_address: expected a value ("billing_address" is required when "card_number" is present), ' +
        "received missing",
    ]);
  });

  it("patternProperties: declared keys too; other undeclared keys hold additionalProperties", () => {
    accepts("Extensions", { name: "n", "x-rate": 2, "x-other": 3, flag: true }, true);
    accepts("Extensions", { "x-rate": 2.5 }, false);
    accepts("Extensions", { "x-rate": -1 }, false);
    accepts("Extensions", { "x-other": "3" }, false);
    accepts("Extensions", { flag: "yes" }, false);
    expect(issues("Extensions", { flag: "yes" })).toEqual(['$.flag: expected boolean, received string "yes"']);
  });

  it("patternProperties with additionalProperties false: only declared or matching keys", () => {
    accepts("OnlyPatterned", { id: "1", s_name: "a", n_size: 2 }, true);
    accepts("OnlyPatterned", { s_name: 1 }, false);
    accepts("OnlyPatterned", { other: 1 }, false);
    expect(issues("OnlyPatterned", { other: 1 })).toEqual([
      "$.other: expected no key the spec does not declare, received number 1",
    ]);
  });

  it("anyOf of required-only members beside properties: one of the keys must be there", () => {
    accepts("Update", { state: "on" }, true);
    accepts("Update", { runner_label: "x", state: "on" }, true);
    accepts("Update", {}, false);
    expect(issues("Update", {})).toEqual([
      '$: expected a value valid against one of: object with "state" | object with "runner_label", received object',
    ]);
  });

  it("type [string, null] with an enum without null: null is invalid", () => {
    accepts("EnumWithoutNull", "a", true);
    accepts("EnumWithoutNull", null, false);
  });

  it("unevaluatedProperties: only what the keywords beside it evaluate (an anyOf member's keys when it holds)", () => {
    accepts("Strictly", { kind: "a", size: 1 }, true);
    accepts("Strictly", { size: 1, color: "red" }, true);
    accepts("Strictly", { size: 1, other: 1 }, false);
    accepts("Strictly", { kind: "a", color: "red", size: "big" }, false);
    expect(issues("Strictly", { size: 1, other: 1 })).toEqual([
      "$.other: expected no key that no keyword evaluates (unevaluatedProperties), received number 1",
    ]);
  });

  it("unevaluatedItems: only the prefix of the anyOf member that holds", () => {
    accepts("Headed", ["a"], true);
    accepts("Headed", [1, 2], true);
    accepts("Headed", ["a", 2], false);
    accepts("Headed", [1, 2, 3], false);
    expect(issues("Headed", ["a", true])).toEqual([
      "$[1]: expected no item that no keyword evaluates (unevaluatedItems), received boolean true",
    ]);
  });

  it("allOf fragments keep their own if/then/else; a merge keeps every member's assertions", () => {
    accepts("Fragments", -100, true);
    accepts("Fragments", 3, true);
    accepts("Fragments", "x", true);
    accepts("Merged", { extra: "x" }, true);
    accepts("Merged", {}, false);
    accepts("Merged", { extra: "x", a: "y" }, false);
  });
});

describe("allOf: every fragment's keywords hold (spec/cases/json-schema-allof.yaml)", () => {
  const { accepts } = suite("json-schema-allof.yaml");
  it("two maximums, two patterns", () => {
    accepts("TwoMaximums", 10, true);
    accepts("TwoMaximums", 15, false);
    accepts("TwoPatterns", "abz", true);
    accepts("TwoPatterns", "xyz", false);
    accepts("TwoPatterns", "abc", false);
  });
  it("the root's type and a member's: no value is both", () => {
    accepts("RootAndMemberType", 1, false);
    accepts("RootAndMemberType", "1", false);
  });
  it("a lone member and the keywords beside it", () => {
    accepts("LoneMember", "ab", true);
    accepts("LoneMember", "abc", false);
    accepts("LoneMember", 1, false);
  });
  it("required lists joined", () => {
    accepts("Joined", { a: 1, b: 2 }, true);
    accepts("Joined", { a: 1 }, false);
    accepts("Joined", { b: 1 }, false);
  });
});

describe("$recursiveRef: the schema around it with $recursiveAnchor (spec/cases/recursive-ref.yaml)", () => {
  const { accepts, fns } = suite("recursive-ref.yaml");
  const eq = { type: "eq", key: "a" };
  it("a compound filter nests compound filters, each checked as one", () => {
    accepts("CompoundFilter", { type: "and", filters: [eq] }, true);
    accepts(
      "CompoundFilter",
      { type: "and", filters: [{ type: "or", filters: [eq, { type: "and", filters: [] }] }] },
      true,
    );
    accepts(
      "CompoundFilter",
      { type: "and", filters: [{ type: "or", filters: [{ type: "xor", filters: [] }] }] },
      false,
    );
    accepts("CompoundFilter", { type: "and", filters: [{ type: "or" }] }, false);
    accepts("CompoundFilter", { type: "and", filters: [{ type: "or", filters: [], extra: 1 }] }, false);
    accepts("CompoundFilter", { type: "and", filters: [5] }, false);
  });
  // no ajv verdict here: without an anchor, "#" is the root of the document, which in OpenAPI is no schema (ajv
  // reads it as the root of whatever it was asked to validate)
  it("with no anchor around it: any value, and the keywords beside it hold", () => {
    const ok = (value: unknown): boolean => (fns()["safeParseUnanchored"]!(value) as SafeParseResult<unknown>).ok;
    expect(ok({ next: "x" })).toBe(true);
    expect(ok({ next: 1 })).toBe(false);
  });
});

describe("a long string enum is one isListedString test (spec/cases/enum-long.yaml)", () => {
  const { accepts, fns } = suite("enum-long.yaml");
  it("exactly the listed strings: not a prefix, not two joined, not another type", () => {
    accepts("UnitCode", "U00", true);
    accepts("UnitCode", "U69", true);
    accepts("UnitCode", "U70", false);
    accepts("UnitCode", "U0", false);
    accepts("UnitCode", "U00\u0000U01", false);
    accepts("UnitCode", 0, false);
    accepts("Line", { unit: "U42" }, true);
    accepts("Line", { unit: 7 }, true);
    accepts("Line", { unit: "nope" }, false);
    expect(fns()["isUnitCode"]!("U00\u0000U01")).toBe(false);
  });
});
