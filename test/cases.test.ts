/**
 * One tiny spec per feature under spec/cases/, rendered to real files and compared with reviewed snapshots
 * in test/__snapshots__/cases/<case>/ (types, mappers and doc pages; guards and parse have their own tests).
 */
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../generator/generate.js";
import { FEATURE_CASES, ROOT } from "./helpers.js";


describe.each(FEATURE_CASES)("spec/cases/%s", (file) => {
  const name = file === "refs/main.yaml" ? "refs" : basename(file, ".yaml");
  const result = generate({ input: join(ROOT, "spec", "cases", file) });

  it("generates without errors", () => {
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("matches the reviewed snapshots", async () => {
    for (const f of result.files) {
      if (!(f.path === "types.ts" || f.path === "mappers.ts" || f.path.startsWith("docs/"))) continue;
      await expect(f.text).toMatchFileSnapshot(join("__snapshots__", "cases", name, f.path));
    }
  });
});
