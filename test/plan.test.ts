/**
 * The plan and the printers that read it, from IR built by hand (no loader, no spec): what the plan decides, and
 * that mappers, guards and parse print the plan's decisions rather than deciding again.
 */
import { describe, expect, it } from "vitest";
import { emitFiles } from "../generator/emit/files.js";
import type { Decl, Ir, Node, ObjectNode, UnionNode } from "../generator/ir/types.js";
import { assignNames } from "../generator/naming/assign-names.js";
import { makePlan, type Plan } from "../generator/plan/index.js";
import type { UnionPlan } from "../generator/plan/union.js";

const str: Node = { kind: "primitive", type: "string" };
const bool: Node = { kind: "primitive", type: "boolean" };
const NULL: Node = { kind: "primitive", type: "null" };
const ref = (name: string): Node => ({ kind: "ref", target: `#/${name}` });

function decl(name: string, node: Node): Decl {
  return {
    id: `#/${name}`,
    nameParts: [name],
    node,
    doc: {},
    source: "component",
    origin: { file: "spec.yaml", path: [name] },
  };
}

function object(properties: [key: string, node: Node, required: boolean][], additional?: Node): ObjectNode {
  return {
    kind: "object",
    properties: properties.map(([key, node, required]) => ({ key, node, required, doc: {} })),
    additional,
  };
}

const cat = object([
  ["type", { kind: "literal", value: "cat" }, true],
  ["name_x", str, true],
]);
const dog = object([
  ["type", { kind: "literal", value: "dog" }, true],
  ["bark_loud", bool, true],
  ["nick_name", str, false],
]);
const pet: UnionNode = {
  kind: "union",
  members: [ref("Cat"), ref("Dog"), NULL],
  discriminator: {
    property: "type",
    cases: [
      { value: "cat", member: 0 },
      { value: "dog", member: 1 },
    ],
  },
};
const shapes: UnionNode = {
  kind: "union",
  members: [str, ref("Cat"), { kind: "array", items: ref("Dog") }, ref("Nothing")],
};
const nothing = object([["never", { kind: "never" }, true]]);
const ir: Ir = {
  decls: [
    decl("Cat", cat),
    decl("Dog", dog),
    decl("Pet", pet),
    decl("Shapes", shapes),
    decl("Nothing", nothing),
    decl("Plain", str),
  ],
};

function planOf(unknownKeys: "strip" | "keep" | "reject" = "strip"): Plan {
  return makePlan(ir, assignNames(ir).names, { unknownKeys });
}

function text(plan: Plan, file: string): string {
  return emitFiles(ir, plan, { specName: "spec.yaml", runtime: "" }).find((f) => f.path === file)!.text;
}

describe("the plan", () => {
  const plan = planOf();

  it("analysis: differs, converts and empty per declaration", () => {
    expect(["Cat", "Dog", "Pet", "Shapes", "Nothing", "Plain"].map((n) => plan.analysis.differs(`#/${n}`))).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(["Cat", "Pet", "Plain"].map((n) => plan.analysis.converts(`#/${n}`))).toEqual([true, true, false]);
    expect(["Cat", "Nothing"].map((n) => plan.analysis.empty(`#/${n}`))).toEqual([false, true]);
  });

  it("an object: its keys on both sides, the required lead, no copies under strip", () => {
    const o = plan.object(dog);
    expect(o.keys.map((k) => [k.wire, k.model, k.required])).toEqual([
      ["type", "type", true],
      ["bark_loud", "barkLoud", true],
      ["nick_name", "nickName", false],
    ]);
    expect(o.lead).toBe(2);
    expect([o.copyRest, o.rejectUnknown]).toEqual([false, false]);
    expect(planOf("keep").object(dog).copyRest).toBe(true);
    expect(planOf("reject").object(dog).rejectUnknown).toBe(true);
  });

  it("extra keys spelled like a declared key's other form trade places with it", () => {
    const open = object([["known_key", str, true]], { kind: "unknown" });
    const openIr: Ir = { decls: [decl("Open", open)] };
    const o = makePlan(openIr, assignNames(openIr).names, { unknownKeys: "strip" }).object(open);
    expect(o.copyRest).toBe(true);
    expect(o.swaps).toEqual({ fromWire: [["knownKey", "known_key"]], toWire: [["known_key", "knownKey"]] });
  });

  it("a discriminated union: null first, then the tagged candidates in spec order", () => {
    const u = plan.union(pet);
    expect(u.nullable).toBe(true);
    expect(u.candidates.map((c) => [c.index, c.tags, c.sharedTag])).toEqual([
      [0, ["cat"], false],
      [1, ["dog"], false],
    ]);
    expect(u.allTagged).toBe(true);
    // `type` is required in both members: only the constant tells them apart, and `name_x` by presence
    expect(u.candidates[0]!.shape("wire")).toEqual({
      kind: "object",
      checks: [
        { kind: "tag", key: "type", value: "cat" },
        { kind: "has", key: "name_x" },
      ],
    });
    expect(u.candidates[0]!.shape("model")).toEqual({
      kind: "object",
      checks: [
        { kind: "tag", key: "type", value: "cat" },
        { kind: "has", key: "nameX" },
      ],
    });
  });

  it(
    "an undiscriminated union: shapes by JSON type and first item; " + "a member that accepts nothing is no candidate",
    () => {
      const u = plan.union(shapes);
      expect(u.candidates.map((c) => c.index)).toEqual([0, 1, 2]);
      expect(u.accepted).toHaveLength(3);
      expect(u.candidates.map((c) => c.exact)).toEqual([true, false, false]);
      expect(u.candidates[0]!.shape("wire")).toEqual({ kind: "typeof", type: "string" });
      expect(u.candidates[2]!.shape("wire")).toMatchObject({ kind: "array", item: { kind: "object" } });
    },
  );
});

