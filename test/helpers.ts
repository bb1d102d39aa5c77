/** Shared test helpers: generate into a scratch folder, type-check it strictly, find the corpus. */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { vi } from "vitest";
import { generate, type GenerateResult } from "../generator/generate.js";
import type { GenerateOptions } from "../generator/options.js";
import { main } from "../generator/main.js";
import { writeFiles } from "../generator/write/write-files.js";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** Scratch space for generated output (git-ignored). */
export const SCRATCH = join(ROOT, "test", ".out");
/**
 * The real-world specs: ../shared/corpus/ beside the repo (WIRECASE_CORPUS points elsewhere, e.g. at a missing
 * folder to see the skips).
 */
export const CORPUS = resolve(ROOT, process.env["WIRECASE_CORPUS"] ?? join("..", "shared", "corpus"));

/** The compiler options every generated output must pass. */
export const STRICT_OPTIONS = {
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
} as const;

/** Generates `spec` into a fresh scratch folder named `name` (with `options`); throws if the spec has errors. */
export function generateInto(
  spec: string,
  name: string,
  options: Omit<GenerateOptions, "input"> = {},
): { dir: string; result: GenerateResult } {
  const result = generate({ ...options, input: spec });
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new Error(`${spec} has errors:\n${errors.map((e) => e.message).join("\n")}`);
  const dir = join(SCRATCH, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFiles(dir, result.files);
  return { dir, result };
}

/**
 * The TypeScript compilers every generated output is type-checked with: 5.9 (the oldest supported, the one
 * ts-morph and openapi-typescript are installed beside) and 7 (the native compiler, `typescript@latest`,
 * installed as the `typescript7` alias).
 */
export interface Compiler {
  /** "TypeScript 5.9": heads its block of output. */
  readonly name: string;
  /** The major.minor its `--version` must print (a wrong install would otherwise check twice with one compiler). */
  readonly version: string;
  readonly tsc: string;
}

export const TS59: Compiler = { name: "TypeScript 5.9", version: "5.9", tsc: compilerBin("typescript") };
export const TS7: Compiler = { name: "TypeScript 7", version: "7.0", tsc: compilerBin("typescript7") };
export const COMPILERS: readonly Compiler[] = [TS59, TS7];

function compilerBin(pkg: string): string {
  return join(ROOT, "node_modules", pkg, "bin", "tsc");
}

/** What `tsc --version` prints ("Version 7.0.2"). */
export function tscVersion(compiler: Compiler): string {
  return execFileSync(process.execPath, [compiler.tsc, "--version"], { encoding: "utf8" }).trim();
}

/** Runs `compiler` with `args` (in `cwd` when given); what it printed, "" when it exits 0. */
export function runTsc(compiler: Compiler, args: readonly string[], cwd?: string): string {
  try {
    execFileSync(process.execPath, [compiler.tsc, ...args], { cwd, encoding: "utf8", stdio: "pipe" });
    return "";
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return `${e.stdout ?? ""}${e.stderr ?? ""}`.trim() || String(error);
  }
}

/**
 * Runs each compiler with `args` and joins what the failing ones printed, each block headed by the compiler's
 * name ("TypeScript 7:"); "" when every one is clean.
 */
export function runEachTsc(compilers: readonly Compiler[], args: readonly string[], cwd?: string): string {
  return compilers
    .map((c) => ({ c, out: runTsc(c, args, cwd) }))
    .filter((r) => r.out !== "")
    .map((r) => `${r.c.name}:\n${r.out}`)
    .join("\n");
}

/** Writes `dir`/tsconfig.json (STRICT_OPTIONS over `include`) and a package.json that makes .ts files ESM. */
function writeStrictProject(dir: string, include: readonly string[]): void {
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: STRICT_OPTIONS, include }, null, 2));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
}

/**
 * Runs `tsc --noEmit` with STRICT_OPTIONS over every .ts file in `dir`, under each of `compilers` (both
 * majors by default); returns the failing compilers' output ("" when clean).
 */
export function typecheck(dir: string, compilers: readonly Compiler[] = COMPILERS): string {
  writeStrictProject(dir, ["**/*.ts"]);
  return runEachTsc(compilers, ["-p", dir]);
}

/**
 * Type-checks the outputs in the folders `folders` of `root` in one `tsc` run per compiler (both majors by
 * default) with STRICT_OPTIONS and returns the output for each folder ("" when clean), one block per failing
 * compiler headed by its name. Output that names no folder (a crash, a config error) is given to every
 * folder, so no failure is lost.
 */
export function typecheckEach(
  root: string,
  folders: readonly string[],
  compilers: readonly Compiler[] = COMPILERS,
): Map<string, string> {
  writeStrictProject(
    root,
    folders.map((f) => `${f}/**/*.ts`),
  );
  const blocks = new Map<string, string[]>(folders.map((f) => [f, []]));
  for (const compiler of compilers) {
    const output = runTsc(compiler, ["-p", ".", "--pretty", "false"], root);
    for (const [folder, lines] of splitByFolder(output, folders)) {
      if (lines !== "") blocks.get(folder)!.push(`${compiler.name}:\n${lines}`);
    }
  }
  return new Map(folders.map((f) => [f, blocks.get(f)!.join("\n")]));
}

