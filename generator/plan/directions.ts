/**
 * Which way each declaration's values travel, decided once for every printer: whether it is `read` (received:
 * `xFromWire`, the guards, parse); every declaration is sent (`xToWire`). An operation's parameter set is only
 * ever sent: a client builds it and `params.toWire` groups it by location, and a server receives its values as
 * URL and header strings, not as this JSON object, so no guard, parse or `fromWire` of it could serve anyone.
 * What only parameter sets reach (the schemas hoisted out of them) is not read either; everything else
 * (components, request bodies, responses) travels both ways: a server parses the requests a client sends, a test
 * or mock sends the responses.
 */
import type { Ir } from "../ir/types.js";
import { refTargets } from "../ir/walk.js";

export interface Directions {
  /** Received: the declaration has `xFromWire`, `isXWire`, `isX`, `parseX`, `safeParseX` and `xSchema`. */
  read(id: string): boolean;
}

export function directions(ir: Ir): Directions {
  const byId = new Map(ir.decls.map((d) => [d.id, d]));
  // the closure, through every reference (parse checks an assertion's schemas too), of what is not for operations
  // only and of the operations' bodies
  const stack = ir.decls.filter((d) => d.forOperations !== true).map((d) => d.id);
  for (const op of ir.operations ?? []) {
    if (op.requestBody?.decl !== undefined) stack.push(op.requestBody.decl);
    for (const r of op.responses) if (r.decl !== undefined) stack.push(r.decl);
  }
  const read = new Set<string>();
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (read.has(id)) continue;
    read.add(id);
    const decl = byId.get(id);
    if (decl !== undefined) for (const t of refTargets(decl.node)) if (!read.has(t)) stack.push(t);
  }
  return { read: (id) => read.has(id) };
}
