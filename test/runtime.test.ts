import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RUNTIME_EXPORTS } from "../generator/naming/assign-names.js";
import * as runtime from "../templates/runtime.js";
import { ROOT } from "./helpers.js";

describe("templates/runtime.ts", () => {
  it("exports exactly the names the naming module reserves (values and types)", () => {
    const source = readFileSync(join(ROOT, "templates", "runtime.ts"), "utf8");
    const declared = [...source.matchAll(/^export (?:function|class|const|let|interface|type) ([\w$]+)/gm)].map(
      (m) => m[1]!,
    );
    expect(declared.sort()).toEqual([...RUNTIME_EXPORTS].sort());
    for (const name of Object.keys(runtime)) expect(RUNTIME_EXPORTS).toContain(name);
  });

  it("rankMembers: the passing members, most of the value's own keys declared first, spec order on ties", () => {
    const value = { a: 1, b: 2, c: 3 };
    expect(runtime.rankMembers(value, [["a"], ["a", "b"], false, ["x"], ["b", "a"]])).toEqual([1, 4, 0, 3]);
    // a member that keeps every key (a record) scores every key
    expect(runtime.rankMembers(value, [["a", "b", "c"], true, ["a"]])).toEqual([0, 1, 2]);
    expect(runtime.rankMembers(value, [["a"], true])).toEqual([1, 0]);
    // not an object: nothing is declared, spec order
    expect(runtime.rankMembers("s", [["a"], ["a", "b"], true])).toEqual([0, 1, 2]);
    expect(runtime.rankMembers([1], [["0"], true])).toEqual([0, 1]);
    // inherited keys do not count
    expect(runtime.rankMembers(Object.create({ b: 1 }) as object, [["a"], ["b"]])).toEqual([0, 1]);
    expect(runtime.pickMember(value, [false, ["c"], ["a", "b"]])).toBe(2);
    expect(runtime.pickMember(value, [false, false])).toBe(-1);
    expect(runtime.pickMember(Object.create({ b: 1 }) as object, [["a"], ["b"]])).toBe(0);
    expect(runtime.pickMember([1], [["0"], true])).toBe(0);
    expect(runtime.pickMember(value, [["a"], true])).toBe(1);
  });

  it("pickMember is the first of rankMembers, for any value and candidates", () => {
    const key = fc.constantFrom("a", "b", "c", "d", "0");
    const candidates = fc.array(fc.oneof(fc.boolean(), fc.uniqueArray(key, { maxLength: 4 })), { maxLength: 6 });
    const value = fc.oneof(fc.dictionary(key, fc.integer()), fc.array(fc.integer()), fc.string(), fc.constant(null));
    fc.assert(
      fc.property(value, candidates, (v, c) => {
        expect(runtime.pickMember(v, c)).toBe(runtime.rankMembers(v, c)[0] ?? -1);
      }),
      { numRuns: 2000, seed: 17 },
    );
  });

  it("hasOnlyKeys: an object whose own keys are all declared; never a non-object", () => {
    expect(runtime.hasOnlyKeys({ a: 1 }, ["a", "b"])).toBe(true);
    expect(runtime.hasOnlyKeys({}, [])).toBe(true);
    expect(runtime.hasOnlyKeys({ a: 1, c: 2 }, ["a", "b"])).toBe(false);
    expect(runtime.hasOnlyKeys(JSON.parse('{"__proto__": 1}'), ["a"])).toBe(false);
    for (const v of [null, "a", 1, [], undefined]) expect(runtime.hasOnlyKeys(v, [])).toBe(false);
  });

  it("exactlyOne: one true test", () => {
    expect(runtime.exactlyOne([false, true, false])).toBe(true);
    expect(runtime.exactlyOne([true, true])).toBe(false);
    expect(runtime.exactlyOne([false, false])).toBe(false);
    expect(runtime.exactlyOne([])).toBe(false);
  });

  it("mapRecord copies keys untouched and maps values", () => {
    const input = { customer_id: 1, "Weird Key": 2 };
    const out = runtime.mapRecord(input, (v: number) => v * 10);
    expect(out).toStrictEqual({ customer_id: 10, "Weird Key": 20 });
    expect(input).toStrictEqual({ customer_id: 1, "Weird Key": 2 });
  });

  it("mapRecord keeps __proto__ as an own data property and never changes the prototype", () => {
    const input = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as Record<string, unknown>;
    const out = runtime.mapRecord(input, (v) => v);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.hasOwn(out, "__proto__")).toBe(true);
    expect(Object.keys(out)).toEqual(["__proto__", "a"]);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });

  it("hasKey and fieldOf read own properties of JSON objects only", () => {
    expect(runtime.hasKey({ a: undefined }, "a")).toBe(true);
    expect(runtime.hasKey({}, "toString")).toBe(false);
    expect(runtime.hasKey([1], "0")).toBe(false);
    expect(runtime.hasKey(null, "a")).toBe(false);
    expect(runtime.fieldOf({ type: "x" }, "type")).toBe("x");
    expect(runtime.fieldOf({}, "constructor")).toBeUndefined();
    expect(runtime.fieldOf("str", "length")).toBeUndefined();
  });

  it("omitKeys copies a JSON object without the given keys, keeps __proto__ own, and passes anything else", () => {
    const input = JSON.parse('{"a_b": 1, "__proto__": {"polluted": true}, "x": 2}') as Record<string, unknown>;
    const out = runtime.omitKeys(input, ["a_b"]);
    expect(Object.keys(out)).toEqual(["__proto__", "x"]);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(input)).toEqual(["a_b", "__proto__", "x"]);
    expect(runtime.omitKeys(null, ["a"])).toBeNull();
    const list = [1];
    expect(runtime.omitKeys(list, ["0"])).toBe(list);
  });

  it("isPlainObject accepts objects only", () => {
    expect(runtime.isPlainObject({})).toBe(true);
    expect(runtime.isPlainObject([])).toBe(false);
    expect(runtime.isPlainObject(null)).toBe(false);
    expect(runtime.isPlainObject("x")).toBe(false);
  });

  it("setOwn defines an enumerable own property, even for __proto__", () => {
    const target = {};
    runtime.setOwn(target, "__proto__", 5);
    expect(Object.getPrototypeOf(target)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(target, "__proto__")).toMatchObject({ value: 5, enumerable: true });
  });

  it("addIssue and nestIssues build paths from the inside out; toParseIssues writes them", () => {
    const issues: runtime.IssueDraft[] = [];
    runtime.addIssue(issues, "integer >= 1", 0, ["n_epochs"], ["nEpochs"]);
    runtime.addIssue(issues, "string", undefined, ["id"]);
    runtime.nestIssues(issues, 0, ["hyperparameters"]);
    runtime.nestIssues(issues, 1, ["data", 3]);
    runtime.addIssue(issues, "object", null);
    expect(runtime.toParseIssues(issues)).toStrictEqual([
      {
        wirePath: "$.hyperparameters.n_epochs",
        modelPath: "hyperparameters.nEpochs",
        expected: "integer >= 1",
        received: "number 0",
        message: "$.hyperparameters.n_epochs: expected integer >= 1, received number 0",
      },
      {
        wirePath: "$.data[3].hyperparameters.id",
        modelPath: "data[3].hyperparameters.id",
        expected: "string",
        received: "missing",
        message: "$.data[3].hyperparameters.id: expected string, received missing",
      },
      {
        wirePath: "$",
        modelPath: "",
        expected: "object",
        received: "null",
        message: "$: expected object, received null",
      },
    ]);
  });

  it("formatPath quotes keys that are not identifiers", () => {
    expect(runtime.formatPath(["weird key", 0, "a", "__proto__", "2fa", "é"], "$")).toBe(
      '$["weird key"][0].a.__proto__["2fa"].é',
    );
    expect(runtime.formatPath([0, "a"], "")).toBe("[0].a");
    expect(runtime.formatPath(["a b", "c"], "")).toBe('["a b"].c');
    expect(runtime.formatPath([], "")).toBe("");
  });

  it("describeValue names the JSON type and shows short values", () => {
    expect(runtime.describeValue(undefined)).toBe("missing");
    expect(runtime.describeValue(null)).toBe("null");
    expect(runtime.describeValue("abc")).toBe('string "abc"');
    expect(runtime.describeValue("x".repeat(50))).toBe(`string "${"x".repeat(40)}…"`);
    expect(runtime.describeValue(1.5)).toBe("number 1.5");
    expect(runtime.describeValue(false)).toBe("boolean false");
    expect(runtime.describeValue([1])).toBe("array of 1 item");
    expect(runtime.describeValue([])).toBe("array of 0 items");
    expect(runtime.describeValue({ a: 1 })).toBe("object");
  });

  it("ParseError carries the issues and lists them in its message", () => {
    const issues = runtime.toParseIssues([{ wire: ["a"], model: ["a"], expected: "string", received: 1 }]);
    const error = new runtime.ParseError(issues);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("ParseError");
    expect(error.issues).toBe(issues);
    expect(error.message).toBe("1 issue: $.a: expected string, received number 1");
    const many = runtime.toParseIssues(
      Array.from({ length: 7 }, (_, i) => ({ wire: [i], model: [i], expected: "string", received: i })),
    );
    expect(new runtime.ParseError(many).message).toMatch(/^7 issues: .*\.\.\. and 2 more$/);
  });

  it("runParse returns the worker's value or throws a ParseError with every issue; runSafeParse never throws", () => {
    const worker: runtime.ParseWorker = (value, issues) => {
      if (typeof value !== "number") runtime.addIssue(issues, "number", value, ["n"], ["n"]);
      if (value === "both") runtime.addIssue(issues, "not both", value);
      return { n: value };
    };
    expect(runtime.runParse<{ n: number }>(worker, 3)).toStrictEqual({ n: 3 });
    expect(runtime.runSafeParse<{ n: number }>(worker, 3)).toStrictEqual({ ok: true, value: { n: 3 } });
    expect(() => runtime.runParse(worker, "both")).toThrow(runtime.ParseError);
    expect(() => runtime.runParse(worker, "both")).toThrow(
      '2 issues: $.n: expected number, received string "both"; $: expected not both, received string "both"',
    );
    const failed = runtime.runSafeParse(worker, "x");
    expect(failed).toStrictEqual({
      ok: false,
      issues: [
        {
          wirePath: "$.n",
          modelPath: "n",
          expected: "number",
          received: 'string "x"',
          message: '$.n: expected number, received string "x"',
        },
      ],
    });
  });

  it("runSafeParse reports a worker that throws (a cycle, a throwing getter) as an issue at the root", () => {
    const cyclic: runtime.ParseWorker = () => {
      throw new RangeError("Maximum call stack size exceeded");
    };
    const result = runtime.runSafeParse(cyclic, {});
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.issues.map((i) => i.message)).toEqual([
      "$: expected a JSON value, received RangeError: Maximum call stack size exceeded",
    ]);
  });

  it("codePointLength counts code points, not UTF-16 units", () => {
    expect(runtime.codePointLength("")).toBe(0);
    expect(runtime.codePointLength("abc")).toBe(3);
    expect(runtime.codePointLength("😀")).toBe(1);
    expect(runtime.codePointLength("a😀b")).toBe(3);
    expect(runtime.codePointLength("\ud800")).toBe(1); // a lone surrogate is one code point
    expect(runtime.codePointLength("\ud800\ud800")).toBe(2);
  });

  it("isMultipleOf tolerates binary floating point", () => {
    expect(runtime.isMultipleOf(10, 5)).toBe(true);
    expect(runtime.isMultipleOf(11, 5)).toBe(false);
    expect(runtime.isMultipleOf(0.3, 0.1)).toBe(true);
    expect(runtime.isMultipleOf(0.35, 0.1)).toBe(false);
    expect(runtime.isMultipleOf(-4.5, 1.5)).toBe(true);
  });

  it("allUnique: no two items equal as JSON (uniqueItems)", () => {
    expect(runtime.allUnique([])).toBe(true);
    expect(runtime.allUnique([1, "1", true, null, [1], { a: 1 }])).toBe(true);
    expect(runtime.allUnique([1, 2, 1])).toBe(false);
    expect(
      runtime.allUnique([
        { a: 1, b: [2] },
        { b: [2], a: 1 },
      ]),
    ).toBe(false);
    expect(runtime.allUnique([[1], [1, 1]])).toBe(true);
    expect(runtime.allUnique([null, null])).toBe(false);
  });

  it("jsonEquals compares JSON values deeply, ignoring key order", () => {
    expect(runtime.jsonEquals({ a: [1, { b: 2 }], c: null }, { c: null, a: [1, { b: 2 }] })).toBe(true);
    expect(runtime.jsonEquals({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(runtime.jsonEquals([1, 2], [2, 1])).toBe(false);
    expect(runtime.jsonEquals([], {})).toBe(false);
    expect(runtime.jsonEquals({ a: undefined }, { b: undefined })).toBe(false);
  });

  it("everyValue tests own values only", () => {
    expect(runtime.everyValue({ a: 1, b: 2 }, (v) => typeof v === "number")).toBe(true);
    expect(runtime.everyValue({ a: 1, b: "x" }, (v) => typeof v === "number")).toBe(false);
    expect(runtime.everyValue(JSON.parse('{"__proto__": 1}') as Record<string, unknown>, (v) => v === 1)).toBe(true);
  });
});
