/**
 * Wire types (keys exactly as on the wire) and model types (camelCase keys), side by side per declaration.
 * A declaration that renames nothing gets `type XWire = X`. Enums are literal unions plus a `const` list of
 * their values. Objects are interfaces; an object that is itself nullable is an alias of a type literal.
 *
 * Each declaration is one writer function: ts-morph's structure printer makes a fresh writer for every
 * property type, parameter and JSDoc, which at GitHub's scale (80,000 properties) cost more than the rest of
 * the type printing.
 */
import type { CodeBlockWriter, WriterFunction } from "ts-morph";
import type { Decl, Doc, Ir, ObjectNode, Property } from "../ir/types.js";
import type { Decls } from "../ir/query.js";
import { declMap, nonNullMember } from "../ir/walk.js";
import type { Names } from "../naming/assign-names.js";
import { propertyName } from "../code/js.js";
import { docLines, firstSentence, writeDoc } from "../code/jsdoc.js";
import { constDecl, functionDecl } from "../code/print.js";
import { typeExpr, type Side } from "../code/type-expr.js";
import type { Analysis } from "../plan/analyse.js";

/**
 * One writer function per declaration: its model type (and value list), then its wire type; a blank line between
 * declarations.
 */
export function emitTypes(ir: Ir, names: Names, analysis: Analysis): WriterFunction[] {
  const decls = declMap(ir);
  return ir.decls.map((decl) => {
    const n = names.decl(decl.id);
    const parts = [
      ...declType(decl, "model", names, decls),
      ...(analysis.differs(decl.id)
        ? declType(decl, "wire", names, decls)
        : [typeAlias([`The wire form of {@link ${n.model}}: the same keys.`], n.wire, n.model)]),
    ];
    return (w) => {
      w.blankLineIfLastNot();
      for (const part of parts) {
        w.newLineIfLastNot();
        part(w);
      }
    };
  });
}

function declType(decl: Decl, side: Side, names: Names, decls: Decls): WriterFunction[] {
  const n = names.decl(decl.id);
  const name = side === "model" ? n.model : n.wire;
  const docs =
    side === "model"
      ? docLines(decl.doc)
      : [`The wire form of {@link ${n.model}}: keys exactly as they travel in JSON.`];
  const node = decl.node;
  if (node.kind === "object")
    return [(w) => writeObject(w, docs, `export interface ${name} {`, "}", node, side, names, decls)];
  const inner = nonNullMember(node);
  if (inner?.kind === "object")
    return [(w) => writeObject(w, docs, `export type ${name} = {`, "} | null;", inner, side, names, decls)];
  if (node.kind === "enum" && side === "model") {
    const values = `[${node.values.map((v) => JSON.stringify(v)).join(", ")}]`;
    if (node.open !== true) {
      return [
        typeAlias(docs, name, typeExpr(node, side, names)),
        constDecl(true, n.values, `readonly ${name}[]`, values, `Every value of {@link ${name}}, in spec order.`),
      ];
    }
    const open = `Open: other strings are accepted too; {@link ${n.isKnown}} tells them apart.`;
    const description = `${decl.doc.description ?? ""}\n\n${open}`.trim();
    return [
      typeAlias(
        [`The values {@link ${name}} lists in the spec.`],
        n.known,
        node.values.map((v) => JSON.stringify(v)).join(" | "),
      ),
      typeAlias(docLines({ ...decl.doc, description }), name, `${n.known} | (string & {})`),
      constDecl(true, n.values, `readonly ${n.known}[]`, values, `Every value {@link ${name}} lists, in spec order.`),
      functionDecl({
        doc: `True when \`value\` is one of the values the spec lists for {@link ${name}}.`,
        exported: true,
        name: n.isKnown,
        parameters: "value: string",
        returns: `value is ${n.known}`,
        body: [`return (${n.values} as readonly string[]).includes(value);`],
      }),
    ];
  }
  return [typeAlias(docs, name, typeExpr(node, side, names))];
}

function typeAlias(docs: readonly string[], name: string, type: string): WriterFunction {
  return (w) => {
    writeDoc(w, docs);
    w.write(`export type ${name} = ${type};`);
  };
}

/** An interface or a type literal: `head`, one line per property (with its JSDoc), `tail`. */
function writeObject(
  w: CodeBlockWriter,
  docs: readonly string[],
  head: string,
  tail: string,
  node: ObjectNode,
  side: Side,
  names: Names,
  decls: Decls,
): void {
  writeDoc(w, docs);
  w.writeLine(head);
  const keys = side === "model" ? names.keys(node) : node.properties.map((p) => p.key);
  w.indent(() => {
    if (node.additional !== undefined) w.writeLine("[key: string]: unknown;");
    node.properties.forEach((p, i) => {
      const doc = propertyDoc(p, decls);
      writeDoc(w, docLines(side === "model" ? doc : wireDoc(doc)));
      w.writeLine(`${propertyName(keys[i]!)}${p.required ? "" : "?"}: ${typeExpr(p.node, side, names)};`);
    });
  });
  w.write(tail);
}

/**
 * A wire property's doc: the first sentence of the model property's, its `@format` (it says how the JSON value is
 * written) and its flags (`@deprecated`, `@readonly`, `@writeonly`), for a hover in code that handles JSON; the
 * whole text and `@default` are on the model property, which the wire type's own doc links to (OpenAI 2026-08
 * types.ts: 2.59 -> 2.37 MB).
 */
function wireDoc(doc: Doc): Doc {
  const description = firstSentence(doc.description ?? doc.title ?? "");
  return {
    ...(description === "" ? {} : { description }),
    ...(doc.deprecated === true ? { deprecated: true } : {}),
    ...(doc.format === undefined ? {} : { format: doc.format }),
    ...(doc.readOnly === true ? { readOnly: true } : {}),
    ...(doc.writeOnly === true ? { writeOnly: true } : {}),
  };
}

/**
 * A property's doc; one that only refers to a model (`method: { $ref: FineTuneMethod }`, or `| null`) and says
 * nothing itself gets the first sentence of that model's description, as its doc page row does.
 */
function propertyDoc(p: Property, decls: Decls): Doc {
  if (p.doc.description !== undefined) return p.doc;
  const inner = nonNullMember(p.node) ?? p.node;
  const target = inner.kind === "ref" ? decls.get(inner.target) : undefined;
  const summary = firstSentence(target?.doc.description ?? "");
  return summary === "" ? p.doc : { ...p.doc, description: summary };
}
