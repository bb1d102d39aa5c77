// Section 6 of the bench (issue 17): what the output costs its users after generation. For each corpus spec
// benchmarked (BENCH_OUTPUT_SPECS, default OpenAI 2026-08; GitHub's takes minutes per compiler): where the bytes
// go (per file: code and comments, per model), the type-check time of a consumer of the output under TypeScript
// 5.9 and 7 (wirecase's .ts output, its `--emit js` output, openapi-typescript's one file; median of runs), and
// the bundle of one model's parse + toWire (esbuild, minified and gzipped) beside zod 4's schema for the same job.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import ts from "typescript";
import { BENCH, CORPUS, median, progress, ROOT } from "./lib.js";

const COMPILERS = [
  { name: "TS 5.9", tsc: join(ROOT, "node_modules", "typescript", "bin", "tsc") },
  { name: "TS 7", tsc: join(ROOT, "node_modules", "typescript7", "bin", "tsc") },
];

const STRICT = {
  target: "ES2022",
  lib: ["ES2022", "DOM"],
  module: "NodeNext",
  moduleResolution: "NodeNext",
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  skipLibCheck: true,
  noEmit: true,
};

/** Bytes of `text` in comments (the TypeScript scanner's comment trivia) and in everything else. */
function commentBytes(text) {
  const scanner = ts.createScanner(ts.ScriptTarget.ES2022, false, ts.LanguageVariant.Standard, text);
  let comments = 0;
  for (let t = scanner.scan(); t !== ts.SyntaxKind.EndOfFileToken; t = scanner.scan()) {
    if (t === ts.SyntaxKind.MultiLineCommentTrivia || t === ts.SyntaxKind.SingleLineCommentTrivia)
      comments += scanner.getTokenEnd() - scanner.getTokenStart();
  }
  return comments;
}

/** Per file of `dir` (`.ts`, `.js`, `.d.ts`): bytes and comment bytes. */
function bytesOf(dir) {
  return readdirSync(dir)
    .filter((f) => /\.(ts|js)$/.test(f))
    .sort()
    .map((f) => {
      const text = readFileSync(join(dir, f), "utf8");
      return { file: f, bytes: Buffer.byteLength(text), comments: commentBytes(text) };
    });
}

/** Median wall time (ms) of `tsc -p dir`, which must pass. */
function tscMs(compiler, dir, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [compiler.tsc, "-p", dir], { encoding: "utf8", maxBuffer: 64 << 20 });
    times.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`${compiler.name} failed on ${dir}:\n${(r.stdout + r.stderr).slice(0, 1500)}`);
  }
  return median(times);
}

/** A consumer project: `out/` beside an `app.ts` that imports `imports` (what an app reads of the output). */
function consumer(dir, outDir, imports) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), `${JSON.stringify({ type: "module" })}\n`);
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: STRICT, files: ["app.ts"] }));
  writeFileSync(join(dir, "app.ts"), imports);
  rmSync(join(dir, "out"), { recursive: true, force: true });
  mkdirSync(join(dir, "out"));
  for (const f of readdirSync(outDir)) {
    if (statSync(join(outDir, f)).isFile()) writeFileSync(join(dir, "out", f), readFileSync(join(outDir, f)));
  }
  writeFileSync(join(dir, "out", "package.json"), `${JSON.stringify({ type: "module" })}\n`);
}

async function bundleSize(entry, work, name) {
  const outfile = join(work, `${name}.min.js`);
  await build({ entryPoints: [entry], bundle: true, minify: true, format: "esm", outfile, logLevel: "silent" });
  const code = readFileSync(outfile);
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

export async function outputSection(work, runs) {
  const { generate } = await import(pathToFileURL(join(ROOT, "dist", "generator", "generate.js")).href);
  const { writeFiles } = await import(pathToFileURL(join(ROOT, "dist", "generator", "write", "write-files.js")).href);
  const names = (process.env.BENCH_OUTPUT_SPECS ?? "openai-2026-08.yaml").split(",").map((s) => s.trim());
  const specs = names.map((n) => ({ name: n, path: join(CORPUS, n) }));
  const bytes = [];
  const tsc = [];
  let bundle;
  for (const spec of specs) {
    try {
      statSync(spec.path);
    } catch {
      progress(`output: SKIPPED ${spec.name} (not in ${CORPUS})`);
      continue;
    }
    const base = join(work, "output", spec.name);
    const tsOut = join(base, "wirecase-ts");
    const jsOut = join(base, "wirecase-js");
    const otsOut = join(base, "openapi-typescript");
    progress(`output: generating ${spec.name} (wirecase .ts, wirecase --emit js, openapi-typescript)`);
    const plain = generate({ input: spec.path });
    writeFiles(tsOut, plain.files);
    writeFiles(jsOut, generate({ input: spec.path, emit: "js" }).files);
    mkdirSync(otsOut, { recursive: true });
    const cli = join(ROOT, "node_modules", "openapi-typescript", "bin", "cli.js");
    const r = spawnSync(process.execPath, [cli, spec.path, "-o", join(otsOut, "schema.ts")], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`openapi-typescript failed on ${spec.name}: ${r.stderr.slice(0, 500)}`);
    const models = plain.models;
    for (const [what, dir] of [
      ["wirecase .ts", tsOut],
      ["wirecase --emit js", jsOut],
      ["openapi-typescript", otsOut],
    ]) {
      for (const f of bytesOf(dir)) bytes.push({ spec: spec.name, what, ...f, models });
    }
    // the consumer imports the output's index (so tsc reads every module of it) / the one schema file
    const wirecaseApp = 'import type * as W from "./out/index.js";\nexport type Exports = keyof typeof W;\n';
    // the floors: the types alone (what any output with these types costs, functions aside), and tsc's own
    // start-up (an app that imports nothing)
    const apps = [
      ["wirecase .ts", tsOut, wirecaseApp],
      [
        "wirecase types.ts alone",
        tsOut,
        'import type * as T from "./out/types.js";\nexport type Exports = keyof typeof T;\n',
      ],
      ["empty app", otsOut, "export {};\n"],
      ["wirecase --emit js", jsOut, wirecaseApp],
      [
        "openapi-typescript",
        otsOut,
        'import type { components } from "./out/schema.js";\nexport type Models = keyof components["schemas"];\n',
      ],
    ];
    for (const compiler of COMPILERS) {
      const ms = {};
      for (const [what, dir, app] of apps) {
        const project = join(base, "consumer", what.replace(/[^a-z]+/g, "-"));
        consumer(project, dir, app);
        progress(`output: ${compiler.name} type-checks ${spec.name} ${what} (${runs} runs)`);
        ms[what] = tscMs(compiler, project, runs);
      }
      tsc.push({ spec: spec.name, compiler: compiler.name, ms });
    }
    if (bundle === undefined && spec.name.startsWith("openai")) {
      const entry = join(tsOut, "bundle-entry.ts");
      writeFileSync(
        entry,
        'export { parseFineTuningJob } from "./parse.js";\nexport { fineTuningJobToWire } from "./mappers.js";\n',
      );
      const zodEntry = join(work, "zod-entry.js");
      writeFileSync(zodEntry, `export { fineTuningJob } from ${JSON.stringify(join(BENCH, "zod-job.js"))};\n`);
      bundle = {
        spec: spec.name,
        wirecase: await bundleSize(entry, work, "wirecase"),
        zod: await bundleSize(zodEntry, work, "zod"),
      };
      rmSync(entry);
    }
  }
  return { bytes, tsc, bundle, runs };
}
