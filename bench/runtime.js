// Section 4 of the bench: runtime cost of the generated mappers against hand-written ones.
import { isDeepStrictEqual } from "node:util";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { guardSection } from "./guards.js";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { BENCH, median, progress, ROOT, runChild } from "./lib.js";
import { exampleJob, listPage } from "./runtime-data.js";

/** Transpiles every .ts file of `srcDir` (generated output) to ESM .js in `outDir`. */
export function transpileGenerated(srcDir, outDir) {
  mkdirSync(outDir, { recursive: true });
  const compilerOptions = { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true };
  for (const f of readdirSync(srcDir)) {
    if (!f.endsWith(".ts")) continue;
    const { outputText } = ts.transpileModule(readFileSync(join(srcDir, f), "utf8"), { compilerOptions, fileName: f });
    writeFileSync(join(outDir, f.replace(/\.ts$/, ".js")), outputText);
  }
  writeFileSync(join(outDir, "package.json"), `${JSON.stringify({ type: "module" })}\n`);
}

/** Drops keys whose value is undefined, recursively (the hand mapper writes them, the generated one omits them). */
function defined(value) {
  return JSON.parse(JSON.stringify(value));
}

/**
 * Runs the mapper benchmark. `generatedDir`: an output folder of `wirecase generate -i spec/fine-tuning.yaml`;
 * `work`: a scratch folder. Returns `{ rows, notes, json, guards }`.
 */
export async function runtimeSection(generatedDir, work, procs, guardProcs = procs) {
  const jsDir = join(work, "js");
  transpileGenerated(generatedDir, jsDir);
  const generatedModule = join(jsDir, "mappers.js");
  const handModule = join(BENCH, "hand-mapper.js");
  // the same contract as the generated code (absent stays absent): what the contract costs, apart
  const exactModule = join(BENCH, "hand-mapper-exact.js");
  const gen = await import(pathToFileURL(generatedModule).href);
  const hand = await import(pathToFileURL(handModule).href);
  const exact = await import(pathToFileURL(exactModule).href);

  const example = exampleJob();
  const page = listPage(1000);
  // toWire's input: the camelCase models, as JSON.parse would give them back from storage (neutral hidden
  // classes, the same objects for both candidates).
  const modelOne = defined(gen.fineTuningJobFromWire(example.job));
  const modelPage = { data: page.data.map((j) => defined(gen.fineTuningJobFromWire(j))) };

  // Both candidates must compute the same thing before their speed means anything.
  for (const [i, wire] of [example.job, ...page.data].entries()) {
    const a = defined(gen.fineTuningJobFromWire(wire));
    const b = defined(hand.fineTuningJobFromWire(wire));
    if (!isDeepStrictEqual(a, b))
      throw new Error(
        `hand-written and generated fromWire differ on job ${i}:\n${JSON.stringify(a)}\n${JSON.stringify(b)}`,
      );
    const back = defined(gen.fineTuningJobToWire(a));
    const backHand = defined(hand.fineTuningJobToWire(a));
    if (!isDeepStrictEqual(back, backHand)) throw new Error(`hand-written and generated toWire differ on job ${i}`);
    // the absence-keeping hand mapper must give the very objects the generated one does, key for key
    const m = gen.fineTuningJobFromWire(wire);
    if (!isDeepStrictEqual(exact.fineTuningJobFromWire(wire), m))
      throw new Error(`bench/hand-mapper-exact.js and generated fromWire differ on job ${i}`);
    if (!isDeepStrictEqual(exact.fineTuningJobToWire(m), gen.fineTuningJobToWire(m)))
      throw new Error(`bench/hand-mapper-exact.js and generated toWire differ on job ${i}`);
  }

  const files = {
    wireOne: join(work, "wire-example.json"),
    wireList: join(work, "wire-list.json"),
    modelOne: join(work, "model-example.json"),
    modelList: join(work, "model-list.json"),
  };
  writeFileSync(files.wireOne, JSON.stringify(example.job));
  writeFileSync(files.wireList, JSON.stringify(page));
  writeFileSync(files.modelOne, JSON.stringify(modelOne));
  writeFileSync(files.modelList, JSON.stringify(modelPage));

  const cases = [
    {
      label: "fineTuningJobFromWire",
      data: "example job",
      exportName: "fineTuningJobFromWire",
      file: files.wireOne,
      mode: "one",
    },
    {
      label: "fineTuningJobFromWire",
      data: "1,000-job page",
      exportName: "fineTuningJobFromWire",
      file: files.wireList,
      mode: "list",
    },
    {
      label: "fineTuningJobToWire",
      data: "example job",
      exportName: "fineTuningJobToWire",
      file: files.modelOne,
      mode: "one",
    },
    {
      label: "fineTuningJobToWire",
      data: "1,000-job page",
      exportName: "fineTuningJobToWire",
      file: files.modelList,
      mode: "list",
    },
  ];
  const measure = (modulePath, exportName, file, mode) =>
    runChild("child-mapper.js", [modulePath, exportName, file, mode]).result.nsPerObject;

  const rows = [];
  for (const c of cases) {
    progress(`runtime: ${c.label} on ${c.data} (${procs} processes per candidate, interleaved)`);
    const g = [];
    const h = [];
    const e = [];
    for (let p = 0; p < procs; p++) {
      g.push(measure(generatedModule, c.exportName, c.file, c.mode));
      h.push(measure(handModule, c.exportName, c.file, c.mode));
      e.push(measure(exactModule, c.exportName, c.file, c.mode));
    }
    rows.push({
      fn: c.label,
      data: c.data,
      generatedNs: median(g),
      handNs: median(h),
      ratio: median(g) / median(h),
      exactNs: median(e),
      exactRatio: median(g) / median(e),
      generatedRuns: g,
      handRuns: h,
      exactRuns: e,
    });
  }

  const dates = await datesRows(work, generatedModule, files, measure, procs);

  const guards = await guardSection({
    jsDir,
    dataFiles: { one: files.wireOne, list: files.wireList },
    jobs: [example.job, ...page.data],
    measure,
    procs: guardProcs,
  });
  return { rows, dates, example: { source: example.source, notes: example.notes }, guards };
}

