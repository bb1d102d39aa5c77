/** What the build rules read: a schema object of the parsed spec (never written), and small questions about it. */
import type { Node } from "../types.js";

export type Schema = Readonly<Record<string, unknown>>;

export const NULL: Node = { kind: "primitive", type: "null" };
export const UNKNOWN: Node = { kind: "unknown" };

export function isSchemaObject(value: unknown): value is Schema {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** `type` as a list: `string` is `[string]`; absent is undefined. */
export function typeList(type: unknown): readonly unknown[] | undefined {
  if (type === undefined) return undefined;
  return Array.isArray(type) ? type : [type];
}

/** The schema itself when it declares `properties` (the object part beside an allOf or a union). */
export function ownObjectPart(schema: Schema): Schema | undefined {
  return schema["properties"] !== undefined ? schema : undefined;
}

/** `node | null`: unknown and null stay as they are, a union gets null as its last member (once). */
export function withNull(node: Node): Node {
  if (node.kind === "unknown") return node;
  if (node.kind === "primitive" && node.type === "null") return node;
  if (node.kind === "union") {
    const hasNull = node.members.some((m) => m.kind === "primitive" && m.type === "null");
    return hasNull ? node : { ...node, members: [...node.members, NULL] };
  }
  return { kind: "union", members: [node, NULL] };
}

/** A value as an error message names it: `null`, `a list`, `string "x"`. */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return `${typeof value} ${JSON.stringify(value)}`;
}
