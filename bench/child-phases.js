// Child process: one in-process generate() + writeFiles() of a spec, from the built package (dist/).
// Prints one JSON line: the per-phase timings (ms), the write time, the module import time and the peak RSS.
// Usage: node bench/child-phases.js <spec> <outDir>
const t0 = performance.now();
const { generate, writeFiles } = await import("../dist/generator/index.js");
const importMs = performance.now() - t0;

const [spec, outDir] = process.argv.slice(2);
const t1 = performance.now();
const result = generate({ input: spec });
const generateMs = performance.now() - t1;
const errors = result.diagnostics.filter((d) => d.severity === "error");
if (errors.length > 0) {
  process.stderr.write(`${spec} has errors:\n${errors.map((e) => e.message).join("\n")}\n`);
  process.exit(2);
}
const t2 = performance.now();
const report = writeFiles(outDir, result.files);
const write = performance.now() - t2;
process.stdout.write(
  `${JSON.stringify({
    timings: { ...result.timings, write },
    generateMs,
    importMs,
    models: result.models,
    files: result.files.length,
    bytes: result.files.reduce((n, f) => n + Buffer.byteLength(f.text), 0),
    written: report.written.length,
    warnings: result.diagnostics.filter((d) => d.severity === "warning").length,
    maxRssKb: process.resourceUsage().maxRSS,
  })}\n`,
);
