/**
 * The specs under spec/cases/, rendered to real files and compared with reviewed snapshots in
 * test/__snapshots__/cases/<case>/: guards.ts and parse.ts for every case; types.ts, mappers.ts and the doc
 * pages for the per-feature cases (FEATURE_CASES; the mappers-* cases have their own mappers snapshots in
 * test/mapper-cases.test.ts).
 */
import { existsSync, readdirSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { generate } from "../generator/index.js";
import { caseFiles, FEATURE_CASES, ROOT } from "./helpers.js";

const SNAPSHOTS = join(dirname(fileURLToPath(import.meta.url)), "__snapshots__", "cases");
const CASES = caseFiles();

describe("spec/cases/", () => {
  it("every per-feature case is a spec under spec/cases/", () => {
    expect(CASES.length).toBeGreaterThan(20);
    for (const c of FEATURE_CASES) expect(CASES).toContain(c);
  });
});

describe.each(CASES)("spec/cases/%s", (file) => {
  const name = file === "refs/main.yaml" ? "refs" : basename(file, ".yaml");
  const result = generate({ input: join(ROOT, "spec", "cases", file) });
  const text = (path: string): string =>
    result.files.find((f) => f.path === path)?.text ?? expect.fail(`${file}: no ${path} generated`);

  it("generates without errors", () => {
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("guards.ts and parse.ts match the reviewed snapshots", async () => {
    await expect(text("guards.ts")).toMatchFileSnapshot(join("__snapshots__", "cases", name, "guards.ts"));
    await expect(text("parse.ts")).toMatchFileSnapshot(join("__snapshots__", "cases", name, "parse.ts"));
  });

  if (!FEATURE_CASES.includes(file)) return;
  it("types.ts, mappers.ts and the doc pages match the reviewed snapshots", async () => {
    await expect(text("types.ts")).toMatchFileSnapshot(join("__snapshots__", "cases", name, "types.ts"));
    await expect(text("mappers.ts")).toMatchFileSnapshot(join("__snapshots__", "cases", name, "mappers.ts"));
    const pages = result.files.filter((f) => f.path.startsWith("docs/"));
    expect(pages.length).toBeGreaterThan(0);
    for (const f of pages) await expect(f.text).toMatchFileSnapshot(join("__snapshots__", "cases", name, f.path));
    // a page the generator no longer writes must not linger as a snapshot nobody compares
    const docsDir = join(SNAPSHOTS, name, "docs");
    const snapshotted = existsSync(docsDir)
      ? readdirSync(docsDir)
          .map((p) => `docs/${p}`)
          .sort()
      : [];
    expect(snapshotted, `stale snapshot files in ${docsDir}`).toEqual(pages.map((f) => f.path).sort());
  });
});
