// wirecase's benchmark (`npm run bench`, which builds first). Prints tables on stdout, progress on stderr,
// and writes every raw number to bench/results/latest.json. Not a test: nothing here fails on a missed target.
//
// Environment:
//   BENCH_RUNS=5            runs per spec in the generation and warm re-run tables (medians)
//   BENCH_PHASE_RUNS=3      runs per spec (at most BENCH_RUNS) for the per-phase and warm re-run tables
//   BENCH_SCALE_RUNS=3      runs per size in the scaling table, at most: a size stops adding runs once its runs
//   BENCH_SCALE_BUDGET_S=25   took this many seconds in all (at least one run; keeps the 8k size affordable)
//   BENCH_SCALE_SIZES=1000,2000,4000,8000   schema counts of the synthetic specs
//   BENCH_RUNTIME_PROCS=5   child processes per candidate and case in the mapper table
//   BENCH_GUARD_PROCS=3     child processes per candidate and case in the guard/parse table
//   BENCH_ONLY=generation,scaling,runtime,output   run only these sections (the warm re-run is part of
//                           "generation"; "output": bytes, consumer type-check time, bundle size)
//   BENCH_OUTPUT_SPECS=openai-2026-08.yaml   corpus specs of the output section (comma-separated)
//   BENCH_TSC_RUNS=3        tsc runs per candidate and compiler in the output section (median)
//   BENCH_SPECS=openai,fine  benchmark only the specs whose file name contains one of these
//   BENCH_QUIET=1           no progress lines on stderr
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { basename, join, relative } from "node:path";
import {
  BENCH,
  CORPUS,
  GNU_TIME,
  ROOT,
  fmtBytes,
  fmtMb,
  fmtMs,
  fmtNs,
  fmtPct,
  fmtRatio,
  median,
  printTable,
  progress,
  removeDir,
  runChild,
  tempDir,
  timeNode,
} from "./lib.js";
import { outputSection } from "./output.js";
import { runtimeSection } from "./runtime.js";
import { writeSynthSpec } from "./synth.js";

const int = (name, fallback) => {
  const v = Number.parseInt(process.env[name] ?? "", 10);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const RUNS = int("BENCH_RUNS", 5);
const PHASE_RUNS = Math.min(RUNS, int("BENCH_PHASE_RUNS", 3));
const SCALE_RUNS = int("BENCH_SCALE_RUNS", 3);
const SCALE_BUDGET_MS = int("BENCH_SCALE_BUDGET_S", 25) * 1000;
const SCALE_SIZES = (process.env.BENCH_SCALE_SIZES ?? "1000,2000,4000,8000")
  .split(",")
  .map(Number)
  .filter((n) => n > 0);
const RUNTIME_PROCS = int("BENCH_RUNTIME_PROCS", 5);
const GUARD_PROCS = int("BENCH_GUARD_PROCS", 3);
const SPEC_FILTER = (process.env.BENCH_SPECS ?? "")
  .split(",")
  .map((s) => s.trim())
  .filter((s) => s !== "");
const ONLY = new Set((process.env.BENCH_ONLY ?? "generation,scaling,runtime,output").split(",").map((s) => s.trim()));

const WIRECASE = join(ROOT, "bin", "wirecase.js");
const OTS = join(ROOT, "node_modules", "openapi-typescript", "bin", "cli.js");
const PHASES = ["read", "check", "ir", "transform", "naming", "emit", "write"];
const TARGET_DOUBLING = 2.2;
const TARGET_WARM = 0.1;
const TARGET_RUNTIME = 1.2;

const started = performance.now();
const work = tempDir("run");
const results = { meta: meta(), generation: undefined, warm: undefined, scaling: undefined, runtime: undefined };

try {
  header();
  let fineTuningOut;
  if (ONLY.has("generation")) fineTuningOut = generationSection();
  if (ONLY.has("scaling")) scalingSection();
  if (ONLY.has("runtime")) await runtime(fineTuningOut);
  if (ONLY.has("output")) await output();
  const total = (performance.now() - started) / 1000;
  results.meta.totalSeconds = total;
  results.meta.loadAverageAtEnd = loadavg().map((x) => Number(x.toFixed(2)));
  const out = join(BENCH, "results", "latest.json");
  mkdirSync(join(BENCH, "results"), { recursive: true });
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(
    `\nBench finished in ${total.toFixed(0)} s (load average at end: ${results.meta.loadAverageAtEnd.join(", ")}); ` +
      `raw numbers in ${relative(ROOT, out)}\n`,
  );
} finally {
  removeDir(work);
}

function meta() {
  let commit = "unknown";
  let dirty = false;
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
    dirty =
      execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: ROOT, encoding: "utf8" }).trim() !==
      "";
  } catch {
    // not a git checkout
  }
  return {
    date: new Date().toISOString(),
    node: process.version,
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    loadAverageAtStart: loadavg().map((x) => Number(x.toFixed(2))),
    commit,
    dirty,
    runs: RUNS,
    phaseRuns: PHASE_RUNS,
    scaleRuns: SCALE_RUNS,
    runtimeProcs: RUNTIME_PROCS,
    guardProcs: GUARD_PROCS,
    peakRssSource: GNU_TIME ? "/usr/bin/time -f %M" : "process.resourceUsage().maxRSS in bench/child-cli.js",
  };
}