describe("printers read the plan", () => {
  it("mappers, guards and parse print the same candidates with the same tags", () => {
    const plan = planOf();
    const mappers = text(plan, "mappers.ts");
    expect(mappers).toContain(
      'wire === null ? null : fieldOf(wire, "type") === "cat" ? catFromWire(wire as CatWire) : ' +
        'fieldOf(wire, "type") === "dog" ? dogFromWire(wire as DogWire) : (wire as never)',
    );
    const parse = text(plan, "parse.ts");
    const catAt = parse.indexOf('if (fieldOf(value, "type") === "cat") {');
    const dogAt = parse.indexOf('if (fieldOf(value, "type") === "dog") {');
    expect(catAt).toBeGreaterThan(-1);
    expect(dogAt).toBeGreaterThan(catAt);
    expect(text(plan, "guards.ts")).toContain("return (isCatWire(value) || isDogWire(value) || value === null);");
  });

  it("a plan whose union lists its tries the other way round changes mappers and parse alike", () => {
    const plan = planOf();
    const reversed: Plan = {
      ...plan,
      union: (node) => {
        const u = plan.union(node);
        return { ...u, tries: [...u.tries].reverse() } satisfies UnionPlan;
      },
    };
    const mappers = text(reversed, "mappers.ts");
    expect(mappers).toContain(
      'fieldOf(wire, "type") === "dog" ? dogFromWire(wire as DogWire) : ' +
        'fieldOf(wire, "type") === "cat" ? catFromWire(wire as CatWire)',
    );
    const parse = text(reversed, "parse.ts");
    expect(parse.indexOf('if (fieldOf(value, "type") === "dog") {')).toBeLessThan(
      parse.indexOf('if (fieldOf(value, "type") === "cat") {'),
    );
  });

  it("a plan that drops a union's null drops it from every printer", () => {
    const plan = planOf();
    const noNull: Plan = {
      ...plan,
      union: (node) => ({
        ...plan.union(node),
        nullable: false,
        accepted: plan.union(node).accepted.filter((m) => m !== NULL),
      }),
    };
    expect(text(noNull, "mappers.ts")).not.toContain("wire === null ? null");
    expect(text(noNull, "guards.ts")).toContain("return (isCatWire(value) || isDogWire(value));");
    expect(text(noNull, "parse.ts")).not.toMatch(/if \(value === null\) break u\d+;/);
  });

  it("the object plan's keys are what mappers and parse write", () => {
    const plan = planOf();
    const renamed: Plan = {
      ...plan,
      object: (node) => {
        const o = plan.object(node);
        return node === cat
          ? { ...o, keys: o.keys.map((k) => (k.wire === "name_x" ? { ...k, model: "catName" } : k)) }
          : o;
      },
    };
    expect(text(renamed, "mappers.ts")).toContain("catName: wire.name_x,");
    expect(text(renamed, "parse.ts")).toContain("catName: p");
  });

  it("the scalar type test is what guards check and parse reports", () => {
    const plan = planOf();
    const numbers: Plan = {
      ...plan,
      scalar: (node) => (node === str ? { kind: "typeof", type: "number" } : plan.scalar(node)),
    };
    expect(text(plan, "guards.ts")).toContain('return typeof value === "string";');
    expect(text(numbers, "guards.ts")).toContain('return typeof value === "number";');
    expect(text(plan, "parse.ts")).toContain('if (typeof value !== "string") addIssue');
    expect(text(numbers, "parse.ts")).toContain('if (typeof value !== "number") addIssue');
  });
});
