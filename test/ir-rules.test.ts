/**
 * The build rules one at a time: each rule module's function on one schema, in a small test context (an
 * in-memory document holding the `$ref` targets; no loader, no checkSpec). Each row is `[name, { given, want }]`:
 * the schema, the node it builds, and the diagnostic codes it reports (none unless `codes` says so).
 */
import { describe, expect, it } from "vitest";
import { buildAllOf, buildRef, buildUnion } from "../generator/ir/build/composition.js";
import { createContext, type BuildContext } from "../generator/ir/build/context.js";
import { docOf } from "../generator/ir/build/doc.js";
import { intersection } from "../generator/ir/build/intersection.js";
import { buildSchema, ruleFor } from "../generator/ir/build/rules.js";
import { buildConst, buildEnum, buildPrimitive } from "../generator/ir/build/scalar.js";
import { buildArray, buildObject } from "../generator/ir/build/structural.js";
import { buildTyped } from "../generator/ir/build/typed.js";
import type { Assertion, Doc, Node, PrimitiveType, Property } from "../generator/ir/types.js";
import type { LoadedFile } from "../generator/load/read-spec.js";
import type { Location } from "../generator/load/resolve-ref.js";

const FILE = "/virtual/rules.json";
const AT: Location = { file: FILE, path: ["components", "schemas", "T"] };
const ref = (name: string): { $ref: string } => ({ $ref: `#/components/schemas/${name}` });
const id = (name: string): string => `${FILE}#/components/schemas/${name}`;

/** The `$ref` targets every row can use. */
const SCHEMAS = {
  B: { type: "object", properties: { x: { type: "string" } }, required: ["x"] },
  S: { type: "string" },
  E: { enum: ["a", "b"] },
  Cat: { type: "object", properties: { kind: { const: "cat" } } },
  Dog: { type: "object", properties: { kind: { type: "string", enum: ["dog"] } } },
  Fish: { type: "object" },
};

function context(version: "3.0" | "3.1"): BuildContext {
  const value = { openapi: version === "3.0" ? "3.0.3" : "3.1.0", components: { schemas: SCHEMAS } };
  const file: LoadedFile = { path: FILE, text: "", format: "json", value, locate: () => undefined };
  return createContext({ root: FILE, files: new Map([[FILE, file]]) }, version, buildSchema);
}

const STRING: Node = { kind: "primitive", type: "string" };
const INTEGER: Node = { kind: "primitive", type: "integer" };
const BOOLEAN: Node = { kind: "primitive", type: "boolean" };
const NULL: Node = { kind: "primitive", type: "null" };
const UNKNOWN: Node = { kind: "unknown" };
const NEVER: Node = { kind: "never" };
const refTo = (name: string): Node => ({ kind: "ref", target: id(name) });
const union = (...members: Node[]): Node => ({ kind: "union", members });
/** A `oneOf`: exclusive (exactly one member, under `strict`). */
const oneOf = (...members: Node[]): Node => ({ kind: "union", members, exclusive: true });
const object = (...properties: Property[]): Node => ({ kind: "object", properties, additional: undefined });
/** An object read from `properties` without a `type`. */
const inferredObject = (...properties: Property[]): Node => ({
  kind: "object",
  properties,
  additional: undefined,
  inferred: true,
});
const prop = (key: string, node: Node, required = false, doc: Doc = {}): Property => ({ key, node, required, doc });
/** `{ required: [...keys] }` without a type: any value; an object must have the keys. */
const requires = (...keys: string[]): Node => ({
  kind: "unknown",
  checks: [
    {
      kind: "ofType",
      type: "object",
      node: { kind: "object", properties: keys.map((k) => prop(k, UNKNOWN, true)), additional: UNKNOWN },
    },
  ],
});
const checked = (node: Node, ...checks: Assertion[]): Node => ({ ...node, checks });

interface Row {
  readonly given: unknown;
  readonly want: Node;
  /** Default 3.1. */
  readonly version?: "3.0" | "3.1";
  /** Diagnostic codes, in order. */
  readonly codes?: readonly string[];
  /** Prepares the context (a guard raised, as when the rule runs inside a merge). */
  readonly setup?: (ctx: BuildContext) => void;
}

type Rule = (schema: never, at: Location, ctx: BuildContext) => Node;

function rows(rule: Rule, table: readonly (readonly [string, Row])[]): void {
  it.each(table)("%s", (_, row) => {
    const ctx = context(row.version ?? "3.1");
    row.setup?.(ctx);
    expect(rule(row.given as never, AT, ctx)).toStrictEqual(row.want);
    expect(ctx.diagnostics.map((d) => d.code)).toEqual(row.codes ?? []);
  });
}

