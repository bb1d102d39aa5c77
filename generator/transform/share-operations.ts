/**
 * Operation declarations that are the same share one. Parameters, inline bodies and responses, and what is
 * hoisted out of them, are declared once per operation; a large spec repeats them (Microsoft Graph beta: 21,254
 * parameter sets, 9,174 different ones; its `$select` enums hoisted 13,621 times, 2,143 different ones). Two such
 * declarations are the same when their nodes and docs are, with references compared by what they refer to
 * (bottom-up: two parameter sets whose `$select` enums are the same are the same too), and when they play the same
 * role: parameters, request body or response (and what is hoisted out of one), so a declaration keeps a name that
 * says what it is (`DeleteJobParams` never becomes a `…Response`). The first in spec order is kept, with its name;
 * the others are dropped and everything that referred to them (operations, parents) refers to it. Component
 * declarations are never merged, so they are what they would be without `paths`.
 */
import type { Decl, Ir, Operation, OperationBody } from "../ir/types.js";
import { mapRefs } from "../ir/walk.js";

export function shareOperations(ir: Ir): Ir {
  const byId = new Map(ir.decls.map((d) => [d.id, d]));
  const roleOf = roles(ir);
  // the class of each operation declaration: one per distinct (role, node, doc), refs read as their targets' class
  const classOf = new Map<string, string>();
  const classes = new Map<string, string>();
  const visiting = new Set<string>();
  const classify = (id: string): string => {
    const decl = byId.get(id);
    if (decl === undefined || decl.forOperations !== true) return id;
    const known = classOf.get(id);
    if (known !== undefined) return known;
    // a declaration that refers back to itself is its own class (never merged)
    if (visiting.has(id)) return id;
    visiting.add(id);
    const key = JSON.stringify([roleOf(decl), mapRefs(decl.node, classify), decl.doc]);
    visiting.delete(id);
    let cls = classes.get(key);
    if (cls === undefined) classes.set(key, (cls = `\u0000${classes.size}`));
    classOf.set(id, cls);
    return cls;
  };
  // the first declaration of each class (in spec order) is kept
  const kept = new Map<string, string>();
  for (const d of ir.decls) {
    const cls = classify(d.id);
    if (!kept.has(cls)) kept.set(cls, d.id);
  }
  const renamed = new Map<string, string>();
  for (const d of ir.decls) {
    const target = kept.get(classify(d.id));
    if (target !== undefined && target !== d.id) renamed.set(d.id, target);
  }
  if (renamed.size === 0) return ir;
  const rename = (id: string): string => renamed.get(id) ?? id;
  const decls: Decl[] = [];
  for (const d of ir.decls) {
    if (renamed.has(d.id)) continue;
    decls.push(d.forOperations === true ? { ...d, node: mapRefs(d.node, rename) } : d);
  }
  return { ...ir, decls, ...(ir.operations === undefined ? {} : { operations: ir.operations.map(renameIn) }) };

  function renameIn(op: Operation): Operation {
    const body = <B extends Partial<OperationBody>>(b: B): B =>
      b.decl === undefined ? b : { ...b, decl: rename(b.decl) };
    return {
      ...op,
      ...(op.params === undefined ? {} : { params: { ...op.params, decl: rename(op.params.decl) } }),
      ...(op.requestBody === undefined ? {} : { requestBody: body(op.requestBody) }),
      responses: op.responses.map(body),
    };
  }
}

type Role = "params" | "request" | "response" | "other";

/**
 * The role of an operation declaration: the one of the operation slot whose declaration was written at its place
 * (a hoisted declaration has its parent's place); `other` for one only a `$ref` reaches.
 */
function roles(ir: Ir): (decl: Decl) => Role {
  const at = (origin: Decl["origin"]): string => JSON.stringify([origin.file, origin.path]);
  const byId = new Map(ir.decls.map((d) => [d.id, d]));
  const byOrigin = new Map<string, Role>();
  const set = (id: string | undefined, role: Role): void => {
    const decl = id === undefined ? undefined : byId.get(id);
    if (decl?.forOperations === true && !byOrigin.has(at(decl.origin))) byOrigin.set(at(decl.origin), role);
  };
  for (const op of ir.operations ?? []) {
    set(op.params?.decl, "params");
    set(op.requestBody?.decl, "request");
    for (const r of op.responses) set(r.decl, "response");
  }
  return (decl) => byOrigin.get(at(decl.origin)) ?? "other";
}
