/**
 * Every generated output type-checks under strict, exactOptionalPropertyTypes, noUncheckedIndexedAccess,
 * isolatedDeclarations.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateInto, ROOT, SCRATCH, typecheck, typecheckEach } from "./helpers.js";

/** The specs of spec/cases, but the repros of reported, unfixed bugs (a first comment line with "NOT fixed"). */
function caseSpecs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.isDirectory()) return e.name === "refs" ? [join(dir, e.name, "main.yaml")] : [];
    if (!/\.ya?ml$/.test(e.name)) return [];
    const first = readFileSync(join(dir, e.name), "utf8").split("\n", 1)[0]!;
    return first.startsWith("#") && first.includes("NOT fixed") ? [] : [join(dir, e.name)];
  });
}

describe("strict type-check of generated code", () => {
  it("generated/ and the output of every spec/cases spec pass tsc --noEmit", () => {
    const root = join(SCRATCH, "typecheck");
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root, { recursive: true });
    cpSync(join(ROOT, "generated"), join(root, "generated"), { recursive: true });
    const specs = caseSpecs(join(ROOT, "spec", "cases"));
    expect(specs.length).toBeGreaterThan(5);
    for (const spec of specs) {
      const { dir } = generateInto(spec, `typecheck-${spec.slice(ROOT.length + 1).replace(/[/.]/g, "_")}`);
      cpSync(dir, join(root, spec.slice(ROOT.length + 1).replace(/[/.]/g, "_")), { recursive: true });
    }
    expect(typecheck(root)).toBe("");
  });

  it("a type error in generated code is caught (the check can fail)", () => {
    const { dir } = generateInto(join(ROOT, "spec", "fine-tuning.yaml"), "typecheck-negative");
    cpSync(join(ROOT, "test", "data", "broken-usage.ts.txt"), join(dir, "broken-usage.ts"));
    expect(typecheck(dir)).toContain("error TS");
  });

  it(
    "one tsc run over several folders gives each folder its own errors " +
      "(typecheckEach, used by the fuzz regressions)",
    () => {
      const root = join(SCRATCH, "typecheck-each");
      rmSync(root, { recursive: true, force: true });
      for (const f of ["clean", "broken", "broken-too"]) mkdirSync(join(root, f), { recursive: true });
      writeFileSync(join(root, "clean", "a.ts"), "export const a: number = 1;\n");
      writeFileSync(join(root, "broken", "a.ts"), 'export const a: number = "one";\n');
      writeFileSync(join(root, "broken-too", "b.ts"), "export const b: { k: string } = { k: 1 };\n");
      const out = typecheckEach(root, ["clean", "broken", "broken-too"]);
      expect(out.get("clean")).toBe("");
      expect(out.get("broken")).toMatch(
        /^broken\/a\.ts\(1,14\): error TS2322: Type 'string' is not assignable to type 'number'\.$/,
      );
      expect(out.get("broken-too")).toMatch(/^broken-too\/b\.ts\(1,35\): error TS2322: /);
    },
  );
});
