/**
 * Decides every generated identifier: type, wire type, mapper, guard and parse function names per
 * declaration, and the model key of every property. Collisions are resolved deterministically and reported:
 *
 * - declarations claim names in priority order: schemas whose own name already is their type name (`User`,
 *   not `user`) first, then component schemas, other ref targets, hoisted inline schemas, each shorter names
 *   first (`User` before `UserWire`, whose `isUserWire` would take `User`'s guard), then in spec order;
 *   first every declaration whose name (and every name derived from it) is free takes it, then the others get
 *   the first free `Name2`, `Name3`, ...: `User` stays `User` beside `user`, and adding a schema renames no
 *   other unless theirs is the same name and the new one comes first in that order;
 * - declarations found for operations only (Decl.forOperations) claim names after all of those, the same way, so
 *   adding operations renames no schema; request variants (`FooWritable`, Decl.variant) after all others, so
 *   the `readWrite` option renames nothing; an operation's own body or parameters whose name is taken tries other
 *   spellings before a number (`ListFooResponse` → `ListFooResponseBody` → `ListFooOperationResponse`);
 * - then each operation's const (`listFooOperation`) and its key in the `operations` table (the operationId);
 * - within an object, keys whose model key equals the wire key claim it first, then the rest in spec order;
 *   a key whose model key is taken keeps its wire spelling, or if that is taken too, gets `key2`, `key3`, ...
 * - names the runtime helpers export are reserved.
 */
import type { Diagnostic } from "../diagnostics.js";
import { encodePointer } from "../diagnostics.js";
import type { Decl, Ir, Node, ObjectNode, Operation } from "../ir/types.js";
import { children } from "../ir/walk.js";
import { RUNTIME } from "../code/runtime.js";
import { modelKey, typeName, valueName } from "./casing.js";

export interface DeclNames {
  /** The model type: `FineTuningJob`. */
  readonly model: string;
  /** The wire type: `FineTuningJobWire`. */
  readonly wire: string;
  readonly fromWire: string;
  readonly toWire: string;
  readonly isModel: string;
  readonly isWire: string;
  readonly parse: string;
  readonly safeParse: string;
  /** The module-private worker behind `parse`/`safeParse`: validates and maps, collecting issues. */
  readonly parseInto: string;
  /** The `const` list of an enum's values: `fineTuningJobStatusValues`. */
  readonly values: string;
  /** An open enum's listed values: `FineTuningJobStatusKnown`. */
  readonly known: string;
  /** Tells an open enum's listed values from others: `isKnownFineTuningJobStatus`. */
  readonly isKnown: string;
  /** The Standard Schema v1 object over parse: `fineTuningJobSchema`. */
  readonly schema: string;
}

/** An operation's names: its key in the `operations` table and its own exported const. */
export interface OperationNames {
  /** The operationId, or the name made from the method and path (`getFineTuningJobsFineTuningJobId`). */
  readonly key: string;
  /** `listFineTuningJobsOperation`. */
  readonly constName: string;
}

export interface Names {
  decl(id: string): DeclNames;
  operation(op: Operation): OperationNames;
  /** Model keys of an object's properties, by index. */
  keys(node: ObjectNode): readonly string[];
}

/** Exported by the runtime helpers copied into every output folder (reserved: no generated name takes them). */
export const RUNTIME_EXPORTS: readonly string[] = Object.keys(RUNTIME);

/** Global types that generated code refers to. */
const GLOBAL_TYPES: readonly string[] = ["NonNullable", "Pick"];

/** Names `operations.ts` declares besides each operation's const (reserved: the barrel exports them). */
export const OPERATIONS_EXPORTS = {
  table: "operations",
  shape: "OperationShape",
  checked: "CheckedOperation",
  wireGroups: "wireGroups",
} as const;

export function derivedNames(model: string): DeclNames {
  const value = valueName(model);
  return {
    model,
    wire: `${model}Wire`,
    fromWire: `${value}FromWire`,
    toWire: `${value}ToWire`,
    isModel: `is${model}`,
    isWire: `is${model}Wire`,
    parse: `parse${model}`,
    safeParse: `safeParse${model}`,
    parseInto: `parse${model}Into`,
    values: `${value}Values`,
    known: `${model}Known`,
    isKnown: `isKnown${model}`,
    schema: `${value}Schema`,
  };
}

