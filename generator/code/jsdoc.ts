/** JSDoc from spec text, safe against comment terminators and any other content. */
import type { CodeBlockWriter } from "ts-morph";
import type { Doc } from "../ir/types.js";

/** Text that cannot end the comment it is written in. */
export function commentText(text: string): string {
  return (
    text
      .replace(/\r\n?/g, "\n")
      .replace(/\*\//g, "*\\/")
      // ts-morph's writer reads "/*" in comment text as a nested comment start
      .replace(/\/\*/g, "/\\*")
      .replace(/[\u2028\u2029]/g, " ")
      .trim()
  );
}

/** The lines of a declaration's JSDoc: its description (or title), then its tags; empty when nothing to say. */
export function docLines(doc: Doc): string[] {
  const description =
    doc.description === undefined
      ? doc.title === undefined
        ? ""
        : commentText(doc.title)
      : commentText(doc.description);
  const parts = description === "" ? [] : [description];
  if (doc.deprecated === true) parts.push("@deprecated");
  if (doc.format !== undefined) parts.push(`@format ${commentText(doc.format)}`);
  if (doc.default !== undefined) parts.push(`@default ${commentText(json(doc.default.value))}`);
  if (doc.readOnly === true) parts.push("@readonly");
  if (doc.writeOnly === true) parts.push("@writeonly");
  return parts.length === 0 ? [] : parts.join("\n").split("\n");
}

/** Writes `/** … *\/` on its own line(s), or nothing for no lines: one line stays on one line. */
export function writeDoc(w: CodeBlockWriter, lines: readonly string[]): void {
  if (lines.length === 0) return;
  if (lines.length === 1) {
    w.writeLine(`/** ${lines[0]} */`);
    return;
  }
  w.writeLine("/**");
  for (const line of lines) w.writeLine(line === "" ? " *" : ` * ${line}`);
  w.writeLine(" */");
}

function json(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** The first sentence of a text (at most 200 characters), on one line: index rows and referenced models' summaries. */
export function firstSentence(text: string): string {
  const trimmed = text.trim().split(/\n\s*\n/)[0] ?? "";
  const match = /^(.{1,200}?[.!?])(\s|$)/s.exec(trimmed);
  return (match?.[1] ?? trimmed.slice(0, 200)).replace(/\s+/g, " ");
}
