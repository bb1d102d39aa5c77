/**
 * Recursion through allOf (spec/cases/recursion-allof-*.yaml): a schema that allOf-extends itself, directly
 * through a property, array, record or union, or through another schema, generates without errors, stays small,
 * type-checks strictly, and its mappers and guards work on deep recursive values. An allOf of one $ref beside
 * annotation-only members is exactly that reference.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildIr } from "../generator/ir/build/index.js";
import type { Node } from "../generator/ir/types.js";
import { checkSpec } from "../generator/load/check-spec.js";
import { parseSource, type SpecSet } from "../generator/load/read-spec.js";
import { generateFromSpecs, readTemplate } from "../generator/generate.js";
import { checkRoundTrip } from "./arbitrary.js";
import { generateInto, ROOT, SCRATCH, typecheck } from "./helpers.js";

type Fn = (value: unknown) => unknown;
const CASES = ["self", "mutual", "extends"] as const;
const dirs: Record<string, string> = {};
const mappers: Record<string, Record<string, Fn>> = {};
const guards: Record<string, Record<string, Fn>> = {};
const models: Record<string, number> = {};

beforeAll(async () => {
  for (const c of CASES) {
    const { dir, result } = generateInto(
      join(ROOT, "spec", "cases", `recursion-allof-${c}.yaml`),
      join("recursion", c),
    );
    dirs[c] = dir;
    models[c] = result.models;
    mappers[c] = (await import(join(dir, "mappers.ts"))) as Record<string, Fn>;
    guards[c] = (await import(join(dir, "guards.ts"))) as Record<string, Fn>;
  }
});

const FILE = "/virtual/spec.yaml";
function specSet(schemas: string): SpecSet {
  const text =
    `openapi: 3.0.3\ninfo: { title: t, version: "1" }\npaths: {}\ncomponents:\n  schemas:\n` +
    `${schemas.replace(/^/gm, "    ")}\n`;
  return { root: FILE, files: new Map([[FILE, parseSource(FILE, text)]]) };
}
function irOf(schemas: string): { node: (name: string) => Node; codes: string[] } {
  const specs = specSet(schemas);
  const built = buildIr(specs, checkSpec(specs));
  return {
    node: (name) => built.ir.decls.find((d) => d.id === `${FILE}#/components/schemas/${name}`)!.node,
    codes: built.diagnostics.filter((d) => d.severity === "error").map((d) => d.code),
  };
}
const ref = (name: string): Node => ({ kind: "ref", target: `${FILE}#/components/schemas/${name}` });

/**
 * A valid deep Node (recursion-allof-self.yaml) on the wire, keys in the order of the types (Node's, then the
 * extension's).
 */
function deepNode(): Record<string, unknown> {
  const leaf = { value: "leaf", depth_level: 3 };
  return {
    value: "root",
    parent: {
      value: "up",
      parent: { value: "further up", by_name: { "Some Key": { value: "x", alias_name: "a_b" } } },
    },
    next: { value: "n1", next: { value: "n2", either: "text" }, weight_kg: 2.5 },
    children: [
      {
        value: "c1",
        children: [{ value: "c11", children: [leaf], either: { value: "e", is_leaf: true }, depth_level: 2 }],
        depth_level: 1,
      },
      { value: "c2", parent: { value: "root" }, depth_level: 1 },
    ],
    by_name: { first_one: { value: "f", children: [{ value: "g", depth_level: 9 }], alias_name: "first" } },
    either: { value: "e", next: { value: "e2" }, is_leaf: false },
  };
}

