/** Problems found in the input, reported as `file:line:col: severity: message` with a code frame. */

/** Segments → `#/a/b~1c` (the codec is `load/pointer.ts`; re-exported for the modules that report). */
export { encodePointer } from "./load/pointer.js";

export type Severity = "error" | "warning";

export interface Position {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly col: number;
}

export interface Diagnostic {
  readonly severity: Severity;
  /** A stable identifier for the kind of problem, e.g. `ref-missing`. */
  readonly code: string;
  readonly message: string;
  /** Absolute path of the file the problem is in. */
  readonly file: string;
  readonly position?: Position | undefined;
  /** Where in the file, as a JSON pointer (for problems found after parsing). */
  readonly pointer?: string | undefined;
}

/** An error in the user's input: the CLI prints its diagnostics and exits 2. */
export class InputError extends Error {
  readonly diagnostics: readonly Diagnostic[];
  constructor(diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map((d) => d.message).join("\n"));
    this.name = "InputError";
    this.diagnostics = diagnostics;
  }
}

export function formatDiagnostic(d: Diagnostic, text?: string, cwd?: string): string {
  const where = d.position ? `${d.file}:${d.position.line}:${d.position.col}` : d.file;
  const shown = cwd !== undefined && where.startsWith(cwd + "/") ? where.slice(cwd.length + 1) : where;
  const at = d.pointer === undefined ? "" : ` (at ${d.pointer})`;
  const head = `${shown}: ${d.severity}: ${d.message}${at} [${d.code}]`;
  if (text === undefined || d.position === undefined) return head;
  return `${head}\n${codeFrame(text, d.position)}`;
}

/** Two lines of context above the position, a caret under it. */
export function codeFrame(text: string, at: Position): string {
  const lines = text.split("\n");
  const first = Math.max(1, at.line - 2);
  const width = String(at.line).length;
  const out: string[] = [];
  for (let n = first; n <= Math.min(at.line, lines.length); n++) {
    const line = (lines[n - 1] ?? "").replace(/\r$/, "");
    const clipped = line.length > 160 ? `${line.slice(0, 157)}...` : line;
    out.push(`${n === at.line ? ">" : " "} ${String(n).padStart(width)} | ${clipped}`);
  }
  out.push(`  ${" ".repeat(width)} | ${" ".repeat(Math.max(0, Math.min(at.col - 1, 160)))}^`);
  return out.join("\n");
}

/** 1-based line and column of a character offset. */
export function positionAt(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, col: end - lineStart + 1 };
}
