/**
 * A value that no member of a union accepts: parse reports the issues of the member that came closest (fewest
 * issues; on a tie the earlier member), whatever the order the members are tried in. The spec is written here;
 * the expected issues are read off the schema by hand.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { SafeParseResult } from "../templates/runtime.js";
import { generateInto, SCRATCH } from "./helpers.js";

type Fn = (value: unknown) => unknown;

// both members require `a`, so both shape tests pass for the values below and both are parsed
const near = { type: "object", required: ["a"], properties: { a: { type: "string" }, b: { type: "integer" } } };
const far = {
  type: "object",
  required: ["a"],
  properties: { a: { type: "string" }, c: { type: "integer" }, d: { type: "integer" } },
};
const spec = {
  openapi: "3.1.0",
  info: { title: "union issues", version: "1" },
  paths: {},
  components: {
    schemas: {
      Near: near,
      Far: far,
      Mid: { type: "object", required: ["a"], properties: { a: { type: "string" }, e: { type: "integer" } } },
      NearFirst: { anyOf: [{ $ref: "#/components/schemas/Near" }, { $ref: "#/components/schemas/Far" }] },
      FarFirst: { anyOf: [{ $ref: "#/components/schemas/Far" }, { $ref: "#/components/schemas/Near" }] },
      // arrays are tried in spec order (objects are ranked by the keys they declare): the last member's issues
      // give way to an earlier member's fewer ones
      ArraysNearFirst: { anyOf: [{ $ref: "#/components/schemas/Ints" }, { $ref: "#/components/schemas/Strings" }] },
      ArraysFarFirst: { anyOf: [{ $ref: "#/components/schemas/Strings" }, { $ref: "#/components/schemas/Ints" }] },
      Ints: { type: "array", maxItems: 1 },
      Strings: { type: "array", minItems: 3, contains: { type: "string" } },
      // three members: the closest is in the middle, neither first nor last
      Three: {
        anyOf: [
          { $ref: "#/components/schemas/Far" },
          { $ref: "#/components/schemas/Near" },
          { $ref: "#/components/schemas/Mid" },
        ],
      },
    },
  },
};

let p: Record<string, Fn> = {};
beforeAll(async () => {
  const specDir = join(SCRATCH, "union-issues-spec");
  mkdirSync(specDir, { recursive: true });
  const path = join(specDir, "union-issues.json");
  writeFileSync(path, JSON.stringify(spec));
  p = (await import(join(generateInto(path, "union-issues").dir, "parse.ts"))) as Record<string, Fn>;
});

/** The wire paths of a failed safeParse. */
function paths(name: string, value: unknown): string[] {
  const result = p[`safeParse${name}`]!(value) as SafeParseResult<unknown>;
  if (result.ok) throw new Error(`expected ${name} to reject ${JSON.stringify(value)}`);
  return result.issues.map((i) => i.wirePath);
}

describe("a union no member accepts reports its closest member's issues", () => {
  // Near fails at b (1 issue), Far at c and d (2), Mid at e (1, but later than Near); objects are tried in the
  // order of the value's keys they declare (Far, with a, c and d, first), spec order on ties
  const value = { a: "x", b: "no", c: "no", d: "no", e: "no" };

  it("objects: the closest member, whichever the spec lists first", () => {
    expect(paths("NearFirst", value)).toEqual(["$.b"]);
    expect(paths("FarFirst", value)).toEqual(["$.b"]);
  });

  it("members tried in spec order: the closest first or last", () => {
    // [1, 2]: Ints fails for its length (1 issue), Strings for its length and for no string (2)
    const issues = (name: string): string[] => {
      const result = p[`safeParse${name}`]!([1, 2]) as SafeParseResult<unknown>;
      return result.ok ? [] : result.issues.map((i) => i.expected);
    };
    expect(issues("ArraysNearFirst")).toEqual(["array of at most 1 item"]);
    expect(issues("ArraysFarFirst")).toEqual(["array of at most 1 item"]);
  });

  it("the closest in the middle; a tie goes to the earlier member", () => {
    expect(paths("Three", value)).toEqual(["$.b"]);
    // without b, Near is valid: the union accepts
    expect((p["safeParseThree"]!({ a: "x", c: "no" }) as SafeParseResult<unknown>).ok).toBe(true);
  });
});
