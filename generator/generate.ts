/**
 * The pipeline, top to bottom:
 * readSpec → checkSpec → buildIr → transforms → assignNames → emit → (writeFiles, by the caller).
 * Everything after reading is a pure function of what it is given, so `generate` runs fully in memory.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { encodePointer, InputError, type Diagnostic } from "./diagnostics.js";
import type { Decl, Ir } from "./ir/types.js";
import type { TextFile } from "./emit/docs.js";
import { emitFiles, headerLine, type DeclSource } from "./emit/files.js";
import { asJavaScript } from "./emit/javascript.js";
import { buildIr } from "./ir/build/index.js";
import { checkSpec } from "./load/check-spec.js";
import { locateMany } from "./load/locate-many.js";
import { pointerSegments, readSpec, type SpecSet } from "./load/read-spec.js";
import { assignNames } from "./naming/assign-names.js";
import { OPTIONS, type GenerateOptions } from "./options.js";
import { makePlan } from "./plan/index.js";
import { applyTransforms } from "./transform/index.js";
import { selectDecls, selectedDiagnostics } from "./transform/select.js";

export type { GenerateOptions } from "./options.js";

export interface Timings {
  readonly read: number;
  readonly check: number;
  readonly ir: number;
  readonly transform: number;
  readonly naming: number;
  readonly emit: number;
}

export interface GenerateResult {
  /** The output files, relative to the output folder, sorted. Empty when there are errors. */
  readonly files: readonly TextFile[];
  /** Errors and warnings about the input, in the order found. */
  readonly diagnostics: readonly Diagnostic[];
  /** Every file the spec reaches (for diagnostics' code frames and watch mode). */
  readonly sources: readonly string[];
  readonly models: number;
  /** Milliseconds per phase. */
  readonly timings: Timings;
}

export function generate(options: GenerateOptions): GenerateResult {
  const t0 = performance.now();
  let specs: SpecSet;
  try {
    specs = readSpec(options.input);
  } catch (error) {
    if (error instanceof InputError) return failed(error.diagnostics, [options.input]);
    throw error;
  }
  const t1 = performance.now();
  return generateFromSpecs(specs, readTemplate("runtime.ts"), options, t1 - t0);
}

/** The in-memory part of `generate`, from already read files. */
export function generateFromSpecs(
  specs: SpecSet,
  runtime: string,
  options: Omit<GenerateOptions, "input"> = {},
  readMs = 0,
): GenerateResult {
  const sources = [...specs.files.keys()];
  let t = performance.now();
  const lap = (): number => {
    const now = performance.now();
    const ms = now - t;
    t = now;
    return ms;
  };
  let checked;
  try {
    checked = checkSpec(specs);
  } catch (error) {
    if (error instanceof InputError) return failed(inOriginal(error.diagnostics, specs), sources);
    throw error;
  }
  const check = lap();
  const built = buildIr(specs, checked);
  const ir0 = lap();
  const selected = selectDecls(built.ir, options, specs.root);
  const diagnostics = [
    ...selectedDiagnostics([...checked.diagnostics, ...built.diagnostics], built.ir, selected.ir),
    ...selected.diagnostics.map((d) => withPosition(d, specs)),
  ];
  if (diagnostics.some((d) => d.severity === "error")) return failed(inOriginal(diagnostics, specs), sources);
  const ir = applyTransforms(selected.ir, options);
  const transform = lap();
  const named = assignNames(ir);
  diagnostics.push(...named.diagnostics.map((d) => withPosition(d, specs)));
  const naming = lap();
  const plan = makePlan(ir, named.names, {
    unknownKeys: options.unknownKeys ?? OPTIONS.unknownKeys.default,
    strict: options.strict ?? OPTIONS.strict.default,
  });
  const printed = emitFiles(ir, plan, { specName: basename(specs.root), runtime, sources: sourcePositions(ir, specs) });
  const emit = options.emit ?? OPTIONS.emit.default;
  const files = emit === "js" ? asJavaScript(printed, `// ${headerLine(basename(specs.root))}`) : printed;
  const emitted = lap();
  return {
    files,
    diagnostics: inOriginal(diagnostics, specs),
    sources,
    models: ir.decls.length,
    timings: { read: readMs, check, ir: ir0, transform, naming, emit: emitted },
  };
}

/**
 * Where each declaration is written, for its doc page: its pointer (into the file as the user wrote it: a Swagger
 * 2.0 document's `#/definitions/X`) and `fine-tuning.yaml:12:5` (the file's name only: output does not depend on
 * where it ran). JSON files are searched once for all of them (`locateMany`).
 */
function sourcePositions(ir: Ir, specs: SpecSet): Map<string, DeclSource> {
  const out = new Map<string, DeclSource>();
  const byFile = new Map<string, Decl[]>();
  for (const d of ir.decls) {
    const list = byFile.get(d.origin.file);
    if (list === undefined) byFile.set(d.origin.file, [d]);
    else list.push(d);
  }
  for (const [file, decls] of byFile) {
    const loaded = specs.files.get(file);
    if (loaded === undefined) continue;
    const batch = loaded.format === "json" && loaded.converted === undefined;
    const json = batch
      ? locateMany(
          loaded.text,
          decls.map((d) => d.origin.path),
        )
      : undefined;
    for (const d of decls) {
      const at = json === undefined ? loaded.locate(d.origin.path) : json.get(d.origin.path.join("\u0000"));
      const path = loaded.converted?.originalPath(d.origin.path) ?? d.origin.path;
      out.set(d.id, {
        pointer: encodePointer(path),
        ...(at === undefined ? {} : { position: `${basename(file)}:${at.line}:${at.col}` }),
      });
    }
  }
  return out;
}

/** Adds line and column to a diagnostic that has only a JSON pointer. */
function withPosition(d: Diagnostic, specs: SpecSet): Diagnostic {
  if (d.position !== undefined || d.pointer === undefined) return d;
  return { ...d, position: specs.files.get(d.file)?.locate(pointerSegments(d.pointer)) };
}

/** Pointers into a converted document (Swagger 2.0) as pointers into the file the user wrote. */
function inOriginal(diagnostics: readonly Diagnostic[], specs: SpecSet): Diagnostic[] {
  return diagnostics.map((d) => {
    const converted = specs.files.get(d.file)?.converted;
    if (converted === undefined || d.pointer === undefined) return d;
    return { ...d, pointer: encodePointer(converted.originalPath(pointerSegments(d.pointer))) };
  });
}

function failed(diagnostics: readonly Diagnostic[], sources: readonly string[]): GenerateResult {
  return {
    files: [],
    diagnostics,
    sources,
    models: 0,
    timings: { read: 0, check: 0, ir: 0, transform: 0, naming: 0, emit: 0 },
  };
}

/** Reads a file of `templates/`, found from this module whether it runs from source or from `dist/`. */
export function readTemplate(name: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, "templates", name);
    if (existsSync(candidate) && existsSync(join(dir, "package.json"))) return readFileSync(candidate, "utf8");
    dir = dirname(dir);
  }
  throw new Error(`internal error: templates/${name} not found beside the wirecase package`);
}
