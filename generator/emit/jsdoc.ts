/** JSDoc from spec text, safe against comment terminators and any other content. */
import { StructureKind, type JSDocStructure, type JSDocTagStructure } from "ts-morph";
import type { Doc } from "../ir/types.js";

/** Text that cannot end the comment it is written in. */
export function commentText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/\*\//g, "*\\/")
    // ts-morph's writer reads "/*" in comment text as a nested comment start
    .replace(/\/\*/g, "/\\*")
    .replace(/[\u2028\u2029]/g, " ")
    .trim();
}

export function jsDocs(doc: Doc, extra: readonly JSDocTagStructure[] = []): JSDocStructure[] {
  const tags: JSDocTagStructure[] = [];
  if (doc.deprecated === true) tags.push({ kind: StructureKind.JSDocTag, tagName: "deprecated" });
  if (doc.format !== undefined) tags.push({ kind: StructureKind.JSDocTag, tagName: "format", text: commentText(doc.format) });
  if (doc.default !== undefined) tags.push({ kind: StructureKind.JSDocTag, tagName: "default", text: commentText(json(doc.default.value)) });
  if (doc.readOnly === true) tags.push({ kind: StructureKind.JSDocTag, tagName: "readonly" });
  if (doc.writeOnly === true) tags.push({ kind: StructureKind.JSDocTag, tagName: "writeonly" });
  tags.push(...extra);
  const description = doc.description === undefined ? (doc.title === undefined ? "" : commentText(doc.title)) : commentText(doc.description);
  if (description === "" && tags.length === 0) return [];
  return [{ kind: StructureKind.JSDoc, ...(description === "" ? {} : { description }), tags }];
}

function json(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