describe("rules.ts: the table", () => {
  it.each([
    ["$ref wins over everything", { given: { $ref: "#/x", allOf: [], type: "string" }, want: "ref" }],
    ["allOf over oneOf", { given: { allOf: [], oneOf: [] }, want: "allOf" }],
    ["oneOf over const", { given: { oneOf: [], const: 1 }, want: "union" }],
    ["anyOf", { given: { anyOf: [] }, want: "union" }],
    ["const over enum", { given: { const: 1, enum: [1] }, want: "const" }],
    ["enum over type", { given: { enum: [1], type: "integer" }, want: "enum" }],
    ["type", { given: { type: "string" }, want: "typed" }],
    ["no keyword at all", { given: {}, want: "typed" }],
  ] as const)("%s", (_, { given, want }) => {
    expect(ruleFor(given).name).toBe(want);
  });

  describe("boolean schemas and non-schemas, before the table", () => {
    rows(buildSchema, [
      ["true is unknown", { given: true, want: UNKNOWN }],
      ["false is never", { given: false, want: NEVER }],
      ["{} is unknown", { given: {}, want: UNKNOWN }],
      ["a number is an error", { given: 3, want: UNKNOWN, codes: ["schema-invalid"] }],
      ["a list is an error", { given: [], want: UNKNOWN, codes: ["schema-invalid"] }],
    ]);
  });

  describe("nullable (3.0), the step every rule is wrapped in", () => {
    rows(buildSchema, [
      ["3.0 nullable type", { version: "3.0", given: { type: "string", nullable: true }, want: union(STRING, NULL) }],
      [
        "in 3.1, with a warning",
        {
          given: { type: "string", nullable: true },
          want: union(STRING, NULL),
          codes: ["nullable-in-3.1"],
        },
      ],
      [
        "beside $ref: no warning, even in 3.1",
        {
          given: { ...ref("B"), nullable: true },
          want: union(refTo("B"), NULL),
        },
      ],
      [
        "allOf of one ref (GitHub's idiom)",
        {
          version: "3.0",
          given: { allOf: [ref("B")], nullable: true },
          want: union(refTo("B"), NULL),
        },
      ],
      [
        "an enum with null: null once",
        {
          version: "3.0",
          given: { type: "string", enum: ["a", "b", null], nullable: true },
          want: union({ kind: "enum", values: ["a", "b"] }, NULL),
        },
      ],
      [
        "a union gets null last",
        {
          version: "3.0",
          given: { oneOf: [{ type: "string" }, { type: "integer" }], nullable: true },
          want: oneOf(STRING, INTEGER, NULL),
        },
      ],
      ["unknown stays unknown", { version: "3.0", given: { nullable: true }, want: UNKNOWN }],
      ["null stays null", { version: "3.0", given: { type: "null", nullable: true }, want: NULL }],
      ["nullable: false is nothing", { version: "3.0", given: { type: "string", nullable: false }, want: STRING }],
    ]);
  });
});

