/** The rule table: how schemas of OpenAPI 3.0 and 3.1 become IR nodes. Built in memory from inline YAML. */
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../generator/diagnostics.js";
import { buildIr } from "../generator/ir/build/index.js";
import type { Decl, Node } from "../generator/ir/types.js";
import { checkSpec } from "../generator/load/check-spec.js";
import { parseSource, type SpecSet } from "../generator/load/read-spec.js";
import { applyTransforms } from "../generator/transform/index.js";

const FILE = "/virtual/spec.yaml";

function build(
  version: "3.0.3" | "3.1.0",
  schemas: string,
  hoist = false,
): { decls: readonly Decl[]; node: (name: string) => Node; diagnostics: readonly Diagnostic[] } {
  const text =
    `openapi: ${version}\ninfo: { title: t, version: "1" }\npaths: {}\ncomponents:\n  schemas:\n` +
    `${schemas.replace(/^/gm, "    ")}\n`;
  const specs: SpecSet = { root: FILE, files: new Map([[FILE, parseSource(FILE, text)]]) };
  const built = buildIr(specs, checkSpec(specs));
  const ir = hoist ? applyTransforms(built.ir) : built.ir;
  return {
    decls: ir.decls,
    node: (name) => ir.decls.find((d) => d.source === "component" && d.nameParts[0] === name)!.node,
    diagnostics: built.diagnostics,
  };
}

const NULL = { kind: "primitive", type: "null" };

describe("nullability is one thing: a union with null", () => {
  it("3.0 nullable: true", () => {
    const { node, diagnostics } = build("3.0.3", "A: { type: string, nullable: true }");
    expect(node("A")).toEqual({ kind: "union", members: [{ kind: "primitive", type: "string" }, NULL] });
    expect(diagnostics).toEqual([]);
  });
  it("3.1 type array", () => {
    const { node } = build("3.1.0", "A: { type: [string, 'null'] }");
    expect(node("A")).toEqual({ kind: "union", members: [{ kind: "primitive", type: "string" }, NULL] });
  });
  it("3.1 anyOf with a null member", () => {
    const { node } = build(
      "3.1.0",
      "A: { anyOf: [{ $ref: '#/components/schemas/B' }, { type: 'null' }] }\nB: { type: string }",
    );
    expect(node("A")).toEqual({
      kind: "union",
      members: [{ kind: "ref", target: `${FILE}#/components/schemas/B` }, NULL],
    });
  });
  it("3.0 nullable in a 3.1 document is accepted with a warning", () => {
    const { node, diagnostics } = build("3.1.0", "A: { type: integer, nullable: true }");
    expect(node("A")).toEqual({ kind: "union", members: [{ kind: "primitive", type: "integer" }, NULL] });
    expect(diagnostics.map((d) => [d.severity, d.code, d.position?.line])).toEqual([["warning", "nullable-in-3.1", 6]]);
  });
  it("nullable enum keeps null out of the values", () => {
    const { node } = build("3.0.3", "A: { type: string, nullable: true, enum: [a, b, null] }");
    expect(node("A")).toEqual({ kind: "union", members: [{ kind: "enum", values: ["a", "b"] }, NULL] });
  });
  it("allOf of one ref with nullable (GitHub's idiom)", () => {
    const { node } = build(
      "3.0.3",
      "A: { allOf: [{ $ref: '#/components/schemas/B' }], nullable: true }\n" +
        "B: { type: object, properties: { x: { type: string } } }",
    );
    expect(node("A")).toEqual({
      kind: "union",
      members: [{ kind: "ref", target: `${FILE}#/components/schemas/B` }, NULL],
    });
  });
});

describe("constants and enums", () => {
  it("const of every JSON type", () => {
    const { node } = build(
      "3.1.0",
      "S: { const: x }\nN: { const: 1.5 }\nB: { const: false }\nZ: { const: null }\nO: { const: { k: [1] } }",
    );
    expect(node("S")).toEqual({ kind: "literal", value: "x" });
    expect(node("N")).toEqual({ kind: "literal", value: 1.5 });
    expect(node("B")).toEqual({ kind: "literal", value: false });
    expect(node("Z")).toEqual(NULL);
    expect(node("O")).toEqual({ kind: "literal", value: { k: [1] } });
  });
  it("a one-value enum is a literal", () => {
    expect(build("3.0.3", "A: { type: string, enum: [fine_tuning.job] }").node("A")).toEqual({
      kind: "literal",
      value: "fine_tuning.job",
    });
  });
  it("numbers in a string enum are read as strings, with a warning", () => {
    const { node, diagnostics } = build("3.0.3", "A: { type: string, enum: [1, '2'] }");
    expect(node("A")).toEqual({ kind: "enum", values: ["1", "2"] });
    expect(diagnostics.map((d) => d.code)).toEqual(["enum-coerced"]);
  });
});

