// Section 5 of the bench: guards and parse functions (generated isFineTuningJobWire / parseFineTuningJob)
// against a hand-written guard, ajv 8 and zod 4, on the same data as the mapper benchmark.
//
// The runtime section (bench/runtime.js) calls `guardSection(ctx)` after the mapper benchmark with:
//   ctx.jsDir      folder with the generated code transpiled to .js (guards.js and parse.js when the generator
//                  emits them)
//   ctx.dataFiles  { one: <example job JSON file>, list: <1,000-job list page JSON file> }
//   ctx.jobs       the wire jobs of both data sets (for the agreement check)
//   ctx.measure(modulePath, exportName, dataFile, mode)  → ns/object of one fresh child process
//   ctx.procs      child processes per candidate and data set
// Returns `{ columns, rows, notes, json }` for a table, or `{ skipped }`.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { fmtNs, fmtRatio, median, progress, BENCH } from "./lib.js";

const defined = (value) => JSON.parse(JSON.stringify(value));

export async function guardSection(ctx) {
  const guardsModule = join(ctx.jsDir, "guards.js");
  const parseModule = join(ctx.jsDir, "parse.js");
  if (!existsSync(guardsModule) || !existsSync(parseModule)) {
    return {
      skipped:
        "the generator does not emit guards.ts and parse.ts (no generated/guards.ts); guard/parse benchmarks not run",
    };
  }
  const load = async (path) => import(pathToFileURL(path).href);
  const [guards, parse, handGuard, handMapper, ajv, zod] = await Promise.all([
    load(guardsModule),
    load(parseModule),
    load(join(BENCH, "hand-guard.js")),
    load(join(BENCH, "hand-mapper.js")),
    load(join(BENCH, "ajv-job.js")),
    load(join(BENCH, "zod-job.js")),
  ]);
  if (typeof guards.isFineTuningJobWire !== "function" || typeof parse.parseFineTuningJob !== "function") {
    return {
      skipped:
        "generated guards.ts/parse.ts lack isFineTuningJobWire or parseFineTuningJob; guard/parse benchmarks not run",
    };
  }

  const candidates = [
    {
      group: "guard",
      label: "isFineTuningJobWire (generated)",
      module: guardsModule,
      exportName: "isFineTuningJobWire",
      baseline: true,
    },
    {
      group: "guard",
      label: "hand-written guard",
      module: join(BENCH, "hand-guard.js"),
      exportName: "isFineTuningJobWire",
    },
    {
      group: "guard",
      label: "ajv 8 validate (2020, constraints)",
      module: join(BENCH, "ajv-job.js"),
      exportName: "validate",
    },
    {
      group: "parse",
      label: "parseFineTuningJob (generated)",
      module: parseModule,
      exportName: "parseFineTuningJob",
      baseline: true,
    },
    { group: "parse", label: "ajv 8 validate + hand mapper", module: join(BENCH, "ajv-job.js"), exportName: "parse" },
    {
      group: "parse",
      label: "zod 4 safeParse + camelCase transform",
      module: join(BENCH, "zod-job.js"),
      exportName: "safeParse",
    },
  ];

  // Every candidate must accept every job (a guard that fails early would look fast), and the parse
  // candidates must return the same model as the hand-written mapper.
  const problems = [];
  ctx.jobs.forEach((job, i) => {
    const expected = defined(handMapper.fineTuningJobFromWire(job));
    if (guards.isFineTuningJobWire(job) !== true) problems.push(`generated guard rejects job ${i}`);
    if (handGuard.isFineTuningJobWire(job) !== true) problems.push(`hand-written guard rejects job ${i}`);
    if (ajv.validate(job) !== true) problems.push(`ajv rejects job ${i}`);
    try {
      if (!isDeepStrictEqual(defined(parse.parseFineTuningJob(job)), expected))
        problems.push(`parseFineTuningJob's model differs on job ${i}`);
    } catch (error) {
      problems.push(`parseFineTuningJob throws on job ${i}: ${String(error).split("\n")[0]}`);
    }
    const z = zod.safeParse(job);
    if (!z.success) problems.push(`zod rejects job ${i}`);
    else if (!isDeepStrictEqual(defined(z.data), expected)) problems.push(`zod's model differs on job ${i}`);
  });

  const results = [];
  for (const c of candidates) {
    progress(`guards: ${c.label} (${ctx.procs} processes per data set)`);
    const one = [];
    const list = [];
    for (let p = 0; p < ctx.procs; p++) {
      one.push(ctx.measure(c.module, c.exportName, ctx.dataFiles.one, "one"));
      list.push(ctx.measure(c.module, c.exportName, ctx.dataFiles.list, "list"));
    }
    results.push({ ...c, oneNs: median(one), listNs: median(list), oneRuns: one, listRuns: list });
  }
  for (const r of results) {
    const base = results.find((b) => b.group === r.group && b.baseline);
    r.oneVsGenerated = r.oneNs / base.oneNs;
    r.listVsGenerated = r.listNs / base.listNs;
  }

  return {
    columns: [
      { title: "candidate" },
      { title: "kind", align: "left" },
      { title: "example job" },
      { title: "×gen" },
      { title: "1,000-job page" },
      { title: "×gen" },
    ],
    rows: results.map((r) => [
      r.label,
      r.group,
      fmtNs(r.oneNs),
      fmtRatio(r.oneVsGenerated),
      fmtNs(r.listNs),
      fmtRatio(r.listVsGenerated),
    ]),
    notes: [
      "guard = type check only, no constraints (ajv checks constraints too); " +
        "parse = validate with constraints and map to the camelCase model",
      "×gen = this candidate's time / the generated function of the same kind (above 1 = slower than generated)",
      "ajv: spec/fine-tuning.yaml's schemas as a 2020-12 document, compiled once; " +
        "zod: bench/zod-job.js, an equivalent schema built once",
      ...(problems.length === 0
        ? ["all candidates accept every job, and every parse candidate returns the hand-written mapper's model"]
        : [`WARNING, candidates disagree (${problems.length}): ${problems.slice(0, 5).join("; ")}`]),
    ],
    json: { candidates: results.map(({ module, ...r }) => r), problems },
  };
}