/** Splits a `--pretty false` output into each folder's lines; lines that name no folder go to every folder. */
function splitByFolder(output: string, folders: readonly string[]): Map<string, string> {
  const byFolder = new Map<string, string[]>(folders.map((f) => [f, []]));
  const unplaced: string[] = [];
  let current: string[] = unplaced;
  for (const line of output.split("\n")) {
    if (line.trim() === "") continue;
    // a diagnostic starts at column 0 with its file ("folder/types.ts(3,5): error TS2322: ..."); its
    // continuation lines are indented
    if (!/^\s/.test(line)) {
      const folder = folders.find((f) => line.startsWith(`${f}/`));
      current = folder === undefined ? unplaced : byFolder.get(folder)!;
    }
    current.push(line);
  }
  return new Map(folders.map((f) => [f, [...byFolder.get(f)!, ...unplaced].join("\n")]));
}

/** The corpus specs beside the repo, or [] (callers say they skipped: see corpusEntries). */
export function corpusSpecs(): string[] {
  if (!existsSync(CORPUS)) return [];
  return readdirSync(CORPUS)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => join(CORPUS, f));
}

/**
 * The specs of ../shared/corpus/README.md: a test for each is declared, and skipped (saying so) when the file
 * is missing.
 */
export const CORPUS_NAMES: readonly string[] = [
  "github-api.json",
  "openai-2024-01.yaml",
  "openai-2024-04.yaml",
  "openai-2026-08.yaml",
];

export interface CorpusEntry {
  readonly name: string;
  readonly path: string;
  readonly present: boolean;
}

/**
 * The known corpus specs (CORPUS_NAMES) and any other spec in the corpus folder, sorted, each with whether it
 * is there. Declare one test per entry with `it.skipIf(!entry.present)` and print `skippedLine(entry)` for
 * the missing ones, so a missing corpus shows as skipped tests, never as passing ones.
 */
export function corpusEntries(filter: (name: string) => boolean = () => true): CorpusEntry[] {
  const names = new Set([...CORPUS_NAMES, ...corpusSpecs().map((p) => basename(p))]);
  return [...names]
    .filter(filter)
    .sort()
    .map((name) => ({ name, path: join(CORPUS, name), present: existsSync(join(CORPUS, name)) }));
}

/** The line a test file prints for each corpus spec whose tests it skips. */
export function skippedLine(entry: CorpusEntry, what: string): string {
  return `SKIPPED: ${what} of ${entry.name}: ${entry.path} not found (../shared/corpus is read when it is there)`;
}

/** Prints a SKIPPED line for each missing entry (call at collection time, beside the skipped tests). */
export function reportSkipped(entries: readonly CorpusEntry[], what: string): void {
  for (const e of entries) if (!e.present) console.log(skippedLine(e, what));
}

/**
 * Every spec under spec/cases/ (relative paths, sorted; `refs/main.yaml` for the multi-file one), except the
 * repros of reported, unfixed bugs (a first comment line with "NOT fixed").
 */
export function caseFiles(): string[] {
  const dir = join(ROOT, "spec", "cases");
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => {
      if (e.isDirectory()) return e.name === "refs" ? ["refs/main.yaml"] : [];
      if (!/\.ya?ml$/.test(e.name)) return [];
      const first = readFileSync(join(dir, e.name), "utf8").split("\n", 1)[0]!;
      return first.startsWith("#") && first.includes("NOT fixed") ? [] : [e.name];
    })
    .sort();
}

/** The per-feature specs under spec/cases/ whose types, mappers and docs are snapshotted (test/cases.test.ts). */
export const FEATURE_CASES: readonly string[] = [
  "allof-enum-disjoint.yaml",
  "allof-nullable-parts.yaml",
  "allof-union-primitive.yaml",
  "anchors.yaml",
  "composition.yaml",
  "docs-examples.yaml",
  "docs-text.yaml",
  "hostile.yaml",
  "json-schema-allof.yaml",
  "json-schema-assertions.yaml",
  "json-schema-constraints.yaml",
  "json-schema-required.yaml",
  "json-schema-tuples.yaml",
  "naming.yaml",
  "naming-stable.yaml",
  "null-beside-union.yaml",
  "nullable-allof-ref.yaml",
  "nullable-30.yaml",
  "nullable-31.yaml",
  "oneof-strict.yaml",
  "operations-bodies.yaml",
  "operations-components.yaml",
  "operations-naming.yaml",
  "operations-params.yaml",
  "operations-shared.yaml",
  "read-write.yaml",
  "records.yaml",
  "ref-cycle.yaml",
  "recursion-allof-extends.yaml",
  "recursion-allof-mutual.yaml",
  "recursion-allof-self.yaml",
  "recursive-ref.yaml",
  "refs/main.yaml",
  "shapes.yaml",
  "union-choice.yaml",
  "union-closed.yaml",
  "union-deep-shape.yaml",
  "union-discriminator-miss.yaml",
];

/** Runs the CLI in process (in `cwd` when given) and returns its exit code and what it printed. */
export async function runCli(args: string[], cwd?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  const before = process.cwd();
  if (cwd !== undefined) process.chdir(cwd);
  try {
    return { code: await main(args), stdout, stderr };
  } finally {
    process.chdir(before);
    out.mockRestore();
    err.mockRestore();
  }
}