describe("assertions.ts: the keywords only validation enforces, the step of every rule but $ref and unions", () => {
  const array = (items: Node): Node => ({ kind: "array", items });
  rows(buildSchema, [
    ["not", { given: { not: { type: "string" } }, want: checked(UNKNOWN, { kind: "not", node: STRING }) }],
    [
      "not of a schema without type: as JSON Schema reads it (non-objects are valid against it)",
      { given: { not: { required: ["a"] } }, want: checked(UNKNOWN, { kind: "not", node: requires("a") }) },
    ],
    [
      "if/then/else, a branch may be absent",
      {
        given: { type: "integer", if: { minimum: 3 }, else: { const: 1 } },
        want: checked(INTEGER, {
          kind: "if",
          test: { kind: "unknown", when: { number: { minimum: 3 } } },
          valid: undefined,
          invalid: { kind: "literal", value: 1 },
        }),
      },
    ],
    [
      "uniqueItems true (false says nothing), contains with its counts",
      {
        given: { type: "array", uniqueItems: true, contains: { type: "string" }, maxContains: 2 },
        want: checked(array(UNKNOWN), { kind: "uniqueItems" }, { kind: "contains", node: STRING, min: 1, max: 2 }),
      },
    ],
    ["uniqueItems false: nothing", { given: { type: "array", uniqueItems: false }, want: array(UNKNOWN) }],
    [
      "minProperties 0 says nothing; maxProperties, propertyNames",
      {
        given: { type: "object", minProperties: 0, maxProperties: 2, propertyNames: { maxLength: 3 } },
        want: checked(
          { kind: "record", values: UNKNOWN },
          { kind: "propertyCount", min: undefined, max: 2 },
          { kind: "propertyNames", node: { kind: "unknown", when: { string: { maxLength: 3 } } } },
        ),
      },
    ],
    [
      "dependentRequired, dependentSchemas and draft4 dependencies (a list or a schema)",
      {
        version: "3.0",
        given: {
          type: "object",
          dependentRequired: { a: ["b"] },
          dependentSchemas: { c: { required: ["d"] } },
          dependencies: { e: ["f", 3], g: false },
        },
        want: checked(
          { kind: "record", values: UNKNOWN },
          { kind: "dependentRequired", key: "a", required: ["b"] },
          { kind: "dependentSchema", key: "c", node: requires("d") },
          { kind: "dependentRequired", key: "e", required: ["f"] },
          { kind: "dependentSchema", key: "g", node: NEVER },
        ),
      },
    ],
    [
      "patternProperties with the declared keys and additionalProperties; an invalid pattern warns",
      {
        given: {
          properties: { a: { type: "string" } },
          patternProperties: { "^x": { type: "integer" }, "(": {} },
          additionalProperties: false,
        },
        want: checked(
          { kind: "object", properties: [prop("a", STRING)], additional: UNKNOWN, inferred: true },
          {
            kind: "patternProperties",
            patterns: [{ pattern: "^x", node: INTEGER }],
            declared: ["a"],
            additional: NEVER,
          },
        ),
        codes: ["pattern-invalid"],
      },
    ],
    [
      "allOf fragments: each keeps its own assertions",
      {
        // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword
        given: { allOf: [{ if: { const: 1 } }, { then: false }] },
        want: checked(UNKNOWN, {
          kind: "if",
          test: { kind: "literal", value: 1 },
          valid: undefined,
          invalid: undefined,
        }),
      },
    ],
    [
      "beside a union, through the keywords beside it: the union, asserting them",
      {
        given: { anyOf: [{ type: "string" }, { type: "integer" }], not: { const: 2 } },
        want: checked(union(STRING, INTEGER), { kind: "not", node: { kind: "literal", value: 2 } }),
      },
    ],
    [
      "unevaluatedProperties, with what the keywords beside it evaluate (an anyOf member's keys when it holds)",
      {
        given: {
          properties: { a: {} },
          anyOf: [{ required: ["b"], properties: { b: {} } }, {}],
          unevaluatedProperties: false,
        },
        want: checked(object(prop("a", UNKNOWN)), {
          kind: "unevaluatedProperties",
          node: NEVER,
          evaluated: {
            keys: ["a"],
            patterns: [],
            all: false,
            branches: [
              {
                when: {
                  kind: "valid",
                  node: {
                    kind: "unknown",
                    checks: [
                      {
                        kind: "ofType",
                        type: "object",
                        node: { kind: "object", properties: [prop("b", UNKNOWN, true)], additional: undefined },
                      },
                    ],
                  },
                },
                evaluated: { keys: ["b"], patterns: [], all: false, branches: [] },
              },
            ],
          },
        }),
      },
    ],
    [
      "unevaluatedItems, with what the keywords beside it evaluate (prefixItems, contains)",
      {
        given: { type: "array", prefixItems: [{}], contains: { const: 1 }, unevaluatedItems: false },
        want: checked(
          { kind: "tuple", items: [UNKNOWN], rest: UNKNOWN, required: 0 },
          { kind: "contains", node: { kind: "literal", value: 1 }, min: 1, max: undefined },
          {
            kind: "unevaluatedItems",
            node: NEVER,
            evaluated: { prefix: 1, all: false, contains: [{ kind: "literal", value: 1 }], branches: [] },
          },
        ),
      },
    ],
    [
      "$dynamicRef warns: it is not enforced",
      {
        given: { $dynamicRef: "#node" },
        want: UNKNOWN,
        codes: ["keyword-unenforced"],
      },
    ],
  ]);
});