describe("recursion through allOf", () => {
  it("generates, with one model per schema and per inline object (no expanded copies)", () => {
    // self: Node + NodeNext, NodeChildrenItem, NodeByNameValue, NodeEither; extends: the five schemas
    expect(models).toEqual({ self: 5, mutual: 8, extends: 5 });
  });

  it("type-checks under the strict options", () => {
    expect(typecheck(join(SCRATCH, "recursion"))).toBe("");
  });

  it("a recursive member is an intersection with a reference to the named type", () => {
    const types = readFileSync(join(dirs["self"]!, "types.ts"), "utf8");
    expect(types).toContain("  next?: Node & NodeNext;\n");
    expect(types).toContain("  children?: (Node & NodeChildrenItem)[];\n");
    expect(types).toContain("  byName?: { [key: string]: Node & NodeByNameValue };\n");
    expect(types).toContain("  either?: string | (Node & NodeEither);\n");
    const mutual = readFileSync(join(dirs["mutual"]!, "types.ts"), "utf8");
    expect(mutual).toContain("  manager?: Manager & EmployeeManager;\n");
    expect(mutual).toContain("  bestFriend?: Employee & PersonBestFriend;\n");
  });

  it("mappers round-trip deep recursive values", () => {
    const m = mappers["self"]!;
    const model = m["nodeFromWire"]!(deepNode()) as Record<string, unknown>;
    expect(model).toMatchObject({
      value: "root",
      parent: { parent: { byName: { "Some Key": { value: "x", aliasName: "a_b" } } } },
      next: { weightKg: 2.5, next: { either: "text" } },
      children: [
        {
          depthLevel: 1,
          children: [{ depthLevel: 2, children: [{ value: "leaf", depthLevel: 3 }], either: { isLeaf: true } }],
        },
        { parent: { value: "root" } },
      ],
      byName: { first_one: { aliasName: "first", children: [{ depthLevel: 9 }] } },
      either: { isLeaf: false, next: { value: "e2" } },
    });
    checkRoundTrip(m["nodeFromWire"]!, m["nodeToWire"]!, deepNode());

    const manager = {
      full_name: "Ada",
      best_friend: {
        full_name: "Bob",
        employee_id: "e2",
        manager: { full_name: "Grace", employee_id: "e0" },
        since_year: 1999,
      },
      employee_id: "e1",
      manager: {
        full_name: "Grace",
        employee_id: "e0",
        direct_reports: [{ full_name: "Ada", employee_id: "e1" }],
        is_acting: true,
      },
      direct_reports: [
        { full_name: "Cy", best_friend: { full_name: "Di", employee_id: "e4", since_year: 2001 }, employee_id: "e3" },
      ],
    };
    const mm = mappers["mutual"]!;
    expect(mm["managerFromWire"]!(manager)).toMatchObject({
      manager: { isActing: true, directReports: [{ employeeId: "e1" }] },
      bestFriend: { sinceYear: 1999, manager: { employeeId: "e0" } },
    });
    checkRoundTrip(mm["managerFromWire"]!, mm["managerToWire"]!, manager);

    const filter = {
      Not: { And: [{ Not: { Or: [] } }, { Dimensions: { Key: "AZ", Values: ["a"] } }] },
      FilterName: "f",
      Parent: { FilterName: "p", Refines: { FilterName: "q" } },
    };
    const me = mappers["extends"]!;
    expect(me["filterFromWire"]!(filter)).toEqual({
      not: { and: [{ not: { or: [] } }, { dimensions: { key: "AZ", values: ["a"] } }] },
      filterName: "f",
      parent: { filterName: "p", refines: { filterName: "q" } },
    });
    checkRoundTrip(me["filterFromWire"]!, me["filterToWire"]!, filter);
  });

  it("guards accept a valid deep value and reject an invalid nested one", () => {
    const g = guards["self"]!;
    const m = mappers["self"]!;
    expect(g["isNodeWire"]!(deepNode())).toBe(true);
    expect(g["isNode"]!(m["nodeFromWire"]!(deepNode()))).toBe(true);
    // biome-ignore lint/suspicious/noExplicitAny: each case mutates a deep generated value in its own way
    const bad: [string, (n: any) => void][] = [
      ["a required key missing three levels down", (n) => delete n.children[0].children[0].children[0].depth_level],
      ["a wrong type in a recursive parent", (n) => (n.parent.parent.value = 1)],
      ["a wrong type in an intersection member", (n) => (n.next.next.weight_kg = "heavy")],
      ["a wrong record value deep inside", (n) => (n.by_name.first_one.children[0].depth_level = "9")],
      ["a union member that is neither", (n) => (n.either.next.either = 5)],
    ];
    for (const [what, f] of bad) {
      const n = deepNode();
      f(n);
      expect(g["isNodeWire"]!(n), what).toBe(false);
    }
    const gm = guards["mutual"]!;
    expect(
      gm["isManagerWire"]!({
        full_name: "A",
        employee_id: "1",
        manager: { full_name: "B", employee_id: "2", direct_reports: [{ full_name: "C", employee_id: "3" }] },
      }),
    ).toBe(true);
    expect(
      gm["isManagerWire"]!({
        full_name: "A",
        employee_id: "1",
        manager: { full_name: "B", employee_id: "2", direct_reports: [{ full_name: "C" }] },
      }),
    ).toBe(false);
    const ge = guards["extends"]!;
    expect(ge["isFilterWire"]!({ FilterName: "f", Not: { Not: { Dimensions: { Values: ["x"] } } } })).toBe(true);
    expect(ge["isFilterWire"]!({ FilterName: "f", Not: { Not: { Dimensions: { Values: [1] } } } })).toBe(false);
    expect(ge["isFilterWire"]!({ FilterName: "f", Parent: { Parent: {} } })).toBe(false);
  });

  it("schemas whose properties extend each other are copied once at most, not once per path", () => {
    const n = 7;
    const schemas = Array.from({ length: n }, (_, i) => {
      const props = Array.from({ length: n }, (_, j) =>
        j === i
          ? ""
          : `      p${j}:\n        allOf:\n          - $ref: "#/components/schemas/S${j}"\n` +
            `          - type: object\n            properties: { x${j}: { type: integer } }\n`,
      ).join("");
      return `S${i}:\n  type: object\n  properties:\n    v: { type: string }\n${props.replace(/^ {6}/gm, "    ")}`;
    }).join("\n");
    const started = performance.now();
    const result = generateFromSpecs(specSet(schemas), readTemplate("runtime.ts"), {});
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    // each schema, each of its extending properties, and each property copied into those: n + n² + n³ at most
    expect(result.models).toBeLessThanOrEqual(n + n * n + n * n * n);
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});

describe("allOf of one $ref beside annotation-only members", () => {
  it("is exactly that reference (the model type is the referenced name)", () => {
    const types = readFileSync(join(dirs["extends"]!, "types.ts"), "utf8");
    expect(types).toContain("  not?: Expression;\n");
    expect(types).toContain("  or?: Expressions;\n");
    expect(types).toContain("  dimensions?: DimensionValues;\n");
    expect(types).toContain("  parent?: Filter;\n");
    expect(readFileSync(join(dirs["self"]!, "types.ts"), "utf8")).toContain("  parent?: Node;\n");
    expect(readFileSync(join(dirs["mutual"]!, "types.ts"), "utf8")).toContain("  directReports?: Employee[];\n");
  });

  it("in the IR: a ref node, for every kind of annotation", () => {
    const { node, codes } = irOf(
      [
        "A: { allOf: [{ $ref: '#/components/schemas/B' }, { description: d, title: t, default: {}, example: 1, " +
          "examples: [1], deprecated: true, readOnly: true, writeOnly: false, nullable: false, " +
          "externalDocs: { url: u }, xml: { name: n }, x-any: 1 }] }",
        "B: { type: object, properties: { x: { type: string } } }",
        "C: { allOf: [{ description: first }, { $ref: '#/components/schemas/B' }, { x-order: 2 }] }",
        "D: { type: object, properties: { b: { allOf: [{ $ref: '#/components/schemas/B' }, " +
          "{ description: the b }] } } }",
      ].join("\n"),
    );
    expect(codes).toEqual([]);
    expect(node("A")).toEqual(ref("B"));
    expect(node("C")).toEqual(ref("B"));
    expect(node("D")).toMatchObject({
      kind: "object",
      properties: [{ key: "b", node: ref("B"), doc: { description: "the b" } }],
    });
  });

  it("is not a plain reference when a member constrains or shapes the value", () => {
    const { node } = irOf(
      [
        "B: { type: object, properties: { x: { type: string } } }",
        "P: { allOf: [{ $ref: '#/components/schemas/B' }, { type: object, properties: { y: { type: integer } } }] }",
        "Q: { allOf: [{ $ref: '#/components/schemas/B' }, { required: [x] }] }",
        "R: { allOf: [{ $ref: '#/components/schemas/B' }, { $ref: '#/components/schemas/P' }] }",
      ].join("\n"),
    );
    expect(node("P")).toMatchObject({ kind: "object", properties: [{ key: "x" }, { key: "y" }] });
    expect(node("Q")).toMatchObject({ kind: "object", properties: [{ key: "x", required: true }] });
    expect(node("R")).toMatchObject({ kind: "object", properties: [{ key: "x" }, { key: "y" }] });
  });
});

describe("a schema defined as itself is typed as any value with a warning, not a crash (class 19)", () => {
  it.each([
    [
      "allOf of itself beside a description",
      "A: { allOf: [{ $ref: '#/components/schemas/A' }, { description: self }] }",
      ["A"],
    ],
    ["allOf of itself", "A: { allOf: [{ $ref: '#/components/schemas/A' }] }", ["A"]],
    ["a $ref to itself", "A: { $ref: '#/components/schemas/A' }", ["A"]],
    [
      "a union through a ref back",
      "A: { oneOf: [{ $ref: '#/components/schemas/B' }, { type: string }] }\nB: { $ref: '#/components/schemas/A' }",
      ["A", "B"],
    ],
    [
      "a pure $ref cycle beside an ordinary schema",
      "Baz: { $ref: '#/components/schemas/Qux' }\nQux: { $ref: '#/components/schemas/Baz' }\n" +
        "Ok: { type: object, properties: { baz: { $ref: '#/components/schemas/Baz' } } }",
      ["Baz", "Qux"],
    ],
  ])("%s", (_, schemas, cyclic) => {
    const specs = specSet(schemas);
    const built = buildIr(specs, checkSpec(specs));
    expect(built.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(built.diagnostics.map((d) => [d.severity, d.code])).toEqual([["warning", "ref-cycle"]]);
    for (const d of built.ir.decls) {
      const name = d.nameParts[0]!;
      if (cyclic.includes(name)) expect(d.node, name).toEqual({ kind: "unknown" });
      else expect(d.node.kind, name).not.toBe("unknown");
    }
  });

  it("A extends B extends A is an input error (allof-cycle)", () => {
    const { codes } = irOf(
      "A: { allOf: [{ $ref: '#/components/schemas/B' }, { type: object, properties: { a: { type: string } } }] }\n" +
        "B: { allOf: [{ $ref: '#/components/schemas/A' }, { type: object, properties: { b: { type: string } } }] }",
    );
    expect(new Set(codes)).toEqual(new Set(["allof-cycle"]));
  });

  it("the warning names the cycle, at the first schema on it", () => {
    const specs = specSet(
      "A: { oneOf: [{ $ref: '#/components/schemas/B' }, { type: string }] }\nB: { $ref: '#/components/schemas/A' }",
    );
    const [d] = buildIr(specs, checkSpec(specs)).diagnostics;
    expect(d?.message).toBe(
      "#/components/schemas/A is defined as itself " +
        "(#/components/schemas/A → #/components/schemas/B → #/components/schemas/A) " +
        "through $ref, allOf, oneOf or anyOf with no object or array in between; " +
        "no type can be that: they are typed as any value (unknown), break the cycle",
    );
    expect(d?.severity).toBe("warning");
    expect(d?.file).toBe(FILE);
    expect(d?.pointer).toBe("#/components/schemas/A");
    expect(d?.position?.line).toBe(6);
  });
});
