/** `A & B` of built nodes, and the question whether two nodes share no value (pure functions of nodes). */
import type { Assertion, Node, PrimitiveNode } from "../types.js";
import { isAnyValue } from "../walk.js";
import { UNKNOWN } from "./schema.js";

/**
 * `A & B`, simplified: `unknown` members drop out (not those with constraints per type), a primitive beside a
 * literal or enum of its type gives way to it (`string & "dog"` is `"dog"`), duplicates are removed; one member
 * left is that member.
 */
export function intersection(nodes: readonly Node[]): Node {
  // a nested intersection is flattened, its assertions kept; a member that only asserts (any value with
  // assertions) adds its assertions to what the others make
  const checks: Assertion[] = [];
  const all = nodes.flatMap((n) => {
    if (n.kind !== "intersection") return [n];
    checks.push(...(n.checks ?? []));
    return n.members;
  });
  const asserts = (n: Node): boolean => n.kind === "unknown" && n.when === undefined && n.checks !== undefined;
  for (const n of all) if (asserts(n)) checks.push(...n.checks!);
  const rest = all.filter((n) => !isAnyValue(n) && !asserts(n));
  const node = intersect(rest);
  return checks.length === 0 ? node : { ...node, checks: [...(node.checks ?? []), ...checks] };
}

function intersect(flat: readonly Node[]): Node {
  const narrowed = flat.filter(
    (n) => !(n.kind === "primitive" && n.constraints === undefined && n.checks === undefined && narrowsTo(n, flat)),
  );
  const unique = narrowed.filter((n, i) => narrowed.findIndex((m) => JSON.stringify(m) === JSON.stringify(n)) === i);
  if (unique.length === 0) return UNKNOWN;
  return unique.length === 1 ? unique[0]! : { kind: "intersection", members: unique };
}

/** Whether a literal or enum among `nodes` has the primitive's type (so the primitive adds nothing). */
function narrowsTo(primitive: PrimitiveNode, nodes: readonly Node[]): boolean {
  const type = primitive.type === "integer" ? "number" : primitive.type;
  return nodes.some((m) => (m.kind === "literal" || m.kind === "enum") && jsonTypeOf(m) === type);
}

/**
 * Whether no value fits both: two primitives or constants of different JSON types, or two different constants
 * (the caller knows `a` and `b` differ).
 */
export function disjoint(a: Node, b: Node): boolean {
  const [ka, kb] = [jsonKind(a), jsonKind(b)];
  return ka !== undefined && kb !== undefined && (ka !== kb || (a.kind === "literal" && b.kind === "literal"));
}

/** How a warning names a node: its constant, its primitive type, else its kind. */
export function describeKind(node: Node): string {
  return node.kind === "literal" ? JSON.stringify(node.value) : node.kind === "primitive" ? node.type : node.kind;
}

/** The one JSON type every value of a primitive or constant has (integer is a number), else undefined. */
function jsonKind(node: Node): string | undefined {
  if (node.kind === "primitive") return node.type === "integer" ? "number" : node.type;
  if (node.kind !== "literal") return undefined;
  return node.value === null ? "null" : Array.isArray(node.value) ? "array" : typeof node.value;
}

/** `typeof` of a literal's value, or of an enum's values when they all share one. */
function jsonTypeOf(node: Node): string | undefined {
  if (node.kind === "literal") return typeof node.value;
  if (node.kind === "enum") {
    const first = typeof node.values[0];
    return node.values.every((v) => typeof v === first) ? first : undefined;
  }
  return undefined;
}
