/** What the parse printers share: the emit context, paths, the writer interface they print through. */
import type { Uses } from "../../code/runtime.js";
import { mayBeUndefined } from "../../ir/query.js";
import type { Assertion, Node } from "../../ir/types.js";
import { isAnyValue } from "../../ir/walk.js";
import { describe as describeNode } from "../../plan/check-value.js";
import type { Plan } from "../../plan/index.js";

export interface ParseContext {
  readonly plan: Plan;
  /** Runtime helpers the emitted code calls (filled while emitting). */
  readonly uses: Uses;
  /** Pattern source → the name of its module-level `RegExp` const, in order of first use. */
  readonly patterns: Map<string, string>;
}

/** A path relative to the current function: code expressions of wire and model segments. */
export interface Path {
  readonly wire: readonly string[];
  readonly model: readonly string[];
}

export const ROOT: Path = { wire: [], model: [] };

export function child(path: Path, wire: string, model: string = wire): Path {
  return { wire: [...path.wire, wire], model: [...path.model, model] };
}

/** `, [wire], [model]` arguments for `addIssue` / `nestIssues` (model left out when it equals wire). */
export function pathArgs(path: Path): string {
  if (path.wire.length === 0) return "";
  const wire = `[${path.wire.join(", ")}]`;
  const model = `[${path.model.join(", ")}]`;
  return wire === model ? `, ${wire}` : `, ${wire}, ${model}`;
}

/**
 * What the node printers need from the writer of one worker's body: its lines (`line`, `block`, `literal`, as in
 * code/lines.ts), fresh local names, `addIssue` statements, and `gen` for the nodes inside the one they print.
 */
export interface Gen {
  readonly ctx: ParseContext;
  line(text: string): void;
  block(open: string, body: () => void, close?: string): void;
  literal(before: string, entries: readonly string[], after: string): void;
  /** A new local name, `${prefix}${n}` (one counter per worker). */
  fresh(prefix: string): string;
  /** The statement adding an issue at `path` (relative to the worker); records the runtime's `addIssue`. */
  issue(expected: string, received: string, path: Path): string;
  /** Validates `input` (an identifier) as `node`; returns the model value's expression, valid after its lines. */
  gen(node: Node, input: string, path: Path, orNull: boolean): string;
}

/**
 * The statement after a value's JSON type test (`isPlainObject(x)`) failed: an issue, or, for a node read without a
 * `type` under the `strict` option (JSON Schema lets other types through), none.
 */
export function wrongType(
  w: Gen,
  node: { readonly inferred?: true },
  test: string,
  expected: string,
  input: string,
  path: Path,
): void {
  if (node.inferred === true && w.ctx.plan.strict) {
    w.block(`if (!${test}) {`, () => w.line("// no `type` in the schema: every other JSON type is valid (strict)"));
  } else w.line(`if (!${test}) ${w.issue(expected, input, path)}`);
}

/** Whether an assertion can fail: an anyOf with a member that is any value cannot (but a oneOf under `strict`). */
function canFail(a: Assertion, ctx: ParseContext): boolean {
  return !(a.kind === "anyOf" && a.nodes.some(isAnyValue) && !(a.oneOf && ctx.plan.strict));
}

/** Whether checking the node can fail at all (`unknown` accepts everything). */
export function checksSomething(node: Node, ctx: ParseContext): boolean {
  return (
    !mayBeUndefined(node, ctx.plan.decls) ||
    node.kind === "ref" ||
    node.checks?.some((c) => canFail(c, ctx)) === true ||
    (node.kind === "unknown" && node.when !== undefined)
  );
}

/** What a node allows, for an issue's `expected`: `integer`, `"auto" | integer`, `FineTuningIntegration`. */
export function describe(node: Node, ctx: Pick<ParseContext, "plan">): string {
  return describeNode(node, ctx.plan);
}
