/** Real-world specs from ../shared/corpus: each generates with no error and its output passes the strict type-check. */
import { basename } from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS_MISSING, corpusSpecs, generateInto, typecheck } from "./helpers.js";

const specs = corpusSpecs();
if (specs.length === 0) console.warn(CORPUS_MISSING);

describe.skipIf(specs.length === 0)("corpus", () => {
  it.each(specs)("%s generates and type-checks", (spec) => {
    const started = performance.now();
    const { dir, result } = generateInto(spec, `corpus-${basename(spec)}`);
    const generated = performance.now() - started;
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(result.models).toBeGreaterThan(100);
    const checkStarted = performance.now();
    expect(typecheck(dir)).toBe("");
    console.log(`${basename(spec)}: ${result.models} models, ${result.files.length} files, ${result.diagnostics.length} warnings; generate ${(generated / 1000).toFixed(2)} s, tsc ${((performance.now() - checkStarted) / 1000).toFixed(1)} s`);
  });
});
