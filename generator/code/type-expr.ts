/** IR node → TypeScript type text, for the wire side or the model side. */
import type { Node } from "../ir/types.js";
import { assertNever } from "../ir/walk.js";
import type { Names } from "../naming/assign-names.js";
import type { Side } from "../plan/object.js";
import { propertyName } from "./js.js";

export type { Side } from "../plan/object.js";

export function typeExpr(node: Node, side: Side, names: Names): string {
  switch (node.kind) {
    case "primitive":
      return node.type === "integer" ? "number" : node.type;
    case "date":
      return side === "model" ? "Date" : typeExpr(node.wire, side, names);
    case "literal":
      return JSON.stringify(node.value);
    case "enum":
      return node.values.map((v) => JSON.stringify(v)).join(" | ") + (node.open === true ? " | (string & {})" : "");
    case "array":
      return `${wrap(node.items, side, names)}[]`;
    case "tuple": {
      // elements after the required ones are optional (`[A, B?]`, `[A, (B | null)?]`): an array may stop before
      const items = node.items.map((n, i) =>
        i < node.required ? typeExpr(n, side, names) : `${wrap(n, side, names)}?`,
      );
      if (node.rest !== undefined) items.push(`...${wrap(node.rest, side, names)}[]`);
      return `[${items.join(", ")}]`;
    }
    case "object": {
      const keys = side === "model" ? names.keys(node) : node.properties.map((p) => p.key);
      const members = node.properties.map(
        (p, i) => `${propertyName(keys[i]!)}${p.required ? "" : "?"}: ${typeExpr(p.node, side, names)}`,
      );
      if (node.additional !== undefined) members.push("[key: string]: unknown");
      return members.length === 0 ? "{}" : `{ ${members.join("; ")} }`;
    }
    case "record":
      return `{ [key: string]: ${typeExpr(node.values, side, names)} }`;
    case "union":
      return unique(node.members.map((m) => wrapFunctionLike(m, side, names))).join(" | ");
    case "intersection": {
      // a member that is any value (with constraints per type) adds nothing to the type
      const typed = node.members.filter((m) => m.kind !== "unknown");
      return unique((typed.length > 0 ? typed : node.members).map((m) => wrap(m, side, names))).join(" & ");
    }
    case "ref": {
      const decl = names.decl(node.target);
      return side === "model" ? decl.model : decl.wire;
    }
    case "unknown":
      return "unknown";
    case "never":
      return "never";
    default:
      return assertNever(node);
  }
}

function wrap(node: Node, side: Side, names: Names): string {
  const text = typeExpr(node, side, names);
  return node.kind === "union" || node.kind === "intersection" || node.kind === "enum" ? `(${text})` : text;
}

function wrapFunctionLike(node: Node, side: Side, names: Names): string {
  const text = typeExpr(node, side, names);
  return node.kind === "intersection" ? `(${text})` : text;
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}
