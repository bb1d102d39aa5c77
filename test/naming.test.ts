/**
 * Stable naming (issue 13, class 14): a schema whose name already is its type name keeps it, and adding a
 * schema renames no schema of another name, nor one that comes before it.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildIr } from "../generator/ir/build/index.js";
import { checkSpec } from "../generator/load/check-spec.js";
import { parseSource } from "../generator/load/read-spec.js";
import { assignNames } from "../generator/naming/assign-names.js";
import { typeName } from "../generator/naming/casing.js";
import { applyTransforms } from "../generator/transform/index.js";

/** The model name of every component schema of a document with `schemas` (in this order), by schema name. */
function modelNames(schemas: readonly string[]): Map<string, string> {
  const path = "/virtual/naming.json";
  const doc = {
    openapi: "3.1.0",
    info: { title: "naming", version: "1" },
    paths: {},
    components: { schemas: Object.fromEntries(schemas.map((s) => [s, { type: "string" }])) },
  };
  const specs = { root: path, files: new Map([[path, parseSource(path, JSON.stringify(doc))]]) };
  const built = buildIr(specs, checkSpec(specs));
  const ir = applyTransforms(built.ir);
  const { names } = assignNames(ir);
  const out = new Map<string, string>();
  for (const d of ir.decls) if (d.source === "component") out.set(d.nameParts[0]!, names.decl(d.id).model);
  return out;
}

const exact = (name: string): boolean => typeName([name]) === name;

describe("stable names", () => {
  it("a schema named User keeps User beside user, in either order", () => {
    expect(Object.fromEntries(modelNames(["user", "User"]))).toEqual({ user: "User2", User: "User" });
    expect(Object.fromEntries(modelNames(["User", "user"]))).toEqual({ user: "User2", User: "User" });
  });

  it("a suffixed name never takes another schema's own name", () => {
    // `user` would be User2 by its suffix; the schema named User2 keeps it
    expect(Object.fromEntries(modelNames(["user", "User", "User2"]))).toEqual({
      user: "User3",
      User: "User",
      User2: "User2",
    });
    expect(Object.fromEntries(modelNames(["user", "User", "user2"]))).toEqual({
      user: "User3",
      User: "User",
      user2: "User2",
    });
  });

  it("User keeps its guard beside UserWire (whose isUserWire is User's wire guard), in either order", () => {
    for (const order of [
      ["UserWire", "User"],
      ["User", "UserWire"],
    ])
      expect(Object.fromEntries(modelNames(order))).toEqual({ User: "User", UserWire: "UserWire2" });
  });

  // names of three unrelated families; within a family they all want the same type name
  const POOL = ["User", "user", "user_", "User_", "Pet", "pet", "pet-", "Order", "order", "order_"];
  const family = (name: string): string => typeName([name]);

  it("adding a schema renames no exact name, none of another family, none before it (property)", () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(POOL, { minLength: 1 }), fc.nat(), fc.nat(), (schemas, pick, at) => {
        const rest = POOL.filter((p) => !schemas.includes(p));
        fc.pre(rest.length > 0);
        const added = rest[pick % rest.length]!;
        const position = at % (schemas.length + 1);
        const before = modelNames(schemas);
        const after = modelNames([...schemas.slice(0, position), added, ...schemas.slice(position)]);
        for (const [i, s] of schemas.entries()) {
          const kept = exact(s) || family(s) !== family(added) || (!exact(added) && i < position);
          if (kept) expect(after.get(s), `${s} after adding ${added} at ${position} of ${schemas}`).toBe(before.get(s));
        }
        // exact names are always theirs
        for (const s of [...schemas, added]) if (exact(s)) expect(after.get(s)).toBe(s);
      }),
      { numRuns: 300, seed: 14 },
    );
  });
});