describe("composition.ts", () => {
  describe("$ref", () => {
    rows(buildRef, [
      [
        "3.1: keywords beside a $ref hold too (intersected)",
        {
          given: { ...ref("S"), maxLength: 2 },
          want: {
            kind: "intersection",
            members: [refTo("S"), { kind: "unknown", when: { string: { maxLength: 2 } } }],
          },
        },
      ],
      [
        "3.0: keywords beside a $ref are ignored",
        { version: "3.0", given: { ...ref("S"), maxLength: 2 }, want: refTo("S") },
      ],
      ["3.1: type: object beside a $ref adds nothing", { given: { ...ref("B"), type: "object" }, want: refTo("B") }],
      ["a component", { given: ref("B"), want: refTo("B") }],
      [
        "a schema inside a component",
        {
          given: { $ref: "#/components/schemas/B/properties/x" },
          want: { kind: "ref", target: `${id("B")}/properties/x` },
        },
      ],
      ["points to nothing", { given: ref("Nope"), want: UNKNOWN, codes: ["ref-missing"] }],
      ["not a string", { given: { $ref: 5 }, want: UNKNOWN, codes: ["ref-invalid"] }],
      ["remote", { given: { $ref: "https://example.com/a.yaml" }, want: UNKNOWN, codes: ["ref-remote"] }],
    ]);
    it("registers the declaration it names, once, with its name", () => {
      const ctx = context("3.1");
      buildRef(ref("B"), AT, ctx);
      buildRef(ref("B"), AT, ctx);
      const origin = { file: FILE, path: ["components", "schemas", "B"] };
      expect([...ctx.registry.decls.entries()]).toEqual([[id("B"), { nameParts: ["B"], source: "component", origin }]]);
      expect(ctx.registry.queue).toEqual([id("B")]);
    });
  });

  describe("allOf", () => {
    const merged = object(prop("x", STRING, true), prop("y", INTEGER));
    // `{ properties: ... }` without a type: an object read from its keywords (`inferred`)
    const recursive: Node = {
      kind: "intersection",
      members: [refTo("B"), inferredObject(prop("y", INTEGER))],
    };
    rows(buildAllOf, [
      ["one member: that member", { given: { allOf: [{ type: "string" }] }, want: STRING }],
      [
        "merge: the properties of every member, in order",
        {
          given: { allOf: [ref("B"), { type: "object", properties: { y: { type: "integer" } } }] },
          want: merged,
        },
      ],
      [
        "merge: own properties beside the members",
        {
          given: { allOf: [ref("B")], properties: { y: { type: "integer" } } },
          want: merged,
        },
      ],
      [
        "a sole $ref beside nullable: true (the 3.0 idiom): the ref or null",
        {
          version: "3.0",
          given: { allOf: [ref("B"), { nullable: true, description: "d" }] },
          want: union(refTo("B"), NULL),
        },
      ],
      [
        "the same idiom in a 3.1 document: warned as 3.0 nullable",
        { given: { allOf: [ref("B"), { nullable: true }] }, want: union(refTo("B"), NULL), codes: ["nullable-in-3.1"] },
      ],
      [
        "merge: a required key no member declares is a property of any value, last",
        {
          given: { allOf: [ref("B"), { type: "object", required: ["z"], properties: { y: { type: "integer" } } }] },
          want: object(prop("x", STRING, true), prop("y", INTEGER), prop("z", UNKNOWN, true)),
        },
      ],
      [
        "annotation-only beside one $ref: exactly the ref",
        {
          given: { allOf: [ref("B"), { description: "d" }, { "x-tag": 1 }] },
          want: refTo("B"),
        },
      ],
      [
        "fragments: one schema with every keyword",
        {
          given: { allOf: [{ type: "string" }, { minLength: 2 }] },
          want: { kind: "primitive", type: "string", constraints: { minLength: 2 } },
        },
      ],
      [
        "fragments with several items: every item is all of them",
        {
          given: { allOf: [{ type: "array", items: { type: "string" } }, { items: { minLength: 1 } }] },
          want: { kind: "array", items: { kind: "primitive", type: "string", constraints: { minLength: 1 } } },
        },
      ],
      [
        "refs to non-objects: an intersection",
        {
          given: { allOf: [ref("S"), ref("E")] },
          want: { kind: "intersection", members: [refTo("S"), refTo("E")] },
        },
      ],
      [
        "a key two members disagree on: intersection and a warning",
        {
          given: { allOf: [{ properties: { a: { type: "string" } } }, { properties: { a: { type: "integer" } } }] },
          want: object(prop("a", { kind: "intersection", members: [STRING, INTEGER] })),
          codes: ["allof-conflict"],
        },
      ],
      [
        "a merged schema being expanded already: recursive, kept as an intersection with its ref",
        {
          setup: (ctx) => ctx.guards.expanding.add(id("B")),
          given: { allOf: [ref("B"), { type: "object" }, { properties: { y: { type: "integer" } } }] },
          want: recursive,
        },
      ],
      [
        "inside copied properties: one level of copying only",
        {
          setup: (ctx) => void (ctx.guards.copying = 1),
          given: { allOf: [ref("B"), { properties: { y: { type: "integer" } } }] },
          want: recursive,
        },
      ],
      [
        "with an own oneOf: members & union",
        {
          given: { allOf: [ref("S")], oneOf: [ref("E"), { const: "c" }] },
          want: { kind: "intersection", members: [refTo("S"), oneOf(refTo("E"), { kind: "literal", value: "c" })] },
        },
      ],
    ]);
  });

  describe("oneOf / anyOf", () => {
    const pets = [refTo("Cat"), refTo("Dog"), refTo("Fish")];
    const cases = [
      { value: "kitty", member: 0 },
      { value: "dog", member: 1 },
      { value: "Fish", member: 2 },
    ];
    rows(buildUnion, [
      [
        "keywords beside anyOf hold too: their schema intersected with the union",
        {
          given: { type: "string", maxLength: 5, anyOf: [{ minLength: 2 }, { pattern: "^x" }] },
          want: {
            kind: "intersection",
            members: [
              { kind: "primitive", type: "string", constraints: { maxLength: 5 } },
              {
                kind: "union",
                members: [
                  { kind: "unknown", when: { string: { minLength: 2 } } },
                  { kind: "unknown", when: { string: { pattern: "^x" } } },
                ],
              },
            ],
          },
        },
      ],
      [
        "type: object beside oneOf adds nothing",
        { given: { type: "object", oneOf: [ref("B"), ref("Fish")] }, want: oneOf(refTo("B"), refTo("Fish")) },
      ],
      [
        "the members, in order",
        {
          given: { oneOf: [{ type: "string" }, { type: "integer" }] },
          want: oneOf(STRING, INTEGER),
        },
      ],
      [
        "anyOf with null (3.1): null last",
        {
          given: { anyOf: [{ type: "null" }, ref("B")] },
          want: union(refTo("B"), NULL),
        },
      ],
      ["a false member adds nothing", { given: { anyOf: [{ type: "string" }, false] }, want: STRING }],
      ["only false: never", { given: { anyOf: [false] }, want: NEVER }],
      ["an unknown anyOf member makes it unknown", { given: { anyOf: [{ type: "string" }, {}] }, want: UNKNOWN }],
      [
        "an unknown oneOf member: unknown, its members kept (strict checks exactly one)",
        {
          given: { oneOf: [{ type: "string" }, {}] },
          want: checked(UNKNOWN, { kind: "anyOf", nodes: [STRING, UNKNOWN], oneOf: true }),
        },
      ],
      [
        "plain unions inside are flattened",
        {
          given: { oneOf: [{ oneOf: [{ type: "string" }, { type: "integer" }] }, { type: "boolean" }] },
          want: union(STRING, INTEGER, BOOLEAN),
        },
      ],
      [
        "discriminator: mapping, else the member's constant, else its name",
        {
          given: {
            oneOf: [ref("Cat"), ref("Dog"), ref("Fish")],
            discriminator: { propertyName: "kind", mapping: { kitty: "#/components/schemas/Cat" } },
          },
          want: { kind: "union", members: pets, discriminator: { property: "kind", cases }, exclusive: true },
        },
      ],
      [
        "discriminator mapping by bare schema name",
        {
          given: { anyOf: [ref("Cat"), ref("Dog")], discriminator: { propertyName: "kind", mapping: { d: "Dog" } } },
          want: {
            kind: "union",
            members: [refTo("Cat"), refTo("Dog")],
            discriminator: {
              property: "kind",
              cases: [
                { value: "cat", member: 0 },
                { value: "d", member: 1 },
              ],
            },
          },
        },
      ],
      [
        "without a discriminator: matched by structure",
        {
          given: { oneOf: [ref("Cat"), ref("Dog")] },
          want: oneOf(refTo("Cat"), refTo("Dog")),
        },
      ],
      [
        "discriminator without propertyName: a warning",
        {
          given: { oneOf: [ref("Cat"), ref("Dog")], discriminator: {} },
          want: oneOf(refTo("Cat"), refTo("Dog")),
          codes: ["discriminator-invalid"],
        },
      ],
      [
        "discriminator over inline members only: none",
        {
          given: { oneOf: [{ type: "string" }, { type: "integer" }], discriminator: { propertyName: "kind" } },
          want: oneOf(STRING, INTEGER),
        },
      ],
      [
        "properties beside required-only branches: the object, asserting one of them",
        {
          given: { properties: { a: { type: "string" } }, anyOf: [{ required: ["a"] }, { required: ["b"] }] },
          want: {
            ...object(prop("a", STRING)),
            checks: [{ kind: "anyOf", nodes: [requires("a"), requires("b")], oneOf: false }],
          },
        },
      ],
      ["not a list: an error", { given: { oneOf: 3 }, want: UNKNOWN, codes: ["schema-invalid"] }],
    ]);
  });

  it.each([
    [
      'string & "dog" is "dog"',
      {
        given: [STRING, { kind: "literal", value: "dog" }],
        want: { kind: "literal", value: "dog" },
      },
    ],
    ["unknown drops out", { given: [UNKNOWN, STRING], want: STRING }],
    [
      "a union beside a scalar keeps the members of its JSON type: null & (string | object) is never",
      { given: [NULL, union(STRING, object(prop("a", STRING)))], want: NEVER },
    ],
    ["(integer | null) & integer: the integer member", { given: [union(INTEGER, NULL), INTEGER], want: INTEGER }],
    [
      "several members of the type stay a union (null left out)",
      {
        given: [STRING, union({ kind: "enum", values: ["a", "b"] }, { kind: "literal", value: "c" }, NULL)],
        want: {
          kind: "intersection",
          members: [STRING, union({ kind: "enum", values: ["a", "b"] }, { kind: "literal", value: "c" })],
        },
      },
    ],
    ["duplicates are removed", { given: [STRING, STRING], want: STRING }],
    [
      "nested intersections are flattened",
      {
        given: [{ kind: "intersection", members: [STRING, INTEGER] }, BOOLEAN],
        want: { kind: "intersection", members: [STRING, INTEGER, BOOLEAN] },
      },
    ],
    ["nothing left: unknown", { given: [UNKNOWN], want: UNKNOWN }],
  ] as [string, { given: Node[]; want: Node }][])("intersection: %s", (_, { given, want }) => {
    expect(intersection(given)).toEqual(want);
  });
});

