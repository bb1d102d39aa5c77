/** Hostile names and text (spec/cases/hostile.yaml): compiles, maps as ordinary data, changes no prototype. */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { generateInto, ROOT } from "./helpers.js";

type Mapper = (value: unknown) => Record<string, unknown>;
let mappers: Record<string, Mapper>;
let files: readonly { path: string; text: string }[];

beforeAll(async () => {
  const { dir, result } = generateInto(join(ROOT, "spec", "cases", "hostile.yaml"), "hostile-runtime");
  files = result.files;
  mappers = (await import(join(dir, "mappers.ts"))) as Record<string, Mapper>;
});

const WIRE = `{
  "__proto__": "proto value",
  "constructor": 7,
  "hasOwnProperty": true,
  "toString": "not a function",
  "": "empty",
  "123": 5,
  "quote\\"d": "q",
  "back\\\\slash": "b",
  "with space": "s",
  "ñandú_größe": "n",
  "🎉_party": "p",
  "\${x}": "t",
  "*/": "c",
  "nested_thing": { "__proto__": { "polluted": "yes", "k": "v" } },
  "enum_text": "*/"
}`;

describe("hostile names", () => {
  it("maps every hostile key as ordinary data and back, exactly", () => {
    const wire = JSON.parse(WIRE) as Record<string, unknown>;
    const model = mappers["hostileFromWire"]!(wire);
    expect(Object.getPrototypeOf(model)).toBe(Object.prototype);
    expect(Object.hasOwn(model, "__proto__")).toBe(true);
    expect(Object.getOwnPropertyDescriptor(model, "__proto__")?.value).toBe("proto value");
    expect(model["constructor"]).toBe(7);
    expect(model["hasOwnProperty"]).toBe(true);
    expect(model["toString"]).toBe("not a function");
    expect(model[""]).toBe("empty");
    expect(model["withSpace"]).toBe("s");
    expect(model["ñandúGröße"]).toBe("n");
    expect(model["🎉_party"]).toBe("p");
    const nested = model["nestedThing"] as Record<string, unknown>;
    expect(Object.getPrototypeOf(nested)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(nested, "__proto__")?.value).toEqual({ polluted: "yes", k: "v" });
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    const back = mappers["hostileToWire"]!(model);
    expect(JSON.stringify(back)).toBe(JSON.stringify(wire));
  });

  it("absent optional prototype-named keys stay absent (the prototype's members are not data)", () => {
    const model = mappers["hostileFromWire"]!(JSON.parse('{"__proto__": "x", "constructor": 1}'));
    expect(Object.keys(model)).toEqual(["__proto__", "constructor"]);
  });

  it("no text from the spec can end a comment or escape a string", () => {
    for (const f of files.filter((f) => f.path.endsWith(".ts"))) {
      const comments = f.text.match(/\/\*[\s\S]*?\*\//g) ?? [];
      for (const c of comments) expect(c.slice(2, -2)).not.toContain("*/");
      expect(f.text).not.toContain("alert(1) /*\n");
    }
    const types = files.find((f) => f.path === "types.ts")!.text;
    expect(types).toContain('export type HostileEnumText = "*/" | "`" | "${a}" | "line\\nbreak" | "quote\\"" | "back\\\\slash" | "";');
  });

  it("schema names that look like paths or differ only in case give safe, distinct files", () => {
    const docs = files.filter((f) => f.path.startsWith("docs/")).map((f) => f.path);
    for (const p of files.map((f) => f.path)) expect(p).toMatch(/^(docs\/)?[\p{L}\p{N}_$]+\.(ts|md)$/u);
    expect(new Set(docs.map((d) => d.toLowerCase())).size).toBe(docs.length);
  });
});
