/**
 * The `dates: "Date"` option: instants become `date` nodes, a `Date` in the model. A `format: date-time` string is an
 * RFC 3339 instant; an integer or number with `format: unixtime` (OpenAI) or `unix-time` (Stripe) counts seconds since
 * 1970. `format: date` stays a string: a calendar date is not an instant (`new Date("2024-01-31")` is midnight UTC,
 * the 30th west of Greenwich). Only shapes are rewritten: the nodes an assertion validates against check wire values.
 */
import type { DateNode, IntersectionNode, Ir, Node, PrimitiveNode } from "../ir/types.js";
import { isAnyValue, isNullable, mapShapeChildren, nonNullMember } from "../ir/walk.js";

export function dates(ir: Ir): Ir {
  return { ...ir, decls: ir.decls.map((d) => ({ ...d, node: dated(d.node) })) };
}

/** The encoding of an instant a primitive holds, or undefined when it holds none. */
export function instantEncoding(node: PrimitiveNode): DateNode["encoding"] | undefined {
  if (node.type === "string" && node.format === "date-time") return "rfc3339";
  const unix = node.format === "unixtime" || node.format === "unix-time";
  return unix && (node.type === "integer" || node.type === "number") ? "unixSeconds" : undefined;
}

/**
 * An allOf with an instant among its members: `date-time ∧ string` (GitHub's webhooks intersect two objects that
 * declare `updated_at` with and without the format) is the instant; beside anything else that constrains the value
 * (a `maxLength`, an enum), the members stay wire values, and so does the whole intersection, which the mappers
 * and parse handle as before (a `Date & string` is no type).
 */
function intersection(node: IntersectionNode): Node {
  const members = node.members.map(dated);
  // `T | null` members read as `T`; null stays a value when every member allows it
  const inner = members.map((m) => nonNullMember(m) ?? m);
  const instant = inner.find((m): m is DateNode => m.kind === "date");
  if (instant === undefined) return { ...node, members };
  const adds = (m: Node): boolean =>
    m === instant ||
    isAnyValue(m) ||
    (m.kind === "primitive" && m.type === instant.wire.type && m.constraints === undefined && m.checks === undefined);
  if (!inner.every(adds)) return node;
  const checks = [...(instant.checks ?? []), ...(node.checks ?? [])];
  const date: DateNode = { ...instant, ...(checks.length === 0 ? {} : { checks }) };
  const nullable = members.every((m) => isAnyValue(m) || isNullable(m));
  return nullable ? { kind: "union", members: [date, { kind: "primitive", type: "null" }] } : date;
}

function dated(node: Node): Node {
  if (node.kind === "intersection") return intersection(node);
  if (node.kind !== "primitive") return mapShapeChildren(node, dated);
  const encoding = instantEncoding(node);
  if (encoding === undefined) return node;
  const { checks, ...wire } = node;
  return { kind: "date", encoding, wire, ...(checks === undefined ? {} : { checks }) };
}
