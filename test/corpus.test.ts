/** Real-world specs from ../shared/corpus: each generates with no error and its output passes the strict type-check. */
import { describe, expect, it } from "vitest";
import { corpusEntries, generateInto, reportSkipped, typecheck } from "./helpers.js";

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
      const checkStarted = performance.now();
      expect(typecheck(dir)).toBe("");
      console.log(
        `${name}: ${result.models} models, ${result.files.length} files, ${result.diagnostics.length} warnings; ` +
          `generate ${(generated / 1000).toFixed(2)} s, ` +
          `tsc ${((performance.now() - checkStarted) / 1000).toFixed(1)} s`,
      );
    });
  }
});
