/**
 * One Markdown page per model under `docs/`, in the layout of the reference pages, with the wire name beside
 * the camelCase name; plus `docs/README.md`, an index of every model.
 */
import type { Decl, Doc, Ir, Node, ObjectNode } from "../ir/types.js";
import { assertNever, declMap, isNull, isNullable, nonNullMember } from "../ir/walk.js";
import type { Names } from "../naming/assign-names.js";
import type { Analysis } from "../plan/analyse.js";

export interface TextFile {
  readonly path: string;
  readonly text: string;
}

const MAX_VALUES = 12;

export function emitDocs(ir: Ir, names: Names, analysis: Analysis, header: string): TextFile[] {
  const decls = declMap(ir);
  const pages = ir.decls.map((decl) => ({
    path: `docs/${names.decl(decl.id).model}.md`,
    text: page(decl, names, decls, analysis, header),
  }));
  const index = [
    header,
    "# Models",
    "",
    "| Model | Wire type | Description |",
    "| --- | --- | --- |",
    ...ir.decls.map((d) => {
      const n = names.decl(d.id);
      return `| [${n.model}](${n.model}.md) | \`${n.wire}\` | ${cell(firstSentence(d.doc.description ?? ""))} |`;
    }),
    "",
  ];
  return [{ path: "docs/README.md", text: index.join("\n") }, ...pages];
}

function page(decl: Decl, names: Names, decls: ReadonlyMap<string, Decl>, analysis: Analysis, header: string): string {
  const n = names.decl(decl.id);
  const lines = [header, `# ${n.model}`, ""];
  if (decl.doc.deprecated === true) lines.push("**Deprecated.**", "");
  if (decl.doc.description !== undefined) lines.push(decl.doc.description.trim(), "");
  lines.push(
    `Wire type \`${n.wire}\`${analysis.differs(decl.id) ? "" : " (same keys)"}` +
      ` · mappers \`${n.fromWire}\`, \`${n.toWire}\``,
    "",
  );
  const node = decl.node;
  const object =
    node.kind === "object"
      ? node
      : nonNullMember(node)?.kind === "object"
        ? (nonNullMember(node) as ObjectNode)
        : undefined;
  if (object !== undefined) {
    if (object !== node) lines.push("The whole value may be `null`.", "");
    lines.push(
      "## Fields",
      "",
      "| Field | Wire name | Type | Required | Nullable | Description |",
      "| --- | --- | --- | --- | --- | --- |",
    );
    const keys = names.keys(object);
    object.properties.forEach((p, i) => {
      const text = describe(p.doc) || firstSentence(referenced(p.node, decls)?.doc.description ?? "");
      lines.push(
        `| ${span(keys[i]!)} | ${span(p.key)} | ${docType(p.node, names, decls)} | ${p.required ? "✔" : ""} ` +
          `| ${nullable(p.node, decls) ? "✔" : ""} | ${cell(text)} |`,
      );
    });
    if (object.additional !== undefined)
      lines.push("", "Other keys may be present: they are kept as data, never renamed.");
    lines.push("");
  } else if (node.kind === "enum") {
    lines.push(
      "## Values",
      "",
      ...node.values.map((v) => `- ${span(JSON.stringify(v))}`),
      "",
      `All values, in order: \`${n.values}\`.`,
      "",
    );
    if (node.open === true)
      lines.push(
        `Open enum: any other string is accepted too; \`${n.isKnown}(value)\` tells the listed values apart.`,
        "",
      );
  } else {
    lines.push("## Type", "", docType(node, names, decls), "");
    if (isNullable(node)) lines.push("The value may be `null`.", "");
  }
  return lines.join("\n");
}

/** The declaration a property refers to directly (or as `T | null`). */
function referenced(node: Node, decls: ReadonlyMap<string, Decl>): Decl | undefined {
  const inner = nonNullMember(node) ?? node;
  return inner.kind === "ref" ? decls.get(inner.target) : undefined;
}

/** Null is allowed here, or by the declaration referred to (through refs). */
function nullable(node: Node, decls: ReadonlyMap<string, Decl>, seen = new Set<string>()): boolean {
  if (isNullable(node) || (node.kind === "primitive" && node.type === "null")) return true;
  if (node.kind !== "ref" || seen.has(node.target)) return false;
  seen.add(node.target);
  const target = decls.get(node.target);
  return target !== undefined && nullable(target.node, decls, seen);
}