describe("scalar.ts", () => {
  describe("const", () => {
    rows(buildConst, [
      ["a string", { given: { const: "x" }, want: { kind: "literal", value: "x" } }],
      ["a number", { given: { const: 1.5 }, want: { kind: "literal", value: 1.5 } }],
      ["false", { given: { const: false }, want: { kind: "literal", value: false } }],
      ["null is the null primitive", { given: { const: null }, want: NULL }],
      ["an object", { given: { const: { k: [1] } }, want: { kind: "literal", value: { k: [1] } } }],
    ]);
  });

  describe("enum", () => {
    rows(buildEnum, [
      ["two values", { given: { enum: ["a", "b"] }, want: { kind: "enum", values: ["a", "b"] } }],
      ["one value is a literal", { given: { enum: ["a"] }, want: { kind: "literal", value: "a" } }],
      ["duplicates once", { given: { enum: ["a", "a"] }, want: { kind: "literal", value: "a" } }],
      [
        "null is split off",
        {
          given: { enum: ["a", "b", null] },
          want: union({ kind: "enum", values: ["a", "b"] }, NULL),
        },
      ],
      [
        "a type list with null adds no null to an enum (JSON Schema), with a warning",
        {
          given: { type: ["string", "null"], enum: ["a", "b"] },
          want: { kind: "enum", values: ["a", "b"] },
          codes: ["enum-without-null"],
        },
      ],
      [
        "null listed in the enum and the type",
        {
          given: { type: ["string", "null"], enum: ["a", null] },
          want: union({ kind: "literal", value: "a" }, NULL),
        },
      ],
      [
        "numbers in a string enum become strings, with a warning each",
        {
          given: { type: "string", enum: [1, "a", true] },
          want: { kind: "enum", values: ["1", "a", "true"] },
          codes: ["enum-coerced", "enum-coerced"],
        },
      ],
      [
        "objects are literals after the scalars",
        {
          given: { enum: [{ o: 1 }, 2] },
          want: union({ kind: "literal", value: 2 }, { kind: "literal", value: { o: 1 } }),
        },
      ],
      ["no value: never", { given: { enum: [] }, want: NEVER }],
      ["not a list: an error", { given: { enum: "a" }, want: UNKNOWN, codes: ["schema-invalid"] }],
    ]);
  });

  describe("primitives and their constraints", () => {
    const primitive =
      (type: PrimitiveType): Rule =>
      (schema, at, ctx) =>
        buildPrimitive(schema, type, at, ctx);
    const number = (constraints: object): Node => ({ kind: "primitive", type: "number", constraints });
    rows(primitive("number"), [
      ["none", { given: { type: "number" }, want: { kind: "primitive", type: "number" } }],
      [
        "3.0 boolean exclusiveMinimum makes minimum exclusive",
        {
          version: "3.0",
          given: { minimum: 1, exclusiveMinimum: true, maximum: 9 },
          want: number({ exclusiveMinimum: 1, maximum: 9 }),
        },
      ],
      [
        "3.0 exclusiveMaximum: false keeps maximum",
        {
          version: "3.0",
          given: { maximum: 9, exclusiveMaximum: false },
          want: number({ maximum: 9 }),
        },
      ],
      [
        "3.1 numeric exclusive bounds",
        {
          given: { exclusiveMinimum: 0, exclusiveMaximum: 10 },
          want: number({ exclusiveMinimum: 0, exclusiveMaximum: 10 }),
        },
      ],
      [
        "3.0 boolean form in 3.1: read as 3.0, with a warning",
        {
          given: { minimum: 1, exclusiveMinimum: true },
          want: number({ exclusiveMinimum: 1 }),
          codes: ["exclusive-boolean-in-3.1"],
        },
      ],
      ["multipleOf, only when positive", { given: { multipleOf: 0, minimum: 2 }, want: number({ minimum: 2 }) }],
      ["string keywords do not apply", { given: { minLength: 2 }, want: { kind: "primitive", type: "number" } }],
    ]);
    rows(primitive("string"), [
      [
        "lengths, pattern and format",
        {
          given: { minLength: 1, maxLength: 3, pattern: "^a+$", format: "email" },
          want: {
            kind: "primitive",
            type: "string",
            format: "email",
            constraints: { minLength: 1, maxLength: 3, pattern: "^a+$" },
          },
        },
      ],
      [
        "a pattern that does not compile is left out, with a warning",
        {
          given: { pattern: "(" },
          want: STRING,
          codes: ["pattern-invalid"],
        },
      ],
      ["number keywords do not apply", { given: { minimum: 1 }, want: STRING }],
    ]);
  });
});