describe("numbers: 3.0 boolean and 3.1 numeric exclusive bounds normalise to numbers", () => {
  it("3.0 boolean exclusiveMinimum", () => {
    expect(build("3.0.3", "A: { type: integer, minimum: 1, exclusiveMinimum: true, maximum: 50 }").node("A")).toEqual({
      kind: "primitive",
      type: "integer",
      constraints: { exclusiveMinimum: 1, maximum: 50 },
    });
  });
  it("3.1 numeric exclusiveMinimum", () => {
    expect(build("3.1.0", "A: { type: number, exclusiveMinimum: 0 }").node("A")).toEqual({
      kind: "primitive",
      type: "number",
      constraints: { exclusiveMinimum: 0 },
    });
  });
  it("3.0 boolean form inside a 3.1 document is accepted with a warning", () => {
    const { node, diagnostics } = build("3.1.0", "A: { type: number, minimum: 0, exclusiveMinimum: true }");
    expect(node("A")).toEqual({ kind: "primitive", type: "number", constraints: { exclusiveMinimum: 0 } });
    expect(diagnostics.map((d) => d.code)).toEqual(["exclusive-boolean-in-3.1"]);
  });
});

describe("objects, records and composition", () => {
  it("additionalProperties alone is a record (keys are data)", () => {
    expect(build("3.1.0", "A: { type: object, additionalProperties: { type: string } }").node("A")).toEqual({
      kind: "record",
      values: { kind: "primitive", type: "string" },
    });
  });
  it("{} / true / false schemas", () => {
    const { node } = build("3.1.0", "A: {}\nB: true\nC: false");
    expect(node("A")).toEqual({ kind: "unknown" });
    expect(node("B")).toEqual({ kind: "unknown" });
    expect(node("C")).toEqual({ kind: "never" });
  });
  it("a `false` member adds nothing to a union (fuzz seeds 5 and 6: parse.ts did not type-check)", () => {
    const { node } = build(
      "3.1.0",
      "A: { anyOf: [false, { type: [integer, string] }, { type: string, enum: [] }] }\n" +
        "B: { oneOf: [false, { type: 'null' }] }\nC: { anyOf: [false] }",
    );
    expect(node("A")).toEqual({
      kind: "union",
      members: [
        { kind: "primitive", type: "integer" },
        { kind: "primitive", type: "string" },
      ],
    });
    expect(node("B")).toEqual(NULL);
    expect(node("C")).toEqual({ kind: "never" });
  });
  it("allOf of objects merges into one object, in member order, required from any member", () => {
    const { node } = build(
      "3.1.0",
      "Base: { type: object, required: [id], properties: { id: { type: string }, kind: { type: string } } }\n" +
        "Derived: { allOf: [{ $ref: '#/components/schemas/Base' }, " +
        "{ type: object, required: [extra], properties: { extra: { type: integer } } }] }",
    );
    const derived = node("Derived");
    expect(derived.kind).toBe("object");
    if (derived.kind !== "object") return;
    expect(derived.properties.map((p) => [p.key, p.required])).toEqual([
      ["id", true],
      ["kind", false],
      ["extra", true],
    ]);
  });
  it("allOf of keyword fragments is one schema with every keyword", () => {
    expect(build("3.1.0", "A: { allOf: [{ type: string }, { minLength: 2 }] }").node("A")).toEqual({
      kind: "primitive",
      type: "string",
      constraints: { minLength: 2 },
    });
  });
  it("allOf of refs to non-objects stays an intersection", () => {
    expect(
      build(
        "3.1.0",
        "A: { allOf: [{ $ref: '#/components/schemas/S' }, { $ref: '#/components/schemas/T' }] }\n" +
          "S: { type: string }\nT: { type: string, enum: [a, b] }",
      ).node("A"),
    ).toEqual({
      kind: "intersection",
      members: [
        { kind: "ref", target: `${FILE}#/components/schemas/S` },
        { kind: "ref", target: `${FILE}#/components/schemas/T` },
      ],
    });
  });
  it("a property merged from allOf members narrows: string & const is the const", () => {
    const { node } = build(
      "3.1.0",
      "P: { type: object, properties: { kind: { type: string } } }\n" +
        "D: { allOf: [{ $ref: '#/components/schemas/P' }, { properties: { kind: { const: dog } } }] }",
    );
    const d = node("D");
    expect(d.kind === "object" ? d.properties[0]!.node : undefined).toEqual({ kind: "literal", value: "dog" });
  });
  it("oneOf with discriminator: mapping values, else the member's constant", () => {
    const { node } = build(
      "3.1.0",
      [
        "Dog: { type: object, properties: { kind: { const: dog } } }",
        "Cat: { type: object, properties: { kind: { const: cat } } }",
        "Pet: { oneOf: [{ $ref: '#/components/schemas/Dog' }, { $ref: '#/components/schemas/Cat' }], " +
          "discriminator: { propertyName: kind, mapping: { doggo: '#/components/schemas/Dog' } } }",
      ].join("\n"),
    );
    const pet = node("Pet");
    expect(pet.kind === "union" ? pet.discriminator : undefined).toEqual({
      property: "kind",
      cases: [
        { value: "doggo", member: 0 },
        { value: "cat", member: 1 },
      ],
    });
  });
  it("unknown type is an error with a position", () => {
    const { diagnostics } = build("3.1.0", "A: { type: datetime }");
    expect(diagnostics.map((d) => [d.severity, d.code, d.position])).toEqual([
      ["error", "type-unknown", { line: 6, col: 10 }],
    ]);
  });
  it(
    "documentation: description, deprecated, default, readOnly, writeOnly, format, " +
      "and descriptions in anyOf branches",
    () => {
      const { node } = build(
        "3.1.0",
        "A:\n  type: object\n  properties:\n" +
          "    a: { type: string, format: date-time, deprecated: true, default: x, readOnly: true, " +
          "description: Hi }\n" +
          "    b: { anyOf: [{ type: string, description: In the branch. }, { type: 'null' }] }\n" +
          "    c: { type: string, writeOnly: true }",
      );
      const a = node("A");
      if (a.kind !== "object") throw new Error("expected an object");
      expect(a.properties.map((p) => p.doc)).toEqual([
        { description: "Hi", deprecated: true, readOnly: true, default: { value: "x" }, format: "date-time" },
        { description: "In the branch." },
        { writeOnly: true },
      ]);
    },
  );
});

