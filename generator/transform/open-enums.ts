/**
 * The `openEnums` option: every string enum also accepts strings it does not list, so a server that adds a
 * value does not break parsing. Types become `Known | (string & {})`; guards and parse check for a string.
 */
import type { Ir, Node } from "../ir/types.js";
import { mapShapeChildren } from "../ir/walk.js";

export function openEnums(ir: Ir): Ir {
  return { ...ir, decls: ir.decls.map((d) => ({ ...d, node: open(d.node) })) };
}

function open(node: Node): Node {
  if (node.kind === "enum") return node.values.every((v) => typeof v === "string") ? { ...node, open: true } : node;
  return mapShapeChildren(node, open);
}