/**
 * The module-level `RegExp` const for the `index`-th distinct pattern (from 1) of a generated parse module.
 * No other generated name has this form: type names start with a capital or `_`, value names end with
 * `FromWire`, `ToWire`, `Values`, `Schema` or `Into` or start with `is`/`parse`/`safeParse`, local variables are a
 * letter and a number, and no runtime export matches `pattern<n>`.
 */
export function patternConstName(index: number): string {
  return `pattern${index}`;
}

const PRIORITY: Record<Decl["source"], number> = { component: 0, ref: 1, operation: 2, hoisted: 3 };

/** A schema whose own name already is its type name (`User`, not `user` or `Pet.owner`): it keeps that name. */
function isExact(d: Decl, base: string): boolean {
  return d.source !== "hoisted" && d.nameParts.length === 1 && d.nameParts[0] === base;
}

export function assignNames(ir: Ir): { names: Names; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const taken = new Set<string>([...RUNTIME_EXPORTS, ...GLOBAL_TYPES, ...Object.values(OPERATIONS_EXPORTS)]);
  const byDecl = new Map<string, DeclNames>();
  const winner = new Map<string, Decl>();
  const ordered = ir.decls
    .map((d, i) => ({ d, i, base: typeName(d.nameParts) }))
    .map((e) => ({ ...e, exact: isExact(e.d, e.base) ? 0 : 1 }))
    .sort(
      (a, b) =>
        a.exact - b.exact || PRIORITY[a.d.source] - PRIORITY[b.d.source] || a.base.length - b.base.length || a.i - b.i,
    );
  // the model name also names a doc page: it must differ from the others in more than case
  const free = (c: DeclNames): boolean =>
    !Object.values(c).some((v) => taken.has(v)) && !taken.has(`file:${c.model.toLowerCase()}`);
  const claim = (d: Decl, names: DeclNames): void => {
    for (const v of Object.values(names)) taken.add(v);
    taken.add(`file:${names.model.toLowerCase()}`);
    byDecl.set(d.id, names);
  };
  // the declarations the components reach first, then those found for operations only, then the request variants
  // of each (transform/read-write.ts): a variant renames no other declaration
  for (const [operations, variants] of [
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ] as const) {
    const group = ordered.filter(
      (e) => (e.d.forOperations === true) === operations && (e.d.variant !== undefined) === variants,
    );
    // first every declaration whose name is free takes it, then the rest get suffixes: a suffixed name
    // (`Foo2`) never takes the plain name of another declaration (a schema `foo2`), so adding a schema renames
    // only a later one of its own name
    for (const { d, base } of group) {
      const names = derivedNames(base);
      if (!free(names)) continue;
      claim(d, names);
      winner.set(base, d);
    }
    for (const { d, base } of group) {
      if (byDecl.has(d.id)) continue;
      let names = alternatives(d).map(derivedNames).find(free);
      for (let n = 2; names === undefined; n++)
        names = free(derivedNames(`${base}${n}`)) ? derivedNames(`${base}${n}`) : undefined;
      claim(d, names);
      const other = winner.get(base);
      const holder = other ? `${describe(other)} already has` : "is taken";
      diagnostics.push({
        severity: "warning",
        code: "name-collision",
        file: d.origin.file,
        pointer: encodePointer(d.origin.path),
        message: `${describe(d)} would be named ${base}, which ${holder}; it is named ${names.model}`,
      });
    }
  }
  const byOperation = operationNames(ir.operations ?? [], taken, diagnostics);

  const keyNames = new Map<ObjectNode, readonly string[]>();
  // the same keys recur across thousands of objects (`id`, `node_id`, `url`): each is cased once per run
  const cased = new Map<string, string>();
  const caseKey = (key: string): string => {
    let found = cased.get(key);
    if (found === undefined) cased.set(key, (found = modelKey(key)));
    return found;
  };
  const visit = (node: Node, decl: Decl): void => {
    if (node.kind === "object" && !keyNames.has(node)) keyNames.set(node, objectKeys(node, decl, diagnostics, caseKey));
    for (const c of children(node)) visit(c, decl);
  };
  for (const d of ir.decls) visit(d.node, d);

  return {
    names: {
      decl: (id) => {
        const found = byDecl.get(id);
        if (found === undefined) throw new Error(`internal error: no name for declaration ${id}`);
        return found;
      },
      operation: (op) => {
        const found = byOperation.get(op);
        if (found === undefined) throw new Error(`internal error: no name for operation ${op.method} ${op.path}`);
        return found;
      },
      keys: (node) => {
        const found = keyNames.get(node);
        if (found === undefined) throw new Error("internal error: object node without key names");
        return found;
      },
    },
    diagnostics,
  };
}