function header() {
  const m = results.meta;
  process.stdout.write(
    `wirecase bench — ${m.date}, node ${m.node}, ${m.cores} × ${m.cpu}, ${m.memoryGb} GB, ` +
      `commit ${m.commit}${m.dirty ? " (working tree has changes)" : ""}\n` +
      `load average at start: ${m.loadAverageAtStart.join(", ")} (other processes on the machine skew every figure)\n` +
      `runs: ${RUNS} per spec (BENCH_RUNS), ${PHASE_RUNS} for phases and warm re-runs (BENCH_PHASE_RUNS), ` +
      `up to ${SCALE_RUNS} per synthetic size (BENCH_SCALE_RUNS), ` +
      `${RUNTIME_PROCS} processes per mapper candidate (BENCH_RUNTIME_PROCS), ` +
      `${GUARD_PROCS} per guard candidate (BENCH_GUARD_PROCS); all figures are medians\n`,
  );
}

function specList() {
  const specs = [];
  if (existsSync(CORPUS)) {
    for (const f of readdirSync(CORPUS)
      .filter((f) => /\.(ya?ml|json)$/.test(f))
      .sort())
      specs.push(join(CORPUS, f));
  } else {
    process.stdout.write(
      `\nSKIPPED the corpus specs: ${CORPUS} not found (only spec/fine-tuning.yaml is benchmarked)\n`,
    );
  }
  specs.push(join(ROOT, "spec", "fine-tuning.yaml"));
  return SPEC_FILTER.length === 0 ? specs : specs.filter((s) => SPEC_FILTER.some((f) => basename(s).includes(f)));
}

/** Runs wirecase's CLI as a whole process; returns { ms, rssKb }. */
function wirecaseRun(spec, outDir, rssFile) {
  if (GNU_TIME) return timeNode([WIRECASE, "generate", "-q", "-i", spec, "-o", outDir], { rssFile });
  const r = timeNode([join(BENCH, "child-cli.js"), "generate", "-q", "-i", spec, "-o", outDir], { rss: false });
  const lines = r.stdout.trim().split("\n");
  return { ms: r.ms, rssKb: JSON.parse(lines[lines.length - 1]).maxRssKb };
}

/** Modification times of every file under `dir`, to tell whether a run rewrote anything. */
function mtimes(dir, out = new Map()) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) mtimes(path, out);
    else if (entry.isFile()) out.set(path, statSync(path).mtimeMs);
  }
  return out;
}

// ---- 1 + 3: generation of each spec, phases, floor, warm re-run ----

