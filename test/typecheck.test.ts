/**
 * Every generated output type-checks under strict, exactOptionalPropertyTypes, noUncheckedIndexedAccess,
 * isolatedDeclarations, with both TypeScript majors the project supports (5.9 and 7, the native compiler).
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { COMPILERS, generateInto, ROOT, SCRATCH, tscVersion, typecheck, typecheckEach } from "./helpers.js";

/** The specs of spec/cases, but the repros of reported, unfixed bugs (a first comment line with "NOT fixed"). */
function caseSpecs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.isDirectory()) return e.name === "refs" ? [join(dir, e.name, "main.yaml")] : [];
    if (!/\.ya?ml$/.test(e.name)) return [];
    const first = readFileSync(join(dir, e.name), "utf8").split("\n", 1)[0]!;
    return first.startsWith("#") && first.includes("NOT fixed") ? [] : [join(dir, e.name)];
  });
}

/** [name, compiler] rows: test names read "TypeScript 7 ...". */
const EACH = COMPILERS.map((c) => [c.name, c] as const);

describe("the compilers", () => {
  it.each(EACH)("%s is the version it claims (both majors really run)", (_name, compiler) => {
    expect(tscVersion(compiler)).toMatch(new RegExp(`^Version ${compiler.version.replace(".", "\\.")}\\.\\d+$`));
  });
});

describe("strict type-check of generated code", () => {
  const root = join(SCRATCH, "typecheck");
  beforeAll(() => {
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root, { recursive: true });
    cpSync(join(ROOT, "generated"), join(root, "generated"), { recursive: true });
    const specs = caseSpecs(join(ROOT, "spec", "cases"));
    expect(specs.length).toBeGreaterThan(5);
    for (const spec of specs) {
      const { dir } = generateInto(spec, `typecheck-${spec.slice(ROOT.length + 1).replace(/[/.]/g, "_")}`);
      cpSync(dir, join(root, spec.slice(ROOT.length + 1).replace(/[/.]/g, "_")), { recursive: true });
    }
  });

  it.each(EACH)("generated/ and the output of every spec/cases spec pass %s (tsc --noEmit)", (_name, compiler) => {
    expect(typecheck(root, [compiler])).toBe("");
  });

  it.each(EACH)("%s catches a type error in generated code (the check can fail)", (_name, compiler) => {
    const { dir } = generateInto(join(ROOT, "spec", "fine-tuning.yaml"), `typecheck-negative-${compiler.version}`);
    cpSync(join(ROOT, "test", "data", "broken-usage.ts.txt"), join(dir, "broken-usage.ts"));
    const out = typecheck(dir, [compiler]);
    expect(out.split("\n")[0]).toBe(`${compiler.name}:`);
    expect(out).toMatch(/broken-usage\.ts\(4,56\): error TS2322: /);
  });

  // one project per option: tsc reports declaration errors (isolatedDeclarations) only when there is no other
  it.each(EACH)("%s applies isolatedDeclarations and exactOptionalPropertyTypes", (_name, compiler) => {
    const sources = {
      isolated: "export const f = (a: number) => a;\n",
      exact: "export const o: { k?: string } = { k: undefined as string | undefined };\n",
    };
    const out: Record<string, string> = {};
    for (const [name, source] of Object.entries(sources)) {
      const dir = join(SCRATCH, `typecheck-options-${compiler.version}-${name}`);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, "a.ts"), source);
      out[name] = typecheck(dir, [compiler]);
    }
    expect(out["isolated"]).toMatch(/a\.ts\(1,18\): error TS9007: Function must have an explicit return type/);
    expect(out["exact"]).toMatch(/a\.ts\(1,14\): error TS2375: .*exactOptionalPropertyTypes: true/);
  });

  it.each(EACH)(
    "one %s run over several folders gives each folder its own errors (typecheckEach, used by the fuzz regressions)",
    (_name, compiler) => {
      const root = join(SCRATCH, `typecheck-each-${compiler.version}`);
      rmSync(root, { recursive: true, force: true });
      for (const f of ["clean", "broken", "broken-too"]) mkdirSync(join(root, f), { recursive: true });
      writeFileSync(join(root, "clean", "a.ts"), "export const a: number = 1;\n");
      writeFileSync(join(root, "broken", "a.ts"), 'export const a: number = "one";\n');
      writeFileSync(join(root, "broken-too", "b.ts"), "export const b: { k: string } = { k: 1 };\n");
      const out = typecheckEach(root, ["clean", "broken", "broken-too"], [compiler]);
      expect(out.get("clean")).toBe("");
      expect(out.get("broken")).toMatch(
        new RegExp(
          `^${compiler.name}:\\nbroken/a\\.ts\\(1,14\\): error TS2322: ` +
            `Type 'string' is not assignable to type 'number'\\.$`,
        ),
      );
      expect(out.get("broken-too")).toMatch(
        new RegExp(`^${compiler.name}:\\nbroken-too/b\\.ts\\(1,35\\): error TS2322: `),
      );
    },
  );

  it("by default both majors check, each failing one named (typecheckEach)", () => {
    const root = join(SCRATCH, "typecheck-each-both");
    rmSync(root, { recursive: true, force: true });
    mkdirSync(join(root, "broken"), { recursive: true });
    writeFileSync(join(root, "broken", "a.ts"), 'export const a: number = "one";\n');
    const out = typecheckEach(root, ["broken"]).get("broken")!;
    expect(out.split("\n").filter((l) => /^TypeScript [\d.]+:$/.test(l))).toEqual(COMPILERS.map((c) => `${c.name}:`));
    expect(out.match(/broken\/a\.ts\(1,14\): error TS2322/g)).toHaveLength(COMPILERS.length);
  });
});
