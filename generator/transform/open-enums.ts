/**
 * The `openEnums` option: every string enum also accepts strings it does not list, so a server that adds a
 * value does not break parsing. Types become `Known | (string & {})`; guards and parse check for a string.
 */
import type { Ir, Node } from "../ir/types.js";
import { assertNever } from "../ir/walk.js";

export function openEnums(ir: Ir): Ir {
  return { ...ir, decls: ir.decls.map((d) => ({ ...d, node: open(d.node) })) };
}

function open(node: Node): Node {
  switch (node.kind) {
    case "enum":
      return node.values.every((v) => typeof v === "string") ? { ...node, open: true } : node;
    case "primitive":
    case "literal":
    case "ref":
    case "unknown":
    case "never":
      return node;
    case "array":
      return { ...node, items: open(node.items) };
    case "tuple":
      return { ...node, items: node.items.map(open), rest: node.rest === undefined ? undefined : open(node.rest) };
    case "object":
      return {
        ...node,
        properties: node.properties.map((p) => ({ ...p, node: open(p.node) })),
        additional: node.additional === undefined ? undefined : open(node.additional),
      };
    case "record":
      return { ...node, values: open(node.values) };
    case "union":
    case "intersection":
      return { ...node, members: node.members.map(open) };
    default:
      return assertNever(node);
  }
}
