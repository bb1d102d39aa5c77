/**
 * `emit: "js"`: each TypeScript file of the output as JavaScript (`x.js`) with its declarations (`x.d.ts`), for
 * apps that only consume the output, so their compiler reads declarations and no function bodies. Both come from
 * TypeScript's single-file transforms (`transpileModule`, and `transpileDeclaration`, which the output allows
 * because it is written for `isolatedDeclarations`): no program, no type-check. The JavaScript is what compiling
 * the `.ts` output with `target: ES2022` gives; its comments are dropped (the declarations keep every doc
 * comment), the header line is kept on both.
 */
import { ts } from "ts-morph";

const JS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  verbatimModuleSyntax: true,
  removeComments: true,
  newLine: ts.NewLineKind.LineFeed,
};

const DTS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  verbatimModuleSyntax: true,
  declaration: true,
  isolatedDeclarations: true,
  newLine: ts.NewLineKind.LineFeed,
};

/** An output file (emit/docs.ts's `TextFile`; no emitter imports another). */
interface OutputFile {
  readonly path: string;
  readonly text: string;
}

/** The files with every `.ts` one replaced by its `.js` and `.d.ts`, sorted by path. */
export function asJavaScript(files: readonly OutputFile[], header: string): OutputFile[] {
  const out: OutputFile[] = [];
  for (const file of files) {
    if (!file.path.endsWith(".ts")) {
      out.push(file);
      continue;
    }
    const base = file.path.slice(0, -".ts".length);
    const js = ts.transpileModule(file.text, { compilerOptions: JS, fileName: file.path }).outputText;
    const dts = ts.transpileDeclaration(file.text, { compilerOptions: DTS, fileName: file.path }).outputText;
    out.push({ path: `${base}.js`, text: `${header}\n${js}` }, { path: `${base}.d.ts`, text: `${header}\n${dts}` });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