function generationSection() {
  const specs = specList();
  const rows = [];
  let fineTuningOut;
  const rssFile = join(work, "rss.txt");
  for (const spec of specs) {
    const name = basename(spec);
    const size = statSync(spec).size;
    const samples = {
      wirecase: [],
      wirecaseRss: [],
      warm: [],
      warmRewrote: [],
      ots: [],
      otsRss: [],
      phases: [],
      phaseProcess: [],
      floorProcess: [],
      floorParse: [],
    };
    let models = 0;
    let files = 0;
    for (let r = 0; r < RUNS; r++) {
      progress(`generation: ${name}, run ${r + 1}/${RUNS}`);
      const out = join(work, `w-${r}`);
      removeDir(out);
      const cold = wirecaseRun(spec, out, rssFile);
      samples.wirecase.push(cold.ms);
      samples.wirecaseRss.push(cold.rssKb);
      if (r < PHASE_RUNS) {
        const before = mtimes(out);
        const warm = wirecaseRun(spec, out, rssFile);
        samples.warm.push(warm.ms);
        const after = mtimes(out);
        samples.warmRewrote.push([...after].filter(([f, t]) => before.get(f) !== t).length);
      }

      const ots = timeNode([OTS, spec, "-o", join(work, "ots.ts")], { rssFile });
      samples.ots.push(ots.ms);
      samples.otsRss.push(ots.rssKb);

      if (r < PHASE_RUNS) {
        const phaseOut = join(work, `p-${r}`);
        removeDir(phaseOut);
        const phases = runChild("child-phases.js", [spec, phaseOut]);
        samples.phases.push(phases.result);
        samples.phaseProcess.push(phases.ms);
        models = phases.result.models;
        files = phases.result.files;
        removeDir(phaseOut);
      }

      const floor = runChild("child-floor.js", [spec]);
      samples.floorProcess.push(floor.ms);
      samples.floorParse.push(floor.result.parseMs);

      if (name === "fine-tuning.yaml" && r === RUNS - 1) fineTuningOut = out;
      else removeDir(out);
    }
    const m = (xs) => median(xs);
    const phaseMedians = Object.fromEntries(PHASES.map((p) => [p, m(samples.phases.map((s) => s.timings[p]))]));
    const row = {
      spec: name,
      bytes: size,
      models,
      files,
      wirecaseMs: m(samples.wirecase),
      otsMs: m(samples.ots),
      ratioOts: m(samples.wirecase) / m(samples.ots),
      floorProcessMs: m(samples.floorProcess),
      floorParseMs: m(samples.floorParse),
      ratioFloor: m(samples.wirecase) / m(samples.floorProcess),
      wirecaseRssKb: m(samples.wirecaseRss),
      otsRssKb: m(samples.otsRss),
      phases: phaseMedians,
      phaseSumMs: PHASES.reduce((n, p) => n + phaseMedians[p], 0),
      importMs: m(samples.phases.map((s) => s.importMs)),
      phaseProcessMs: m(samples.phaseProcess),
      warmMs: m(samples.warm),
      warmRatio: m(samples.warm) / m(samples.wirecase.slice(0, samples.warm.length)),
      coldForWarmMs: m(samples.wirecase.slice(0, samples.warm.length)),
      warmRewroteFiles: Math.max(...samples.warmRewrote),
      samples,
    };
    rows.push(row);
  }
  results.generation = rows;

  printTable(
    "1. Generation: whole process, spawn to exit (wirecase generate -q vs openapi-typescript, interleaved)",
    [
      { title: "spec" },
      { title: "size" },
      { title: "models" },
      { title: "wirecase" },
      { title: "openapi-ts" },
      { title: "w/o-ts" },
      { title: "floor" },
      { title: "w/floor" },
      { title: "w RSS" },
      { title: "o-ts RSS" },
    ],
    rows.map((r) => [
      r.spec,
      fmtBytes(r.bytes),
      String(r.models),
      fmtMs(r.wirecaseMs),
      fmtMs(r.otsMs),
      fmtRatio(r.ratioOts),
      fmtMs(r.floorProcessMs),
      fmtRatio(r.ratioFloor, 1),
      fmtMb(r.wirecaseRssKb),
      fmtMb(r.otsRssKb),
    ]),
    [
      "floor = a node process that only imports `yaml`, reads the spec and parses it as the loader does " +
        "(YAML: parseDocument + toJS; JSON: JSON.parse)",
      `RSS = peak resident set size (${results.meta.peakRssSource})`,
    ],
  );

  printTable(
    "1b. wirecase per phase: in-process generate() + writeFiles() from dist/, " +
      `one fresh process per run (${PHASE_RUNS} runs, BENCH_PHASE_RUNS)`,
    [
      { title: "spec" },
      { title: "parse only" },
      ...PHASES.map((p) => ({ title: p })),
      { title: "sum" },
      { title: "import" },
      { title: "process" },
    ],
    rows.map((r) => [
      r.spec,
      fmtMs(r.floorParseMs),
      ...PHASES.map((p) => fmtMs(r.phases[p])),
      fmtMs(r.phaseSumMs),
      fmtMs(r.importMs),
      fmtMs(r.phaseProcessMs),
    ]),
    [
      "parse only = the floor's in-process read + parse; " +
        "read = wirecase's readSpec (the same parse plus $ref discovery)",
      "import = loading dist/generator/index.js (ts-morph, yaml); process = the whole child process, spawn to exit",
    ],
  );

  printTable(
    `3. Warm re-run: the same generate again, unchanged inputs, into the same output folder (${PHASE_RUNS} runs)`,
    [
      { title: "spec" },
      { title: "cold" },
      { title: "warm" },
      { title: "warm/cold" },
      { title: "target" },
      { title: "met" },
      { title: "files rewritten" },
    ],
    rows.map((r) => [
      r.spec,
      fmtMs(r.coldForWarmMs),
      fmtMs(r.warmMs),
      fmtPct(r.warmRatio),
      `≤ ${fmtPct(TARGET_WARM)}`,
      r.warmRatio <= TARGET_WARM ? "yes" : "no",
      String(r.warmRewroteFiles),
    ]),
    [
      "cold = the CLI run into an empty folder (table 1's runs that were followed by a warm run); " +
        "warm = the next run; files rewritten = output files whose mtime changed in the warm run",
    ],
  );
  return fineTuningOut;
}