describe("typed.ts: type (3.0) and type arrays (3.1)", () => {
  rows(buildTyped, [
    [
      "constraints and no type: any value, with the constraints per JSON type",
      {
        given: { maxLength: 3, minimum: 1, maxItems: 2 },
        want: { kind: "unknown", when: { number: { minimum: 1 }, string: { maxLength: 3 }, array: { maxItems: 2 } } },
      },
    ],
    ["no type, no constraint: any value", { given: { description: "d" }, want: UNKNOWN }],
    ["one type", { given: { type: "boolean" }, want: BOOLEAN }],
    ["3.1 [string, null]", { given: { type: ["string", "null"] }, want: union(STRING, NULL) }],
    ["null moves last", { given: { type: ["null", "integer"] }, want: union(INTEGER, NULL) }],
    ["duplicates once", { given: { type: ["string", "string"] }, want: STRING }],
    [
      "a list in 3.0: a union, with a warning",
      {
        version: "3.0",
        given: { type: ["string", "integer"] },
        want: union(STRING, INTEGER),
        codes: ["type-array-in-3.0"],
      },
    ],
    [
      "object and array in one list",
      {
        given: { type: ["object", "array"], items: { type: "string" } },
        want: union({ kind: "record", values: UNKNOWN }, { kind: "array", items: STRING }),
      },
    ],
    [
      "no type, properties: object, read from its keywords (inferred)",
      {
        given: { properties: { a: { type: "string" } } },
        want: inferredObject(prop("a", STRING)),
      },
    ],
    [
      "no type, items: array, inferred",
      { given: { items: { type: "string" } }, want: { kind: "array", items: STRING, inferred: true } },
    ],
    ["required alone: any value, objects must have the key", { given: { required: ["a"] }, want: requires("a") }],
    ["an unknown type is an error", { given: { type: "wat" }, want: UNKNOWN, codes: ["type-unknown"] }],
    [
      "a schema under type (written a level too deep) is ignored with a warning; the rest holds",
      {
        given: { type: { type: "string" }, maxLength: 2 },
        want: { kind: "unknown", when: { string: { maxLength: 2 } } },
        codes: ["type-invalid"],
      },
    ],
  ]);
});

