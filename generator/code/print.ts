/**
 * Top-level functions and consts as ts-morph writer functions, for the statement lists that `files.ts` prints
 * in one `printStructure` call per file.
 *
 * Why not `FunctionDeclarationStructure`: ts-morph's structure printer makes a fresh `CodeBlockWriter` for
 * every parameter, return type and JSDoc and goes through a memoized printer factory for each part; at
 * GitHub's scale (about 40,000 functions) that cost more than printing the code itself.
 */
import type { CodeBlockWriter, WriterFunction } from "ts-morph";
import { writeDoc } from "./jsdoc.js";

export interface FunctionText {
  /** JSDoc text; lines are separated by `\n`. */
  readonly doc?: string;
  readonly exported: boolean;
  readonly name: string;
  /** `wire: FooWire`, or `value: unknown, issues: IssueDraft[]`. */
  readonly parameters: string;
  readonly returns: string;
  /** The statements: lines of text, or a writer function. */
  readonly body: readonly string[] | WriterFunction;
}

/** `function name(parameters): returns { body }`, after a blank line and its JSDoc. */
export function functionDecl(f: FunctionText): WriterFunction {
  return (w) => {
    w.blankLineIfLastNot();
    writeDoc(w, f.doc === undefined ? [] : f.doc.split("\n"));
    w.write(`${f.exported ? "export " : ""}function ${f.name}(${f.parameters}): ${f.returns} `).block(() =>
      writeBody(w, f.body),
    );
  };
}

/** `const name: type = value;` on its own line, after its JSDoc. */
export function constDecl(exported: boolean, name: string, type: string, value: string, doc?: string): WriterFunction {
  return (w) => {
    w.newLineIfLastNot();
    writeDoc(w, doc === undefined ? [] : doc.split("\n"));
    w.write(`${exported ? "export " : ""}const ${name}: ${type} = ${value};`);
  };
}

function writeBody(w: CodeBlockWriter, body: readonly string[] | WriterFunction): void {
  if (typeof body === "function") {
    body(w);
    return;
  }
  for (const line of body) w.writeLine(line);
}
