/**
 * Real-world specs from ../shared/corpus: each generates with no error and its output passes the strict
 * type-check of TypeScript 5.9 and of 7.
 */
import { describe, expect, it } from "vitest";
import { COMPILERS, corpusEntries, generateInto, reportSkipped, typecheck } from "./helpers.js";

const specs = corpusEntries();
reportSkipped(specs, "generate and type-check");

describe("corpus", () => {
  for (const { name, path: spec, present } of specs) {
    it.skipIf(!present)(`${name} generates and type-checks`, () => {
      const started = performance.now();
      const { dir, result } = generateInto(spec, `corpus-${name}`);
      const generated = performance.now() - started;
      expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      expect(result.models).toBeGreaterThan(100);
      // with each TypeScript major in turn, timed
      const checks = COMPILERS.map((compiler) => {
        const checkStarted = performance.now();
        expect(typecheck(dir, [compiler])).toBe("");
        return `${compiler.name} ${((performance.now() - checkStarted) / 1000).toFixed(1)} s`;
      });
      console.log(
        `${name}: ${result.models} models, ${result.files.length} files, ${result.diagnostics.length} warnings; ` +
          `generate ${(generated / 1000).toFixed(2)} s, tsc: ${checks.join(", ")}`,
      );
    });
  }
});