// ---- 2: scaling on synthetic specs ----

function scalingSection() {
  const rows = [];
  for (const count of SCALE_SIZES) {
    const spec = join(work, `synthetic-${count}.json`);
    const bytes = writeSynthSpec(count, spec);
    const processMs = [];
    const inProcess = [];
    const emit = [];
    let models = 0;
    let rssKb = 0;
    const sizeStarted = performance.now();
    for (let r = 0; r < SCALE_RUNS; r++) {
      if (r > 0 && performance.now() - sizeStarted > SCALE_BUDGET_MS) break;
      progress(`scaling: ${count} schemas, run ${r + 1}/${SCALE_RUNS}`);
      const out = join(work, `s-${count}-${r}`);
      const child = runChild("child-phases.js", [spec, out]);
      removeDir(out);
      processMs.push(child.ms);
      inProcess.push(PHASES.reduce((n, p) => n + child.result.timings[p], 0));
      emit.push(child.result.timings.emit);
      models = child.result.models;
      rssKb = Math.max(rssKb, child.result.maxRssKb);
    }
    removeDir(spec);
    rows.push({
      schemas: count,
      runs: processMs.length,
      models,
      bytes,
      processMs: median(processMs),
      inProcessMs: median(inProcess),
      emitMs: median(emit),
      peakRssKb: rssKb,
      samples: { processMs, inProcess, emit },
    });
  }
  for (let i = 1; i < rows.length; i++) {
    rows[i].ratio = rows[i].inProcessMs / rows[i - 1].inProcessMs;
    rows[i].ratioProcess = rows[i].processMs / rows[i - 1].processMs;
    rows[i].ratioEmit = rows[i].emitMs / rows[i - 1].emitMs;
  }
  results.scaling = rows;
  printTable(
    "2. Scaling: synthetic specs (JSON, ~12 properties per schema, nested objects, refs, enums, nullables, arrays)",
    [
      { title: "schemas" },
      { title: "runs" },
      { title: "models" },
      { title: "size" },
      { title: "process" },
      { title: "in-process" },
      { title: "×prev" },
      { title: "emit" },
      { title: "emit ×prev" },
      { title: "×prev process" },
      { title: "target" },
      { title: "met" },
      { title: "peak RSS" },
    ],
    rows.map((r) => [
      String(r.schemas),
      String(r.runs),
      String(r.models),
      fmtBytes(r.bytes),
      fmtMs(r.processMs),
      fmtMs(r.inProcessMs),
      r.ratio === undefined ? "" : fmtRatio(r.ratio),
      fmtMs(r.emitMs),
      r.ratioEmit === undefined ? "" : fmtRatio(r.ratioEmit),
      r.ratioProcess === undefined ? "" : fmtRatio(r.ratioProcess),
      r.ratio === undefined ? "" : `≤ ${fmtRatio(TARGET_DOUBLING, 1)}`,
      r.ratio === undefined ? "" : r.ratio <= TARGET_DOUBLING ? "yes" : "no",
      fmtMb(r.peakRssKb),
    ]),
    [
      "in-process = sum of the phases read … write (generate() + writeFiles()); " +
        "×prev = this size / the size before (each size doubles)",
      "process = the whole child process, spawn to exit (includes ~0.4 s of node startup and module loading)",
      `runs = median of up to ${SCALE_RUNS} runs (BENCH_SCALE_RUNS); ` +
        `a size stops adding runs after ${SCALE_BUDGET_MS / 1000} s (BENCH_SCALE_BUDGET_S)`,
    ],
  );
}