function objectKeys(
  node: ObjectNode,
  decl: Decl,
  diagnostics: Diagnostic[],
  caseKey: (key: string) => string,
): string[] {
  const wanted = node.properties.map((p) => caseKey(p.key));
  const result: (string | undefined)[] = node.properties.map(() => undefined);
  const used = new Set<string>();
  // identity first: a key already in model form keeps it
  wanted.forEach((w, i) => {
    if (w === node.properties[i]!.key && !used.has(w)) {
      result[i] = w;
      used.add(w);
    }
  });
  wanted.forEach((w, i) => {
    if (result[i] !== undefined) return;
    const key = node.properties[i]!.key;
    let name = w;
    if (used.has(name)) {
      name = used.has(key) ? "" : key;
      for (let n = 2; name === ""; n++) if (!used.has(`${w}${n}`)) name = `${w}${n}`;
      diagnostics.push({
        severity: "warning",
        code: "key-collision",
        file: decl.origin.file,
        pointer: encodePointer(decl.origin.path),
        message:
          `in ${typeName(decl.nameParts)}, key ${JSON.stringify(key)} would become ${JSON.stringify(w)}, ` +
          `which another key already maps to; it is ${JSON.stringify(name)} in the model`,
      });
    }
    result[i] = name;
    used.add(name);
  });
  return result as string[];
}

/**
 * The other spellings an operation's body or parameters try, in order, when their name is taken (before a
 * number): `CreateFooBody` → `CreateFooRequestBody`, `ListFooResponse` → `ListFooResponseBody`, `ListFooParams`
 * → `ListFooParameters`, then `...Operation<suffix>`. Other declarations have none.
 */
function alternatives(d: Decl): string[] {
  if (d.source !== "operation") return [];
  const parts = d.nameParts;
  const init = parts.slice(0, -1);
  const last = parts[parts.length - 1];
  const other =
    last === "Body"
      ? [...init, "Request", "Body"]
      : last === "Response"
        ? [...parts, "Body"]
        : last === "Params"
          ? [...init, "Parameters"]
          : undefined;
  return [...(other === undefined ? [] : [typeName(other)]), typeName([...init, "Operation", last ?? ""])];
}

/**
 * Each operation's const (`listFooOperation`, numbered when taken) and table key (its operationId, else the
 * value name of its method and path; a repeated key is numbered, with a warning).
 */
function operationNames(
  operations: readonly Operation[],
  taken: Set<string>,
  diagnostics: Diagnostic[],
): Map<Operation, OperationNames> {
  const result = new Map<Operation, OperationNames>();
  const keys = new Set<string>();
  for (const op of operations) {
    const value = valueName(typeName(op.nameParts));
    let constName = `${value}Operation`;
    for (let n = 2; taken.has(constName); n++) constName = `${value}${n}Operation`;
    taken.add(constName);
    const wanted = op.operationId ?? value;
    let key = wanted;
    for (let n = 2; keys.has(key); n++) key = `${wanted}${n}`;
    keys.add(key);
    if (key !== wanted) {
      diagnostics.push({
        severity: "warning",
        code: "operation-id-duplicate",
        file: op.origin.file,
        pointer: encodePointer(op.origin.path),
        message:
          `operation ${op.method.toUpperCase()} ${op.path} has the key ${JSON.stringify(wanted)} of an earlier ` +
          `one; it is ${JSON.stringify(key)} in \`operations\``,
      });
    }
    result.set(op, { key, constName });
  }
  return result;
}

function describe(d: Decl): string {
  if (d.variant !== undefined) {
    const { variant: _, ...original } = d;
    return `the request variant of ${describe({ ...original, nameParts: d.nameParts.slice(0, -1) })}`;
  }
  if (d.source === "operation") return `the operation schema ${d.nameParts.join(".")}`;
  return d.source === "hoisted"
    ? `the inline schema at ${d.nameParts.join(".")}`
    : `schema ${JSON.stringify(d.nameParts.join("."))}`;
}
