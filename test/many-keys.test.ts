/**
 * An object of 1,200 optional keys (a size real specs reach: DocuSign's `accountSettingsInformation` has 674): its
 * mappers and parse are written in chunks, each in its own function, because TypeScript's control-flow analysis
 * of one function gives up at about a thousand branches (TS2563); the output type-checks under both compilers and
 * maps every key. The expected model is written here by the rule (`field_7` is `field7`), not read from wirecase.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { generateInto, SCRATCH, typecheck } from "./helpers.js";

const KEYS = 1200;
type Fn = (value: unknown) => unknown;

const properties: Record<string, unknown> = { id: { type: "string" } };
for (let i = 0; i < KEYS; i++)
  properties[`field_${i}`] = i % 3 === 0 ? { $ref: "#/components/schemas/Inner" } : { type: "string" };
const spec = {
  openapi: "3.1.0",
  info: { title: "many keys", version: "1" },
  paths: {},
  components: {
    schemas: {
      Big: { type: "object", required: ["id"], properties },
      NullableBig: { type: ["object", "null"], properties },
      Inner: { type: "object", properties: { a_b: { type: "integer" } } },
    },
  },
};

const wire: Record<string, unknown> = { id: "x" };
const model: Record<string, unknown> = { id: "x" };
for (let i = 0; i < KEYS; i += 2) {
  wire[`field_${i}`] = i % 3 === 0 ? { a_b: i } : `v${i}`;
  model[`field${i}`] = i % 3 === 0 ? { aB: i } : `v${i}`;
}

let dir = "";
let mod: Record<string, Fn> = {};
beforeAll(async () => {
  const specDir = join(SCRATCH, "many-keys-spec");
  mkdirSync(specDir, { recursive: true });
  const path = join(specDir, "many-keys.json");
  writeFileSync(path, JSON.stringify(spec));
  dir = generateInto(path, "many-keys").dir;
  mod = { ...(await import(join(dir, "mappers.ts"))), ...(await import(join(dir, "parse.ts"))) } as Record<string, Fn>;
});

describe("an object of 1,200 optional keys", () => {
  it("type-checks under TypeScript 5.9 and 7 (no TS2563)", () => {
    expect(typecheck(dir)).toBe("");
  }, 120_000);

  it("fromWire, toWire and parse map every key, absent ones staying absent", () => {
    expect(mod["bigFromWire"]!(wire)).toStrictEqual(model);
    expect(mod["bigToWire"]!(model)).toStrictEqual(wire);
    expect(mod["parseBig"]!(wire)).toStrictEqual(model);
    expect(mod["nullableBigFromWire"]!(wire)).toStrictEqual(model);
    expect(mod["nullableBigFromWire"]!(null)).toBe(null);
    expect(mod["nullableBigToWire"]!(model)).toStrictEqual(wire);
    expect(() => mod["parseBig"]!({ ...wire, field_1199: 5 })).toThrow(/field_1199/);
  });
});
