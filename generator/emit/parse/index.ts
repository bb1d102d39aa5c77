/**
 * `parseX(json): X`, `safeParseX(json): SafeParseResult<X>` and `xSchema` (a Standard Schema v1, wire type in,
 * model out) for every declaration. All three hand a private worker, `parseXInto(value, issues)`, to the runtime
 * (`runParse` throws a `ParseError`, `runSafeParse` returns the issues, `standardValidate` answers in the
 * Standard Schema's shape); the worker validates the wire value and builds the model in one pass:
 *
 * - the model it builds is exactly what `xFromWire` would return for a valid value (same members chosen,
 *   same keys in the same order, unknown keys dropped, values that need no conversion shared);
 * - it checks the type like `isXWire` and also the schema's constraints (integer, minimum/maximum and their
 *   exclusive forms, multipleOf, minLength/maxLength counted in code points as JSON Schema does, pattern with
 *   the `u` flag, minItems/maxItems, const);
 * - it collects every issue and goes on; a path is only built when something is wrong: an issue records its
 *   path relative to the function that found it, and each caller prefixes its own part (`nestIssues`) when
 *   the issue count grew during the call;
 * - unions pick their member like the mappers (null first; the discriminator value when the spec gives one,
 *   else the first member in spec order whose shape matches; a member that accepts no value is never one);
 *   when the picked member does not parse, the other matching members are tried in the same order and the
 *   first that parses wins;
 *   if none does, the issues of the member that came closest (fewest issues, then first) are reported, and if
 *   no member matched, one issue lists them all (or, when every member has a tag, points at the tag);
 *   members chosen by a tag are also tried by shape, last, since the IR gives a member that is itself a
 *   union its schema name as tag when the spec maps none;
 * - `undefined` counts as absent for optional keys (JSON has no `undefined`).
 *
 * The worker's body is printed by writer.ts (the one switch on the node kind) through the node printers
 * (scalars, collections, object, union), which share context.ts and import no other printer but scalars.
 */
import type { WriterFunction } from "ts-morph";
import { constDecl, functionDecl } from "../../code/print.js";
import type { Module, Uses } from "../../code/runtime.js";
import type { Decl, Ir } from "../../ir/types.js";
import { assertNever } from "../../ir/walk.js";
import type { Plan } from "../../plan/index.js";
import { type ParseContext, ROOT } from "./context.js";
import { Writer } from "./writer.js";

/** The parse module: module-level `RegExp` consts, then the functions. */
export function emitParse(ir: Ir, plan: Plan): Module {
  const uses: Uses = new Set();
  const ctx: ParseContext = { plan, uses, patterns: new Map() };
  uses.add("IssueDraft");
  uses.add("SafeParseResult");
  uses.add("runParse");
  uses.add("runSafeParse");
  uses.add("StandardSchemaV1");
  uses.add("standardValidate");
  const functions = ir.decls.flatMap((decl) =>
    plan.directions.read(decl.id)
      ? [worker(decl, ctx), parse(decl, ctx), safeParse(decl, ctx), standard(decl, ctx)]
      : [],
  );
  const consts = [...ctx.patterns].map(([pattern, name]) =>
    constDecl(false, name, "RegExp", `new RegExp(${JSON.stringify(pattern)}, "u")`),
  );
  const about =
    "Parse: `parseX(json)` validates JSON as received (e.g. from `JSON.parse`) against the schema, constraints " +
    "included, and maps it to the model in one pass (the model `xFromWire` gives for a valid value), or throws a " +
    "`ParseError` listing every issue with its wire and model path; `safeParseX(json)` returns `{ ok: true, value }` " +
    "or `{ ok: false, issues }`; `xSchema` is the same as a Standard Schema v1. All three run the private worker " +
    "`parseXInto(value, issues)`, which adds issues with paths relative to `value`; its model is valid when it " +
    `added none. ${unknownKeys(plan)}`;
  return { statements: [...consts, ...functions], imports: uses, about };
}

/** What parse does with keys the spec does not declare, under the unknown-keys policy. */
function unknownKeys(plan: Plan): string {
  switch (plan.unknownKeys) {
    case "strip":
      return "Keys the spec does not declare are dropped (refused by closed objects: additionalProperties: false).";
    case "keep":
      return "Keys the spec does not declare are kept as they are (refused by closed objects).";
    case "reject":
      return "Keys the spec does not declare are refused.";
    default:
      return assertNever(plan.unknownKeys);
  }
}

/** `parseX(json)`: the worker's model, or a `ParseError` (the runtime's `runParse`). */
function parse(decl: Decl, ctx: ParseContext): WriterFunction {
  const n = ctx.plan.names.decl(decl.id);
  return functionDecl({
    doc: "@throws {ParseError} listing every issue, with wire and model paths.",
    exported: true,
    name: n.parse,
    parameters: "json: unknown",
    returns: n.model,
    body: [`return runParse<${n.model}>(${n.parseInto}, json);`],
  });
}

/** `safeParseX(json)`: never throws (the runtime's `runSafeParse`). */
function safeParse(decl: Decl, ctx: ParseContext): WriterFunction {
  const n = ctx.plan.names.decl(decl.id);
  return functionDecl({
    exported: true,
    name: n.safeParse,
    parameters: "json: unknown",
    returns: `SafeParseResult<${n.model}>`,
    body: [`return runSafeParse<${n.model}>(${n.parseInto}, json);`],
  });
}

/** `xSchema`: the worker as a Standard Schema v1, wire type in, model out (validate: `standardValidate`). */
function standard(decl: Decl, ctx: ParseContext): WriterFunction {
  const n = ctx.plan.names.decl(decl.id);
  const type = `StandardSchemaV1<${n.wire}, ${n.model}>`;
  // an object literal, not a call: a bundler drops the ones an app does not import (a call might have effects)
  const validate = `(value) => standardValidate<${n.model}>(${n.parseInto}, value)`;
  const props = `version: 1, vendor: "wirecase", validate: ${validate}`;
  return constDecl(true, n.schema, type, `{ "~standard": { ${props} } }`);
}

function worker(decl: Decl, ctx: ParseContext): WriterFunction {
  const n = ctx.plan.names.decl(decl.id);
  const w = new Writer(ctx);
  const out = w.gen(decl.node, "value", ROOT, false);
  w.line(`return ${out};`);
  return functionDecl({
    exported: false,
    name: n.parseInto,
    parameters: "value: unknown, issues: IssueDraft[]",
    returns: "unknown",
    body: w.lines,
  });
}