/**
 * `fineTuningJobFromWire` with `dates: "Date"` beside the plain one, on the same wire data: spec/fine-tuning.yaml
 * with `format: unixtime` on its three timestamps (as OpenAI's own spec writes them), generated in process from
 * dist/ with the option on; each row's ratio is dates / plain (the plain output's timestamps stay numbers).
 */
async function datesRows(work, plainModule, files, measure, procs) {
  const spec = parseYaml(readFileSync(join(ROOT, "spec", "fine-tuning.yaml"), "utf8"));
  const props = spec.components.schemas.FineTuningJob.properties;
  for (const key of ["created_at", "finished_at", "estimated_finish"]) props[key].format = "unixtime";
  const specFile = join(work, "fine-tuning-unixtime.yaml");
  writeFileSync(specFile, stringifyYaml(spec));
  const { generate } = await import(pathToFileURL(join(ROOT, "dist", "generator", "generate.js")).href);
  const { writeFiles } = await import(pathToFileURL(join(ROOT, "dist", "generator", "write", "write-files.js")).href);
  const out = join(work, "dates-out");
  writeFiles(out, generate({ input: specFile, dates: "Date" }).files);
  const jsDir = join(work, "dates-js");
  transpileGenerated(out, jsDir);
  const datesModule = join(jsDir, "mappers.js");
  const check = await import(pathToFileURL(datesModule).href);
  const job = check.fineTuningJobFromWire(JSON.parse(readFileSync(files.wireOne, "utf8")));
  if (!(job.createdAt instanceof Date)) throw new Error("dates: Date output did not build a Date for createdAt");
  const rows = [];
  for (const [data, file, mode] of [
    ["example job", files.wireOne, "one"],
    ["1,000-job page", files.wireList, "list"],
  ]) {
    progress(`runtime: fineTuningJobFromWire with dates: Date on ${data} (${procs} processes per candidate)`);
    const d = [];
    const p = [];
    for (let i = 0; i < procs; i++) {
      d.push(measure(datesModule, "fineTuningJobFromWire", file, mode));
      p.push(measure(plainModule, "fineTuningJobFromWire", file, mode));
    }
    rows.push({ data, datesNs: median(d), plainNs: median(p), ratio: median(d) / median(p) });
  }
  return rows;
}
