/**
 * Hoists inline object and enum schemas out of their parents into their own declarations, named after the
 * parent and the path to them (`FineTuningJob` + `error` → `FineTuningJobError`), as both reference pages do.
 * Path parts: a property adds its key, array items add `Item`, record values `Value`, tuple elements
 * `Item<n>`; in a union, a member adds its `type` tag (`Enum` for an enum, else `Variant<n>`) when several members
 * are hoisted or the union is the declaration's root;
 * `T | null` adds nothing. The root of a declaration (and its non-null member) is never hoisted.
 */
import type { Decl, Ir, Node, Property } from "../ir/types.js";
import { assertNever, nonNullMember } from "../ir/walk.js";
import { encodeSegment } from "../load/pointer.js";

export function hoistInline(ir: Ir): Ir {
  const out: Decl[] = [];
  for (const decl of ir.decls) {
    const hoisted: Decl[] = [];
    const hoist = (node: Node, nameParts: readonly string[], idPath: string, doc: Decl["doc"]): Node => {
      const id = `${decl.id}@${idPath}`;
      // pre-order: a hoisted parent comes before the declarations hoisted out of it
      const index = hoisted.length;
      const root = visitRoot(node, nameParts, idPath);
      const forOperations = decl.forOperations === true ? { forOperations: true as const } : {};
      hoisted.splice(index, 0, {
        id,
        nameParts,
        node: root,
        doc,
        source: "hoisted",
        origin: decl.origin,
        ...forOperations,
      });
      return { kind: "ref", target: id };
    };

    const visitRoot = (node: Node, nameParts: readonly string[], idPath: string): Node => {
      const inner = nonNullMember(node);
      if (inner !== undefined && node.kind === "union") {
        return { ...node, members: node.members.map((m) => (m === inner ? visitRoot(m, nameParts, idPath) : m)) };
      }
      if (node.kind === "object") {
        const additional =
          node.additional === undefined
            ? undefined
            : visit(node.additional, [...nameParts, "Value"], `${idPath}/additionalProperties`, {});
        return { ...node, properties: node.properties.map((p) => visitProperty(p, nameParts, idPath)), additional };
      }
      return visitChildren(node, nameParts, idPath, true);
    };

    const visitProperty = (p: Property, nameParts: readonly string[], idPath: string): Property => {
      const doc = p.doc.description === undefined ? {} : { description: p.doc.description };
      return { ...p, node: visit(p.node, [...nameParts, p.key], `${idPath}/properties/${encodeSegment(p.key)}`, doc) };
    };

    /** A node below the root: objects and enums are hoisted. */
    const visit = (node: Node, nameParts: readonly string[], idPath: string, doc: Decl["doc"]): Node => {
      if (node.kind === "object" || node.kind === "enum") return hoist(node, nameParts, idPath, doc);
      const inner = nonNullMember(node);
      if (inner !== undefined && node.kind === "union") {
        return { ...node, members: node.members.map((m) => (m === inner ? visit(m, nameParts, idPath, doc) : m)) };
      }
      return visitChildren(node, nameParts, idPath, false);
    };

    const visitChildren = (node: Node, nameParts: readonly string[], idPath: string, atRoot: boolean): Node => {
      switch (node.kind) {
        case "primitive":
        case "date":
        case "literal":
        case "enum":
        case "ref":
        case "unknown":
        case "never":
          return node;
        case "object":
          return visitRoot(node, nameParts, idPath);
        case "array":
          return { ...node, items: visit(node.items, [...nameParts, "Item"], `${idPath}/items`, {}) };
        case "tuple":
          return {
            ...node,
            items: node.items.map((n, i) => visit(n, [...nameParts, `Item${i + 1}`], `${idPath}/prefixItems/${i}`, {})),
            rest: node.rest === undefined ? undefined : visit(node.rest, [...nameParts, "Item"], `${idPath}/items`, {}),
          };
        case "record":
          return { ...node, values: visit(node.values, [...nameParts, "Value"], `${idPath}/additionalProperties`, {}) };
        case "union":
        case "intersection": {
          const hoistable = node.members.filter((m) => isHoistable(m) || isHoistable(nonNullMember(m))).length;
          const used = new Set<string>();
          const members = node.members.map((m, i) => {
            // a lone hoisted member takes the parent's name, except at the root, where that name is the parent's own
            let part =
              hoistable > 1 || atRoot
                ? (memberTag(m) ?? `${node.kind === "union" ? "Variant" : "Part"}${i + 1}`)
                : undefined;
            if (part !== undefined && used.has(part.toLowerCase())) part = `${part}${i + 1}`;
            if (part !== undefined) used.add(part.toLowerCase());
            return visit(m, part === undefined ? nameParts : [...nameParts, part], `${idPath}/${node.kind}/${i}`, {});
          });
          return { ...node, members };
        }
        default:
          return assertNever(node);
      }
    };

    out.push({ ...decl, node: visitRoot(decl.node, decl.nameParts, "") });
    out.push(...hoisted);
  }
  return { ...ir, decls: out };
}

function isHoistable(node: Node | undefined): boolean {
  return node?.kind === "object" || node?.kind === "enum";
}

/** A union member's `type` tag (a property `type`, `object` or `kind` holding one string), for its name. */
function memberTag(member: Node): string | undefined {
  const node = nonNullMember(member) ?? member;
  if (node.kind === "enum") return "Enum";
  if (node.kind !== "object") return undefined;
  for (const key of ["type", "object", "kind"]) {
    const p = node.properties.find((q) => q.key === key);
    if (p?.node.kind === "literal" && typeof p.node.value === "string" && p.node.value !== "") return p.node.value;
  }
  return undefined;
}