describe("hoisting names inline schemas after their parent and path", () => {
  it("objects and enums below the root become declarations", () => {
    const { decls } = build(
      "3.1.0",
      "Job:\n  type: object\n  properties:\n" +
        "    error: { anyOf: [{ type: object, properties: { code: { type: string } } }, { type: 'null' }] }\n" +
        "    status: { type: string, enum: [a, b] }\n" +
        "    items: { type: array, items: { type: object, properties: { x: { type: string } } } }\n" +
        "    object: { type: string, enum: [job] }",
      true,
    );
    expect(decls.map((d) => [d.source, d.nameParts.join(".")])).toEqual([
      ["component", "Job"],
      ["hoisted", "Job.error"],
      ["hoisted", "Job.status"],
      ["hoisted", "Job.items.Item"],
    ]);
  });
  it("a union at the root names its hoisted members, so none takes the parent's name", () => {
    const { decls } = build(
      "3.1.0",
      "Choice: { anyOf: [{ type: string, enum: [none, auto] }, " +
        "{ type: object, properties: { type: { const: function } } }] }",
      true,
    );
    expect(decls.map((d) => d.nameParts.join("."))).toEqual(["Choice", "Choice.Enum", "Choice.function"]);
  });
});

describe("properties beside a union of constraint-only branches", () => {
  it("keep the object (the branches say which keys are required, not the shape)", () => {
    const { node } = build(
      "3.1.0",
      "A: { type: object, properties: { a: { type: string }, b: { type: string } }, " +
        "anyOf: [{ required: [a] }, { required: [b] }] }",
    );
    const a = node("A");
    expect(a.kind).toBe("object");
    expect(a.kind === "object" ? a.properties.map((p) => p.key) : []).toEqual(["a", "b"]);
  });
});