// ---- 6: what the output costs its users: bytes, type-check time, bundle ----

async function output() {
  const r = await outputSection(work, int("BENCH_TSC_RUNS", 3));
  results.output = r;
  const mb = (n) => `${(n / 1e6).toFixed(2)} MB`;
  printTable(
    "6a. Output bytes per file: code and comments (TypeScript scanner), per model",
    [
      { title: "spec", align: "left" },
      { title: "output", align: "left" },
      { title: "file", align: "left" },
      { title: "bytes" },
      { title: "comments" },
      { title: "per model" },
    ],
    r.bytes.map((x) => [
      x.spec,
      x.what,
      x.file,
      mb(x.bytes),
      fmtPct(x.comments / x.bytes),
      `${Math.round(x.bytes / x.models).toLocaleString("en-US")} B`,
    ]),
    ["per model: the file's bytes / wirecase's model count of the spec (openapi-typescript's file too)"],
  );
  const ratio = (a, b) => fmtRatio(a / b);
  printTable(
    "6b. Type-check time of a consumer of the output (strict, skipLibCheck), median of runs",
    [
      { title: "spec", align: "left" },
      { title: "compiler", align: "left" },
      { title: "wirecase .ts" },
      { title: "--emit js" },
      { title: "openapi-typescript" },
      { title: ".ts / o-ts" },
      { title: "js / o-ts" },
      { title: "targets" },
      { title: "types.ts alone" },
      { title: "types / o-ts" },
      { title: "empty app" },
    ],
    r.tsc.map((x) => {
      const o = x.ms["openapi-typescript"];
      return [
        x.spec,
        x.compiler,
        fmtMs(x.ms["wirecase .ts"]),
        fmtMs(x.ms["wirecase --emit js"]),
        fmtMs(o),
        ratio(x.ms["wirecase .ts"], o),
        ratio(x.ms["wirecase --emit js"], o),
        "≤ 3× / ≤ 1.5×",
        fmtMs(x.ms["wirecase types.ts alone"]),
        ratio(x.ms["wirecase types.ts alone"], o),
        fmtMs(x.ms["empty app"]),
      ];
    }),
    [
      "types.ts alone: app.ts imports the wirecase output's types.ts only (the model and wire types, no functions); " +
        "empty app: app.ts imports nothing (tsc's start-up and the default lib)",
      `whole tsc process (start-up included), ${r.runs} runs (BENCH_TSC_RUNS); app.ts imports the output's index ` +
        "(wirecase) or its schema file (openapi-typescript); BENCH_OUTPUT_SPECS picks the corpus specs",
    ],
  );
  if (r.bundle !== undefined) {
    const b = r.bundle;
    printTable(
      "6c. Bundle of one model's parse + toWire (esbuild, minified; gzip -9)",
      [{ title: "candidate", align: "left" }, { title: "minified" }, { title: "gzipped" }],
      [
        [
          `wirecase parseFineTuningJob + fineTuningJobToWire (${b.spec})`,
          fmtBytes(b.wirecase.min),
          fmtBytes(b.wirecase.gzip),
        ],
        ["zod 4 schema for the same job (bench/zod-job.js)", fmtBytes(b.zod.min), fmtBytes(b.zod.gzip)],
      ],
      ["typia is not installed here: not measured"],
    );
  }
}