describe("structural.ts", () => {
  describe("objects and records", () => {
    rows(buildObject, [
      [
        "properties in spec order, required, documented",
        {
          given: {
            properties: { b: { type: "string", description: "d" }, a: { type: "integer" } },
            required: ["b", 3],
          },
          want: object(prop("b", STRING, true, { description: "d" }), prop("a", INTEGER)),
        },
      ],
      [
        "a required key that properties does not declare: a property of any value, last",
        {
          given: { properties: { a: { type: "string" } }, required: ["b", "a"] },
          want: object(prop("a", STRING, true), prop("b", UNKNOWN, true)),
        },
      ],
      [
        "required keys and no properties: those keys (any value), every other key as data",
        {
          given: { type: "object", required: ["id"] },
          want: { kind: "object", properties: [prop("id", UNKNOWN, true)], additional: UNKNOWN },
        },
      ],
      [
        "additionalProperties alone: a record",
        {
          given: { additionalProperties: { type: "integer" } },
          want: { kind: "record", values: INTEGER },
        },
      ],
      ["no properties: a record of anything", { given: { type: "object" }, want: { kind: "record", values: UNKNOWN } }],
      [
        "additionalProperties: false alone: a record of never",
        {
          given: { additionalProperties: false },
          want: { kind: "record", values: NEVER },
        },
      ],
      [
        "properties and additionalProperties",
        {
          given: { properties: { a: {} }, additionalProperties: true },
          want: { kind: "object", properties: [prop("a", UNKNOWN)], additional: UNKNOWN },
        },
      ],
      [
        "additionalProperties: false beside properties: closed (no other key is valid)",
        {
          given: { properties: { a: {} }, additionalProperties: false },
          want: { kind: "object", properties: [prop("a", UNKNOWN)], additional: undefined, closed: true },
        },
      ],
      [
        "additionalProperties: false beside patternProperties too: not closed here",
        {
          given: { properties: { a: {} }, patternProperties: { "^x": {} }, additionalProperties: false },
          want: { kind: "object", properties: [prop("a", UNKNOWN)], additional: UNKNOWN },
        },
      ],
      [
        "patternProperties: any value (which schema a key holds is the patterns' assertion)",
        {
          given: { patternProperties: { "^x": { type: "string" } } },
          want: { kind: "record", values: UNKNOWN },
        },
      ],
      [
        "patternProperties beside additionalProperties false: still any value",
        {
          given: { patternProperties: { "^x": { type: "string" } }, additionalProperties: false },
          want: { kind: "record", values: UNKNOWN },
        },
      ],
      [
        "several patterns: any value",
        {
          given: { patternProperties: { "^x": { type: "string" }, "^y": { type: "integer" } } },
          want: { kind: "record", values: UNKNOWN },
        },
      ],
      [
        "properties not a mapping: an error",
        {
          given: { properties: 3 },
          want: { kind: "record", values: UNKNOWN },
          codes: ["schema-invalid"],
        },
      ],
    ]);
  });

  describe("arrays and prefixItems tuples", () => {
    rows(buildArray, [
      [
        "items and their count",
        {
          given: { items: { type: "string" }, minItems: 1, maxItems: 3 },
          want: { kind: "array", items: STRING, constraints: { minItems: 1, maxItems: 3 } },
        },
      ],
      ["no items: unknown", { given: { type: "array" }, want: { kind: "array", items: UNKNOWN } }],
      [
        "prefixItems: a tuple, any rest, every item optional (JSON Schema accepts [] and [a])",
        {
          given: { prefixItems: [{ type: "string" }, { type: "integer" }] },
          want: { kind: "tuple", items: [STRING, INTEGER], rest: UNKNOWN, required: 0 },
        },
      ],
      [
        "prefixItems with items: false: nothing more",
        {
          given: { prefixItems: [{ type: "string" }], items: false },
          want: { kind: "tuple", items: [STRING], rest: undefined, required: 0 },
        },
      ],
      [
        "prefixItems with items: the rest",
        {
          given: { prefixItems: [{ type: "string" }], items: { type: "boolean" } },
          want: { kind: "tuple", items: [STRING], rest: BOOLEAN, required: 0 },
        },
      ],
      [
        "prefixItems with minItems: that many items required, the count kept",
        {
          given: { prefixItems: [{ type: "string" }, { type: "integer" }], items: false, minItems: 1 },
          want: { kind: "tuple", items: [STRING, INTEGER], rest: undefined, required: 1, constraints: { minItems: 1 } },
        },
      ],
      [
        "prefixItems with minItems beyond the prefix: every prefix item required, minItems counts the rest too",
        {
          given: { prefixItems: [{ type: "string" }], items: { type: "integer" }, minItems: 3, maxItems: 4 },
          want: {
            kind: "tuple",
            items: [STRING],
            rest: INTEGER,
            required: 1,
            constraints: { minItems: 3, maxItems: 4 },
          },
        },
      ],
      [
        "prefixItems with maxItems alone: no item required",
        {
          given: { prefixItems: [{ type: "string" }, { type: "string" }], maxItems: 1 },
          want: { kind: "tuple", items: [STRING, STRING], rest: UNKNOWN, required: 0, constraints: { maxItems: 1 } },
        },
      ],
      [
        "empty prefixItems: a tuple of its rest",
        {
          given: { prefixItems: [], items: { type: "string" } },
          want: { kind: "tuple", items: [], rest: STRING, required: 0 },
        },
      ],
    ]);
  });
});

