import { describe, expect, it } from "vitest";
import { RUNTIME_EXPORTS } from "../generator/naming/assign-names.js";
import * as runtime from "../templates/runtime.js";

describe("templates/runtime.ts", () => {
  it("exports exactly the names the naming module reserves", () => {
    expect(Object.keys(runtime).sort()).toEqual([...RUNTIME_EXPORTS].sort());
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
});