// ---- 4: runtime of the generated mappers ----

async function runtime(fineTuningOut) {
  let dir = fineTuningOut;
  if (dir === undefined) {
    dir = join(work, "fine-tuning-out");
    wirecaseRun(join(ROOT, "spec", "fine-tuning.yaml"), dir, join(work, "rss.txt"));
  }
  const r = await runtimeSection(dir, join(work, "runtime"), RUNTIME_PROCS, GUARD_PROCS);
  results.runtime = r;
  printTable(
    "4. Runtime: generated mappers (from spec/fine-tuning.yaml) vs hand-written (bench/hand-mapper.js), ns per job",
    [
      { title: "function" },
      { title: "data", align: "left" },
      { title: "generated" },
      { title: "hand-written" },
      { title: "gen/hand" },
      { title: "target" },
      { title: "met" },
      { title: "hand, absent kept" },
      { title: "gen/that" },
    ],
    r.rows.map((x) => [
      x.fn,
      x.data,
      fmtNs(x.generatedNs),
      fmtNs(x.handNs),
      fmtRatio(x.ratio),
      `≤ ${fmtRatio(TARGET_RUNTIME, 1)}`,
      x.ratio <= TARGET_RUNTIME ? "yes" : "no",
      fmtNs(x.exactNs),
      fmtRatio(x.exactRatio),
    ]),
    [
      `example job: ${r.example.source}${r.example.notes.length > 0 ? `; ${r.example.notes.join("; ")}` : ""}`,
      "1,000-job page: varied jobs (every status, nulls, optional keys present/absent, " +
        "integrations absent/null/[]/W&B); ns per job",
      "hand, absent kept: bench/hand-mapper-exact.js, hand-written to the generated code's contract (an absent " +
        "optional key stays absent; bench/hand-mapper.js writes every key, absent ones as undefined)",
      "toWire input: the camelCase models as JSON.parse returns them; " +
        "each figure: median of per-process medians (15 timed rounds after warm-up)",
    ],
  );
  printTable(
    '4b. fromWire with dates: "Date" beside the plain one (spec/fine-tuning.yaml with format: unixtime), ns per job',
    [{ title: "data", align: "left" }, { title: "dates: Date" }, { title: "plain" }, { title: "dates/plain" }],
    r.dates.map((x) => [x.data, fmtNs(x.datesNs), fmtNs(x.plainNs), fmtRatio(x.ratio)]),
    ["three Unix timestamps per job become Dates (new Date(seconds * 1000)); same wire data as table 4"],
  );
  if (r.guards.skipped !== undefined) {
    process.stdout.write(`\n5. Guards and parse: skipped — ${r.guards.skipped}\n`);
  } else {
    printTable(
      "5. Guards and parse: generated vs hand-written, ajv and zod, ns per job (same data as table 4)",
      r.guards.columns,
      r.guards.rows,
      r.guards.notes ?? [],
    );
  }
}