describe("doc.ts", () => {
  const FLAGS = { deprecated: true, readOnly: true, writeOnly: true };
  it.each([
    [
      "every annotation",
      {
        given: { ...FLAGS, title: "T", description: "d", default: 1, example: "e", format: "f" },
        want: {
          ...FLAGS,
          title: "T",
          description: "d",
          default: { value: 1 },
          examples: ["e"],
          exampleFrom: "example",
          format: "f",
        },
      },
    ],
    [
      "3.1 examples over example",
      { given: { examples: [1, 2], example: 3 }, want: { examples: [1, 2], exampleFrom: "examples" } },
    ],
    [
      "OpenAI's x-oaiMeta.example, a JSON text, when there is no other",
      {
        given: { "x-oaiMeta": { name: "n", example: '{"a": 1}' } },
        want: { examples: [{ a: 1 }], exampleFrom: "x-oaiMeta" },
      },
    ],
    [
      "an x-oaiMeta.example that is not JSON",
      { given: { "x-oaiMeta": { example: "{a: 1}" } }, want: { unreadExample: "{a: 1}" } },
    ],
    [
      "example over x-oaiMeta.example",
      { given: { example: 2, "x-oaiMeta": { example: "1" } }, want: { examples: [2], exampleFrom: "example" } },
    ],
    [
      "a description from a non-null branch",
      {
        given: { anyOf: [{ type: "null", description: "n" }, { description: "d" }] },
        want: { description: "d" },
      },
    ],
    ["deprecated: false is nothing", { given: { deprecated: false }, want: {} }],
    ["a boolean schema", { given: true, want: {} }],
  ] as [string, { given: unknown; want: Doc }][])("%s", (_, { given, want }) => {
    expect(docOf(given)).toEqual(want);
  });
});
