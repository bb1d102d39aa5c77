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
    // one test per compiler after the generation, so the largest spec's checks get a timeout each
    describe(name, () => {
      let dir = "";
      it.skipIf(!present)("generates with no error", () => {
        const started = performance.now();
        const generated = generateInto(spec, `corpus-${name}`);
        const { result } = generated;
        expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
        expect(result.models).toBeGreaterThan(100);
        dir = generated.dir;
        console.log(
          `${name}: ${result.models} models, ${result.files.length} files, ${result.diagnostics.length} warnings; ` +
            `generate ${((performance.now() - started) / 1000).toFixed(2)} s`,
        );
      });
      for (const compiler of COMPILERS) {
        it.skipIf(!present)(
          `its output type-checks with ${compiler.name}`,
          () => {
            expect(dir, "the output was not generated (see the test before)").not.toBe("");
            const started = performance.now();
            expect(typecheck(dir, [compiler])).toBe("");
            console.log(`${name}: ${compiler.name} tsc ${((performance.now() - started) / 1000).toFixed(1)} s`);
            // GitHub's 72 MB of output takes TypeScript 5.9 about 2 minutes alone on the 2-core machine, over 3 when
            // the other test files run beside it
          },
          420_000,
        );
      }
    });
  }
});
