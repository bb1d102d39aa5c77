// Section 5 of the bench: guard and parse benchmarks (isFineTuningJobWire, parseFineTuningJob against a
// hand-written guard, ajv and zod). This is the place to add them.
//
// The runtime section (bench/runtime.js) calls `guardSection(ctx)` after the mapper benchmark with:
//   ctx.jsDir      folder with the generated code transpiled to .js (mappers.js, types.js, runtime.js, and
//                  guards.js once the generator emits generated/guards.ts)
//   ctx.dataFiles  { one: <example job JSON file>, list: <1,000-job list page JSON file> }
//   ctx.measure(modulePath, exportName, dataFile, mode)  → median ns/object over fresh child processes
//                  (bench/child-mapper.js; a guard or parse function works there unchanged: it is called on
//                  each object and its result kept)
// It returns `{ rows, notes, json }` for a table with the columns of the mapper table, or `{ skipped }`.
import { existsSync } from "node:fs";
import { join } from "node:path";

export async function guardSection(ctx) {
  if (!existsSync(join(ctx.jsDir, "guards.js"))) {
    return { skipped: "the generator does not emit guards.ts yet (no generated/guards.ts); guard/parse benchmarks not run" };
  }
  // guards.ts exists but this section has not been written yet: planned candidates, each in its own child
  // processes like the mappers — isFineTuningJobWire and parseFineTuningJob (generated) vs a hand-written
  // guard (bench/hand-guard.js), ajv 8 (2020 dialect, compiled once) and zod 4 (safeParse + camelCase transform).
  return { skipped: "generated guards found, but guard/parse benchmarks are not implemented yet (see bench/guards.js)" };
}
