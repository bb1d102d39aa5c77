/** `A & B` of built nodes, and the question whether two nodes share no value (pure functions of nodes). */
import type { Assertion, Node, PrimitiveNode, UnionNode } from "../types.js";
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

function intersect(members: readonly Node[]): Node {
  // a union beside a primitive or constant keeps only the members of its JSON type (`type: "null"` beside
  // `oneOf: [string, object]` is never: Vercel's spec has one)
  const scalars = members.filter((n) => jsonKind(n) !== undefined);
  const flat = members.map((n) => (n.kind === "union" && scalars.length > 0 ? pruned(n, scalars) : n));
  if (flat.some((n) => n.kind === "never" && n.checks === undefined)) return { kind: "never" };
  const narrowed = flat.filter(
    (n) => !(n.kind === "primitive" && n.constraints === undefined && n.checks === undefined && narrowsTo(n, flat)),
  );
  const unique = narrowed.filter((n, i) => narrowed.findIndex((m) => JSON.stringify(m) === JSON.stringify(n)) === i);
  if (unique.length === 0) return UNKNOWN;
  return unique.length === 1 ? unique[0]! : { kind: "intersection", members: unique };
}

/** A union's members that share a JSON type with every one of `scalars` (none: never; one: that member). */
function pruned(union: UnionNode, scalars: readonly Node[]): Node {
  const members = union.members.filter((m) => scalars.every((s) => !typesDiffer(s, m)));
  if (members.length === union.members.length) return union;
  if (members.length === 0) return { kind: "never" };
  if (members.length === 1 && union.checks === undefined) return members[0]!;
  const { discriminator: _, ...rest } = union;
  const discriminator = union.discriminator === undefined ? undefined : kept(union, members);
  return discriminator === undefined ? { ...rest, members } : { ...rest, members, discriminator };
}

/** A discriminator's cases for the members kept (indices renumbered); undefined when none is left. */
function kept(union: UnionNode, members: readonly Node[]): UnionNode["discriminator"] {
  const d = union.discriminator!;
  const cases = d.cases.flatMap((c) => {
    const index = members.indexOf(union.members[c.member]!);
    return index === -1 ? [] : [{ value: c.value, member: index }];
  });
  return cases.length === 0 ? undefined : { property: d.property, cases };
}

/** Whether two nodes have different JSON types (a scalar's, `object` for objects and records, `array`). */
function typesDiffer(a: Node, b: Node): boolean {
  const [ka, kb] = [shapeKind(a), shapeKind(b)];
  return ka !== undefined && kb !== undefined && ka !== kb;
}

function shapeKind(node: Node): string | undefined {
  if (node.kind === "object" || node.kind === "record") return "object";
  if (node.kind === "array" || node.kind === "tuple") return "array";
  if (node.kind === "enum") return jsonTypeOf(node);
  return jsonKind(node);
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