function describe(doc: Doc): string {
  const parts: string[] = [];
  if (doc.deprecated === true) parts.push("**Deprecated.**");
  if (doc.description !== undefined) parts.push(doc.description.trim());
  if (doc.readOnly === true) parts.push("Read-only.");
  if (doc.writeOnly === true) parts.push("Write-only.");
  if (doc.default !== undefined) parts.push(`Default: ${span(JSON.stringify(doc.default.value) ?? "")}.`);
  return parts.join(" ");
}

/** The Type column: primitives in italics, literals in code, nested models linked; null is the Nullable column. */
export function docType(node: Node, names: Names, decls: ReadonlyMap<string, Decl>): string {
  switch (node.kind) {
    case "primitive":
      return `*${node.type}*${node.format === undefined ? "" : ` (${cell(node.format)})`}`;
    case "literal":
      return `${span(JSON.stringify(node.value))}`;
    case "enum":
      return values(node.values) + (node.open === true ? " \\| any other *string*" : "");
    case "array":
      return `${arrayOf(docType(node.items, names, decls))}[]`;
    case "tuple": {
      const rest = node.rest === undefined ? "" : `, ...${arrayOf(docType(node.rest, names, decls))}[]`;
      // elements after the required ones may be absent: `[*number*, *number*?]`
      const items = node.items.map((n, i) => `${docType(n, names, decls)}${i < node.required ? "" : "?"}`);
      return `[${items.join(", ")}${rest}]`;
    }
    case "object":
      return "*object*";
    case "record":
      return `map of ${docType(node.values, names, decls)}`;
    case "union": {
      const members = node.members.filter((m) => !isNull(m));
      if (members.length === 0) return "*null*";
      const text = members.map((m) => docType(m, names, decls)).join(" \\| ");
      return members.length > 1 && node.discriminator !== undefined
        ? `${text} (by ${span(node.discriminator.property)})`
        : text;
    }
    case "intersection": {
      // a member that is any value (with constraints per type) adds nothing to the type
      const typed = node.members.filter((m) => m.kind !== "unknown");
      return (typed.length > 0 ? typed : node.members).map((m) => docType(m, names, decls)).join(" & ");
    }
    case "ref": {
      const target = decls.get(node.target);
      const n = names.decl(node.target);
      const link = `[${n.model}](${n.model}.md)`;
      return target?.node.kind === "enum" ? `${link}: ${docType(target.node, names, decls)}` : link;
    }
    case "unknown":
      return "*any*";
    case "never":
      return "*never*";
    default:
      return assertNever(node);
  }
}

/** An item type before `[]`: in parentheses when it has several parts (`(A & B)[]`, not `A & B[]`). */
function arrayOf(text: string): string {
  return / \\\| | & |: /.test(text) ? `(${text})` : text;
}

function values(list: readonly (string | number | boolean)[]): string {
  const shown = list.slice(0, MAX_VALUES).map((v) => `${span(JSON.stringify(v))}`);
  if (list.length > MAX_VALUES) shown.push(`… (${list.length} values)`);
  return shown.join(" \\| ");
}

/** Text for a table cell: one line, pipes escaped. */
function cell(text: string): string {
  return text
    .replace(/\r?\n\s*\n/g, "<br><br>")
    .replace(/\r?\n/g, " ")
    .replace(/\|/g, "\\|");
}

/** Text for inside a code span: pipes escaped, one line (a span holding a backtick is opened with two). */
function code(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

/** A code span for any text. */
function span(text: string): string {
  const body = code(text);
  if (body === "") return "*(empty)*";
  return body.includes("`") ? `\`\` ${body} \`\`` : `\`${body}\``;
}

function firstSentence(text: string): string {
  const trimmed = text.trim().split(/\n\s*\n/)[0] ?? "";
  const match = /^(.{1,200}?[.!?])(\s|$)/s.exec(trimmed);
  return (match?.[1] ?? trimmed.slice(0, 200)).replace(/\s+/g, " ");
}
