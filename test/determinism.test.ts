import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generate, generateFromSpecs, readTemplate } from "../generator/generate.js";
import { readSpec } from "../generator/load/read-spec.js";
import { FEATURE_CASES, ROOT } from "./helpers.js";

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

const specs = [join(ROOT, "spec", "fine-tuning.yaml"), ...FEATURE_CASES.map((c) => join(ROOT, "spec", "cases", c))];

describe("determinism", () => {
  it.each(specs)("two runs give identical bytes: %s", (spec) => {
    const a = generate({ input: spec });
    const b = generate({ input: spec });
    expect(b.files).toEqual(a.files);
    expect(a.files.map((f) => f.path)).toEqual([...a.files.map((f) => f.path)].sort());
    for (const f of a.files) {
      expect(f.text).not.toContain("\r");
      expect(f.text).not.toContain(ROOT);
    }
  });

  it.each(specs)("the parsed spec is never mutated: %s", (spec) => {
    const set = readSpec(spec);
    const before = [...set.files.values()].map((f) => JSON.stringify(f.value));
    for (const f of set.files.values()) deepFreeze(f.value);
    // frozen input: any write by a stage would throw in strict-mode ESM
    const result = generateFromSpecs(set, readTemplate("runtime.ts"));
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect([...set.files.values()].map((f) => JSON.stringify(f.value))).toEqual(before);
  });
});
