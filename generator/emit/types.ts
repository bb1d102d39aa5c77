/**
 * Wire types (keys exactly as on the wire) and model types (camelCase keys), side by side per declaration.
 * A declaration that renames nothing gets `type XWire = X`. Enums are literal unions plus a `const` list of
 * their values. Objects are interfaces; an object that is itself nullable is an alias of a type literal.
 */
import { StructureKind, VariableDeclarationKind, type CodeBlockWriter, type JSDocStructure, type OptionalKind, type PropertySignatureStructure, type StatementStructures, type WriterFunction } from "ts-morph";
import type { Decl, Ir, ObjectNode } from "../ir/types.js";
import { nonNullMember } from "../ir/walk.js";
import type { Names } from "../naming/assign-names.js";
import type { Analysis } from "./analysis.js";
import { jsDocs } from "./jsdoc.js";
import { propertyName, typeExpr, type Side } from "./type-expr.js";

export function emitTypes(ir: Ir, names: Names, analysis: Analysis): (StatementStructures | WriterFunction)[] {
  const out: (StatementStructures | WriterFunction)[] = [];
  for (const decl of ir.decls) {
    out.push(...declType(decl, "model", names));
    if (analysis.renames.has(decl.id)) out.push(...declType(decl, "wire", names));
    else {
      const n = names.decl(decl.id);
      out.push({ kind: StructureKind.TypeAlias, name: n.wire, isExported: true, type: n.model, docs: [`The wire form of {@link ${n.model}}: the same keys.`] });
    }
  }
  return out;
}

function declType(decl: Decl, side: Side, names: Names): (StatementStructures | WriterFunction)[] {
  const n = names.decl(decl.id);
  const name = side === "model" ? n.model : n.wire;
  const docs = side === "model" ? jsDocs(decl.doc) : [wireDoc(n.model)];
  const node = decl.node;
  if (node.kind === "object") {
    return [
      {
        kind: StructureKind.Interface,
        name,
        isExported: true,
        docs,
        properties: properties(node, side, names),
        indexSignatures: node.additional === undefined ? [] : [{ keyName: "key", keyType: "string", returnType: "unknown" }],
      },
    ];
  }
  const inner = nonNullMember(node);
  if (inner?.kind === "object") {
    return [(w) => writeNullableObject(w, name, docs, inner, side, names)];
  }
  const alias: StatementStructures = { kind: StructureKind.TypeAlias, name, isExported: true, docs, type: typeExpr(node, side, names) };
  if (node.kind === "enum" && side === "model" && node.open === true) {
    const known = node.values.map((v) => JSON.stringify(v)).join(" | ");
    return [
      { kind: StructureKind.TypeAlias, name: n.known, isExported: true, docs: [`The values {@link ${name}} lists in the spec.`], type: known },
      { ...alias, type: `${n.known} | (string & {})`, docs: jsDocs({ ...decl.doc, description: `${decl.doc.description ?? ""}\n\nOpen: other strings are accepted too; {@link ${n.isKnown}} tells them apart.`.trim() }) },
      {
        kind: StructureKind.VariableStatement,
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        docs: [`Every value {@link ${name}} lists, in spec order.`],
        declarations: [{ name: n.values, type: `readonly ${n.known}[]`, initializer: `[${node.values.map((v) => JSON.stringify(v)).join(", ")}]` }],
      },
      {
        kind: StructureKind.Function,
        isExported: true,
        name: n.isKnown,
        docs: [`True when \`value\` is one of the values the spec lists for {@link ${name}}.`],
        parameters: [{ name: "value", type: "string" }],
        returnType: `value is ${n.known}`,
        statements: [`return (${n.values} as readonly string[]).includes(value);`],
      },
    ];
  }
  if (node.kind === "enum" && side === "model") {
    return [
      alias,
      {
        kind: StructureKind.VariableStatement,
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        docs: [`Every value of {@link ${name}}, in spec order.`],
        declarations: [{ name: n.values, type: `readonly ${name}[]`, initializer: `[${node.values.map((v) => JSON.stringify(v)).join(", ")}]` }],
      },
    ];
  }
  return [alias];
}

function wireDoc(model: string): JSDocStructure {
  return { kind: StructureKind.JSDoc, description: `The wire form of {@link ${model}}: keys exactly as they travel in JSON.` };
}

function properties(node: ObjectNode, side: Side, names: Names): PropertySignatureStructure[] {
  const keys = side === "model" ? names.keys(node) : node.properties.map((p) => p.key);
  return node.properties.map((p, i) => ({
    kind: StructureKind.PropertySignature,
    name: propertyName(keys[i]!),
    hasQuestionToken: !p.required,
    type: typeExpr(p.node, side, names),
    docs: jsDocs(p.doc),
  }));
}

function writeNullableObject(w: CodeBlockWriter, name: string, docs: readonly JSDocStructure[], node: ObjectNode, side: Side, names: Names): void {
  for (const doc of docs) writeDoc(w, doc);
  w.writeLine(`export type ${name} = {`);
  w.indent(() => {
    if (node.additional !== undefined) w.writeLine("[key: string]: unknown;");
    for (const p of properties(node, side, names)) {
      for (const doc of p.docs ?? []) if (typeof doc !== "string" && typeof doc !== "function") writeDoc(w, doc);
      w.writeLine(`${p.name}${p.hasQuestionToken === true ? "?" : ""}: ${String(p.type)};`);
    }
  });
  w.writeLine(`} | null;`);
}

function writeDoc(w: CodeBlockWriter, doc: OptionalKind<JSDocStructure>): void {
  const lines: string[] = [];
  if (typeof doc.description === "string") lines.push(...doc.description.split("\n"));
  for (const tag of doc.tags ?? []) lines.push(`@${tag.tagName}${typeof tag.text === "string" ? ` ${tag.text}` : ""}`);
  if (lines.length === 1) w.writeLine(`/** ${lines[0]} */`);
  else {
    w.writeLine("/**");
    for (const line of lines) w.writeLine(line === "" ? " *" : ` * ${line}`);
    w.writeLine(" */");
  }
}

