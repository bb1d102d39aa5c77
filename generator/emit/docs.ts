/**
 * One Markdown page per model under `docs/`, in the layout of the reference pages, with the wire name beside
 * the camelCase name; plus `docs/README.md`, an index of every model. With operations (read from the plan), the
 * index gets an operations table and each operation a page `docs/op-<name>.md`: its parameters (wire and model
 * names, location), request body and responses by status, linked to the model pages.
 */
import type { Constraints, Decl, Doc, Ir, Node, ObjectNode } from "../ir/types.js";
import { assertNever, declMap, isNull, isNullable, nonNullMember, shapeChildren } from "../ir/walk.js";
import type { Names } from "../naming/assign-names.js";
import { encodePointer } from "../load/pointer.js";
import type { Analysis } from "../plan/analyse.js";
import { wireIssues, type ValueIssue } from "../plan/check-value.js";
import type { Plan } from "../plan/index.js";
import { fromWireValue } from "../plan/interpret.js";
import { sampleWire } from "../plan/sample.js";
import type { BodyPlan, OperationPlan } from "../plan/operations.js";
import { constraintChecks, plural, type Check } from "../plan/validate.js";
import { firstSentence } from "../code/jsdoc.js";

export interface TextFile {
  readonly path: string;
  readonly text: string;
}

const MAX_VALUES = 12;

export function emitDocs(
  ir: Ir,
  plan: Plan,
  header: string,
  sources: ReadonlyMap<string, { readonly pointer: string; readonly position?: string }>,
): TextFile[] {
  const { names, analysis } = plan;
  const decls = declMap(ir);
  const { outgoing, users } = relations(ir);
  const writable = new Map(ir.decls.flatMap((d) => (d.variant === undefined ? [] : [[d.variant.of, d.id] as const])));
  const pages = ir.decls.map((decl) => ({
    path: `docs/${names.decl(decl.id).model}.md`,
    text: page(decl, names, decls, analysis, header, {
      example: exampleSection(decl, plan),
      source: sources.get(decl.id),
      outgoing: outgoing.get(decl.id) ?? [],
      users: users.get(decl.id) ?? [],
      writable: writable.get(decl.id),
      read: plan.directions.read(decl.id),
    }),
  }));
  const index = [
    header,
    "# Models",
    "",
    "| Model | Wire type | Description |",
    "| --- | --- | --- |",
    ...ir.decls
      .map((d) => ({ d, n: names.decl(d.id) }))
      .sort((a, b) => (a.n.model < b.n.model ? -1 : a.n.model > b.n.model ? 1 : 0))
      .map(
        ({ d, n }) =>
          `| [${n.model}](${n.model}.md) | \`${n.wire}\` | ${cell(firstSentence(d.doc.description ?? ""))} |`,
      ),
    "",
    ...operationsIndex(plan.operations),
  ];
  const operationPages = plan.operations.map((op) => ({
    path: `docs/${operationPage(op)}`,
    text: operationText(op, names, decls, header),
  }));
  return [{ path: "docs/README.md", text: index.join("\n") }, ...pages, ...operationPages];
}

/** `op-listFineTuningJobs.md`: a hyphen no model name has, so no page of a model can take it. */
function operationPage(op: OperationPlan): string {
  return `op-${op.constName.replace(/Operation$/, "")}.md`;
}

/** The index's operations table, in spec order; none without operations. */
function operationsIndex(operations: readonly OperationPlan[]): string[] {
  if (operations.length === 0) return [];
  return [
    "# Operations",
    "",
    "| Operation | Method | Path | Summary | Request | Responses |",
    "| --- | --- | --- | --- | --- | --- |",
    ...operations.map((op) => {
      const request = op.requestBody === undefined ? "" : bodyText(op.requestBody);
      const responses = op.responses.map((r) => `${span(r.status)} ${bodyText(r)}`).join("<br>");
      const summary = cell(firstSentence(op.operation.summary ?? ""));
      return (
        `| [${code(op.key)}](${operationPage(op)}) | \`${op.method.toUpperCase()}\` | ${span(op.path)} ` +
        `| ${summary} | ${request} | ${responses} |`
      );
    }),
    "",
  ];
}

/** A body: its model's page, or its content type alone. */
function bodyText(body: Partial<BodyPlan>): string {
  if (body.names !== undefined) return modelLink(body.names.model);
  return body.contentType === undefined ? "*no content*" : span(body.contentType);
}

function modelLink(model: string): string {
  return `[${model}](${model}.md)`;
}

/** An operation's page: method and path, parameters, request body, responses, in the layout of a model page. */
function operationText(op: OperationPlan, names: Names, decls: ReadonlyMap<string, Decl>, header: string): string {
  const lines = [header, `# ${code(op.key)}`, ""];
  if (op.operation.deprecated === true) lines.push("**Deprecated.**", "");
  lines.push(`\`${op.method.toUpperCase()} ${code(op.path)}\``, "");
  if (op.operation.summary !== undefined) lines.push(op.operation.summary.trim(), "");
  lines.push(`Table entry \`operations[${code(JSON.stringify(op.key))}]\` · const \`${op.constName}\``, "");
  const params = op.params;
  const paramsDecl = op.operation.params === undefined ? undefined : decls.get(op.operation.params.decl);
  if (params !== undefined && paramsDecl?.node.kind === "object") {
    const object = paramsDecl.node;
    const where = new Map(params.groups.flatMap((g) => g.keys.map((k) => [k, g.in] as const)));
    const keys = names.keys(object);
    lines.push(
      "## Parameters",
      "",
      `Model ${modelLink(params.names.model)} · wire type \`${params.names.wire}\` · ` +
        "`params.toWire` groups them by location",
      "",
      "| Parameter | Wire name | In | Type | Required | Description |",
      "| --- | --- | --- | --- | --- | --- |",
    );
    object.properties.forEach((p, i) => {
      lines.push(
        `| ${span(keys[i]!)} | ${span(p.key)} | ${where.get(p.key) ?? ""} | ${docType(p.node, names, decls)} ` +
          `| ${p.required ? "✔" : ""} | ${cell(describe(p.doc))} |`,
      );
    });
    lines.push("");
  }
  if (op.requestBody !== undefined) {
    const b = op.requestBody;
    lines.push("## Request body", "", `${span(b.contentType)}${b.names === undefined ? "" : `: ${bodyText(b)}`}`, "");
    if (b.names !== undefined)
      lines.push(`\`requestBody.toWire\` maps a \`${b.names.model}\` to the \`${b.names.wire}\` it sends.`, "");
    if (b.files !== undefined)
      lines.push(`File fields, appended beside the model's: ${b.files.map((f) => span(f)).join(", ")}.`, "");
    if (b.encoding !== undefined) {
      lines.push("| Field | Style | Explode | Allow reserved |", "| --- | --- | --- | --- |");
      for (const [key, e] of Object.entries(b.encoding))
        lines.push(
          `| ${span(key)} | ${e.style ?? ""} | ${e.explode === undefined ? "" : String(e.explode)} ` +
            `| ${e.allowReserved === undefined ? "" : String(e.allowReserved)} |`,
        );
      lines.push("", "Encoded by `encodeForm(wire, requestBody.encoding)` (runtime).", "");
    }
  }
  lines.push("## Responses", "", "| Status | Content type | Model |", "| --- | --- | --- |");
  for (const r of op.responses) {
    const model = r.names === undefined ? (r.contentType === undefined ? "*no content*" : "") : bodyText(r);
    lines.push(`| ${span(r.status)} | ${r.contentType === undefined ? "" : span(r.contentType)} | ${model} |`);
  }
  lines.push("", `Source: ${span(encodePointer(op.operation.origin.path))} · [all models](README.md)`, "");
  return lines.join("\n");
}

interface PageFacts {
  /** The Example section's lines. */
  readonly example: readonly string[];
  /** Its pointer and `fine-tuning.yaml:12:5`, when known. */
  readonly source: { readonly pointer: string; readonly position?: string } | undefined;
  /** The declarations this one's node refers to, with the property they are reached through. */
  readonly outgoing: readonly Relation[];
  /** The declarations whose own node refers to this one, in IR order. */
  readonly users: readonly string[];
  /** Its request variant (transform/read-write.ts), if it has one. */
  readonly writable: string | undefined;
  /** It is received (has guards, parse and fromWire), not only sent (a parameter set: plan/directions.ts). */
  readonly read: boolean;
}

function page(
  decl: Decl,
  names: Names,
  decls: ReadonlyMap<string, Decl>,
  analysis: Analysis,
  header: string,
  facts: PageFacts,
): string {
  const n = names.decl(decl.id);
  const lines = [header, `# ${n.model}`, ""];
  if (decl.doc.deprecated === true) lines.push("**Deprecated.**", "");
  if (decl.doc.description !== undefined) lines.push(decl.doc.description.trim(), "");
  if (decl.variant !== undefined)
    lines.push(
      `Request form of ${modelLink(names.decl(decl.variant.of).model)}: readOnly properties left out, ` +
        "writeOnly ones kept.",
      "",
    );
  if (facts.writable !== undefined)
    lines.push(
      `Response form: writeOnly properties left out; requests send ${modelLink(names.decl(facts.writable).model)}.`,
      "",
    );
  lines.push(
    `Wire type \`${n.wire}\`${analysis.differs(decl.id) ? "" : " (same keys)"}` +
      (facts.read
        ? ` · mappers \`${n.fromWire}\`, \`${n.toWire}\``
        : ` · mapper \`${n.toWire}\` (parameters are only sent: no guards, parse or fromWire)`),
    "",
  );
  const node = decl.node;
  const object =
    node.kind === "object"
      ? node
      : nonNullMember(node)?.kind === "object"
        ? (nonNullMember(node) as ObjectNode)
        : undefined;
  if (object !== undefined) {
    if (object !== node) lines.push("The whole value may be `null`.", "");
    lines.push(
      "## Fields",
      "",
      "| Field | Wire name | Type | Required | Nullable | Description |",
      "| --- | --- | --- | --- | --- | --- |",
    );
    const keys = names.keys(object);
    object.properties.forEach((p, i) => {
      const text = describe(p.doc) || firstSentence(referenced(p.node, decls)?.doc.description ?? "");
      lines.push(
        `| ${span(keys[i]!)} | ${span(p.key)} | ${docType(p.node, names, decls)} | ${p.required ? "✔" : ""} ` +
          `| ${nullable(p.node, decls) ? "✔" : ""} | ${cell(text)} |`,
      );
    });
    if (object.additional !== undefined)
      lines.push("", "Other keys may be present: they are kept as data, never renamed.");
    lines.push("");
    const rules = [
      ...(object === node ? [] : assertionTexts(node, names, decls)),
      ...assertionTexts(object, names, decls),
    ];
    const by = facts.read
      ? `Also checked by \`${n.parse}\``
      : "Also required by the schema (a parameter set: not checked)";
    if (rules.length > 0) lines.push(`${by} (wire names):`, "", ...rules.map((r) => `- ${r}`), "");
  } else if (node.kind === "enum") {
    lines.push(
      "## Values",
      "",
      ...node.values.map((v) => `- ${span(JSON.stringify(v))}`),
      "",
      `All values, in order: \`${n.values}\`.`,
      "",
    );
    if (node.open === true)
      lines.push(
        `Open enum: any other string is accepted too; \`${n.isKnown}(value)\` tells the listed values apart.`,
        "",
      );
  } else {
    lines.push("## Type", "", docType(node, names, decls), "");
    if (isNullable(node)) lines.push("The value may be `null`.", "");
  }
  lines.push(...facts.example);
  lines.push(...diagram(names, facts.outgoing, facts.users, decl.id));
  const source = facts.source;
  const where = source?.position === undefined ? "" : ` (${span(source.position)})`;
  lines.push(`${source === undefined ? "" : `Source: ${span(source.pointer)}${where} · `}[all models](README.md)`, "");
  return lines.join("\n");
}

/** Most examples a page shows (a 3.1 `examples` list may have more); the others are counted. */
const MAX_EXAMPLES = 2;
/** Most lines of JSON a block shows; a longer example is cut there, and the page says so. */
const MAX_JSON_LINES = 30;

/**
 * The Example section: the spec's examples (`examples`, `example`, `x-oaiMeta.example`), or one generated from the
 * schema, as wire JSON, checked as `safeParseX` checks it (plan/check-value.ts): a valid one is also shown as the
 * model `xFromWire` returns (plan/interpret.ts), an invalid one with its issues (wire path and what was expected).
 */
function exampleSection(decl: Decl, plan: Plan): string[] {
  const n = plan.names.decl(decl.id);
  const lines = ["## Example", ""];
  const unread = decl.doc.unreadExample;
  const given = decl.doc.examples ?? [];
  if (unread !== undefined) lines.push("The spec's `x-oaiMeta.example` is not JSON:", "", ...fence("text", unread));
  if (given.length === 0 && unread !== undefined) return lines;
  const generated = given.length === 0;
  if (generated && plan.analysis.empty(decl.id)) return [...lines, "None: no value is valid against this schema.", ""];
  const examples = generated ? [sampleWire(plan, decl.id)] : given.slice(0, MAX_EXAMPLES);
  const from = decl.doc.exampleFrom === "x-oaiMeta" ? "x-oaiMeta.example" : (decl.doc.exampleFrom ?? "example");
  if (generated) lines.push("Generated from the schema (the spec gives no example).", "");
  else if (given.length > 1) {
    const shown = given.length > MAX_EXAMPLES ? `the first ${MAX_EXAMPLES} of ${given.length}` : `all ${given.length}`;
    lines.push(`From the spec's \`${from}\` (${shown}).`, "");
  } else lines.push(`From the spec's \`${from}\`.`, "");
  examples.forEach((value, i) => {
    const unchecked = new Set<string>();
    const issues = wireIssues(plan, decl.id, value, unchecked);
    const which = examples.length > 1 ? `Example ${i + 1}, wire` : "Wire";
    lines.push(...jsonBlock(value, `${which} JSON (\`${n.wire}\`)`));
    if (unchecked.size > 0) {
      const list = [...unchecked].map(span).join(", ");
      lines.push(
        `Not checked against ${list}: it repeats a group that repeats without bound, which can take exponential ` +
          "time on a long string (see the `pattern-backtracking` warning); parse does run it.",
        "",
      );
    }
    if (issues.length === 0) {
      // a parameter set has no fromWire: the model is the one its toWire sends as this wire JSON
      const read = plan.directions.read(decl.id);
      const mapper = read ? n.fromWire : n.toWire;
      let model: unknown;
      try {
        model = fromWireValue(plan, decl.id, value);
      } catch {
        // a value parse accepts that the mappers do not read (a schema without `type` under `strict`: null)
        if (read) lines.push(`As the model: \`${n.fromWire}\` cannot map it (it throws); \`${n.parse}\` can.`, "");
        return;
      }
      if (showJson(model) === showJson(value)) lines.push(`As the model: the same (\`${mapper}\` renames no key).`, "");
      else {
        const title = read ? `As the model (\`${mapper}\`)` : `As the model (which \`${mapper}\` sends as this JSON)`;
        lines.push(...jsonBlock(model, title, hasDate(model) ? "ts" : "json"));
      }
      return;
    }
    const listed = issues.slice(0, MAX_VALUES);
    lines.push(
      `Not valid${generated ? " (the generated value does not meet every constraint)" : ""}: ` +
        `\`${n.safeParse}\` reports ${issues.length} ${plural(issues.length, "issue")}` +
        `${issues.length > listed.length ? ` (the first ${listed.length} shown)` : ""}:`,
      "",
      ...listed.map((issue) => issueLine(issue, value)),
      "",
    );
  });
  return lines;
}

/** `- `a.0.b`: expected integer`, or `missing (expected integer)` where the example has no such key. */
function issueLine(issue: ValueIssue, value: unknown): string {
  const path = issue.path.length === 0 ? "(the value)" : span(issue.path.join("."));
  let at: unknown = value;
  for (const s of issue.path) {
    at = typeof at === "object" && at !== null && Object.hasOwn(at, s) ? (at as Record<string, unknown>)[s] : undefined;
  }
  const expected = cell(issue.expected);
  return `- ${path}: ${at === undefined ? `missing (expected ${expected})` : `expected ${expected}`}`;
}

/** A labelled JSON block, cut at MAX_JSON_LINES lines (with a note saying how many there are). */
function jsonBlock(value: unknown, label: string, lang: "json" | "ts" = "json"): string[] {
  const all = showJson(value).split("\n");
  const cut = all.length > MAX_JSON_LINES;
  const shown = cut ? [...all.slice(0, MAX_JSON_LINES), "…"] : all;
  const note = cut ? ` (the first ${MAX_JSON_LINES} of ${all.length} lines)` : "";
  return [`${label}${note}:`, "", ...fence(lang, shown.join("\n"))];
}

/** A fenced block, its fence longer than any run of backticks inside. */
function fence(lang: string, text: string): string[] {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const f = "`".repeat(longest + 1);
  return [`${f}${lang}`, text, f, ""];
}

/** Widest line a JSON block writes a value on alone; a wider one is laid out over several lines. */
const JSON_WIDTH = 80;

/**
 * JSON, two spaces per level, an array or object on one line when it fits; a model's `Date` (the `dates` option) as
 * `new Date("2024-01-01T00:00:00.000Z")`, in a `ts` block (see `hasDate`).
 */
function showJson(value: unknown, indent = ""): string {
  const flat = flatJson(value);
  if (typeof value !== "object" || value === null || indent.length + flat.length <= JSON_WIDTH) return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((v) => inner + showJson(v, inner)).join(",\n")}\n${indent}]`;
  }
  const keys = Object.keys(value);
  if (keys.length === 0 || hasToJson(value)) return flat;
  const entry = (k: string): string => `${inner}${JSON.stringify(k)}: ${showJson(fieldValue(value, k), inner)}`;
  return `{\n${keys.map(entry).join(",\n")}\n${indent}}`;
}

/** One line: `{ "a": 1, "b": [1, 2] }`. */
function flatJson(value: unknown): string {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? "new Date(NaN)" : `new Date(${JSON.stringify(value.toISOString())})`;
  }
  if (typeof value !== "object" || value === null || hasToJson(value)) return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(flatJson).join(", ")}]`;
  const keys = Object.keys(value);
  if (keys.length === 0) return "{}";
  return `{ ${keys.map((k) => `${JSON.stringify(k)}: ${flatJson(fieldValue(value, k))}`).join(", ")} }`;
}

/** Whether a model holds a `Date` somewhere (its block is then TypeScript, not JSON). */
function hasDate(value: unknown): boolean {
  if (value instanceof Date) return true;
  if (typeof value !== "object" || value === null) return false;
  return Object.keys(value).some((k) => hasDate(fieldValue(value, k)));
}

function hasToJson(value: object): boolean {
  return typeof (value as { toJSON?: unknown }).toJSON === "function";
}

function fieldValue(value: object, key: string): unknown {
  return (value as { readonly [key: string]: unknown })[key];
}

/** Most relations a page's diagram shows each way; the rest are counted in a note. */
const MAX_RELATIONS = 8;

/**
 * A Mermaid flowchart of the model's direct relations: the models it refers to (by property name for an
 * object's properties) and the models that refer to it; at most MAX_RELATIONS each way. None: no diagram.
 */
function diagram(names: Names, out: readonly Relation[], users: readonly string[], self: string): string[] {
  if (out.length === 0 && users.length === 0) return [];
  const id = new Map<string, string>([[self, "m0"]]);
  const node = (declId: string): string => {
    let name = id.get(declId);
    if (name === undefined) id.set(declId, (name = `m${id.size}`));
    return name;
  };
  const label = (text: string): string => `"${text.replace(/"/g, "#quot;")}"`;
  const edges: string[] = [];
  for (const r of out.slice(0, MAX_RELATIONS)) {
    edges.push(`  m0 -->${r.via === undefined ? "" : `|${label(r.via)}|`} ${node(r.target)}`);
  }
  for (const u of users.slice(0, MAX_RELATIONS)) edges.push(`  ${node(u)} --> m0`);
  const shapes = [...id].map(([d, m]) => `  ${m}[${label(names.decl(d).model)}]`);
  const more = [
    out.length > MAX_RELATIONS ? `${out.length - MAX_RELATIONS} more it refers to` : "",
    users.length > MAX_RELATIONS ? `${users.length - MAX_RELATIONS} more that refer to it` : "",
  ].filter((t) => t !== "");
  return [
    "## Relations",
    "",
    "```mermaid",
    "flowchart LR",
    ...shapes,
    ...edges,
    "```",
    "",
    ...(more.length === 0 ? [] : [`Not shown: ${more.join(", ")}.`, ""]),
  ];
}

/** A declaration another one refers to, and the property it is reached through (none at the top). */
interface Relation {
  readonly target: string;
  readonly via: string | undefined;
}

/** The declarations a declaration's node refers to, once each, with the property they are reached through. */
function outgoingOf(decl: Decl): Relation[] {
  const found = new Map<string, string | undefined>();
  const visit = (node: Node, via: string | undefined): void => {
    if (node.kind === "ref") {
      if (node.target !== decl.id && !found.has(node.target)) found.set(node.target, via);
      return;
    }
    if (node.kind === "object") {
      for (const p of node.properties) visit(p.node, via ?? p.key);
      if (node.additional !== undefined) visit(node.additional, via);
      return;
    }
    for (const c of shapeChildren(node)) visit(c, via);
  };
  visit(decl.node, undefined);
  return [...found].map(([target, via]) => ({ target, via }));
}

/** Per declaration, what it refers to and (in IR order) the others that refer to it directly: one walk each. */
function relations(ir: Ir): { outgoing: Map<string, Relation[]>; users: Map<string, string[]> } {
  const outgoing = new Map<string, Relation[]>();
  const users = new Map<string, string[]>();
  for (const d of ir.decls) {
    const out = outgoingOf(d);
    outgoing.set(d.id, out);
    for (const { target } of out) {
      const list = users.get(target);
      if (list === undefined) users.set(target, [d.id]);
      else list.push(d.id);
    }
  }
  return { outgoing, users };
}

/** The declaration a property refers to directly (or as `T | null`). */
function referenced(node: Node, decls: ReadonlyMap<string, Decl>): Decl | undefined {
  const inner = nonNullMember(node) ?? node;
  return inner.kind === "ref" ? decls.get(inner.target) : undefined;
}

/** Null is allowed here, or by the declaration referred to (through refs). */
function nullable(node: Node, decls: ReadonlyMap<string, Decl>, seen = new Set<string>()): boolean {
  if (isNullable(node) || (node.kind === "primitive" && node.type === "null")) return true;
  if (node.kind !== "ref" || seen.has(node.target)) return false;
  seen.add(node.target);
  const target = decls.get(node.target);
  return target !== undefined && nullable(target.node, decls, seen);
}

function describe(doc: Doc): string {
  const parts: string[] = [];
  if (doc.deprecated === true) parts.push("**Deprecated.**");
  if (doc.description !== undefined) parts.push(doc.description.trim());
  if (doc.readOnly === true) parts.push("Read-only.");
  if (doc.writeOnly === true) parts.push("Write-only.");
  if (doc.default !== undefined) parts.push(`Default: ${span(JSON.stringify(doc.default.value) ?? "")}.`);
  return parts.join(" ");
}

/**
 * The Type column: primitives in italics, literals in code, nested models linked; null is the Nullable column;
 * what only parse checks (`not`, `if`, `uniqueItems`, ...: the node's assertions) in parentheses after it.
 */
export function docType(node: Node, names: Names, decls: ReadonlyMap<string, Decl>): string {
  const shape = shapeText(node, names, decls);
  const rules = assertionTexts(node, names, decls);
  return rules.length === 0 ? shape : `${shape} (${rules.join("; ")})`;
}

/** Most keys an object inside an assertion shows (`{ pet_kind: "dog" }`); the others are counted. */
const MAX_INLINE_KEYS = 6;

/** What parse alone checks of a node (its assertions, IR `checks`), one phrase each, wire names as in JSON. */
function assertionTexts(node: Node, names: Names, decls: ReadonlyMap<string, Decl>): string[] {
  const t = (n: Node): string => inlineText(n, names, decls);
  const keys = (list: readonly string[]): string => list.map(span).join(", ");
  return (node.checks ?? []).map((a) => {
    switch (a.kind) {
      case "not":
        return `not ${t(a.node)}`;
      case "if": {
        const then = a.valid === undefined ? "" : ` then ${t(a.valid)}`;
        const otherwise = a.invalid === undefined ? "" : ` else ${t(a.invalid)}`;
        return `if ${t(a.test)}${then}${otherwise}`;
      }
      case "ofType":
        return `${a.type === "object" ? "an object" : "an array"} is ${t(a.node)}`;
      case "anyOf":
        return `${a.oneOf ? "one" : "any"} of ${a.nodes.map(t).join(", ")}`;
      case "uniqueItems":
        return "unique items";
      case "contains": {
        const times =
          a.max === undefined ? `at least ${a.min}` : a.min === a.max ? `exactly ${a.min}` : `${a.min}–${a.max}`;
        return `contains ${t(a.node)} (${times} ${plural(a.max ?? a.min, "item")})`;
      }
      case "propertyCount": {
        const { min, max } = a;
        if (min !== undefined && max !== undefined)
          return min === max ? `${min} ${plural(min, "key")}` : `${min}–${max} keys`;
        return min !== undefined
          ? `at least ${min} ${plural(min, "key")}`
          : `at most ${max} ${plural(max ?? 0, "key")}`;
      }
      case "propertyNames":
        return `keys are ${t(a.node)}`;
      case "dependentRequired":
        return `with ${span(a.key)}, also ${keys(a.required)}`;
      case "dependentSchema":
        return `with ${span(a.key)}, ${t(a.node)}`;
      case "unevaluatedItems":
        return a.node.kind === "never" ? "no other items" : `other items are ${t(a.node)}`;
      case "unevaluatedProperties":
        return a.node.kind === "never" ? "no other keys" : `other keys are ${t(a.node)}`;
      case "patternProperties": {
        const each = a.patterns.map((p) => `keys matching ${span(p.pattern)} are ${t(p.node)}`);
        if (a.additional !== undefined)
          each.push(a.additional.kind === "never" ? "no other keys" : `other keys are ${t(a.additional)}`);
        return each.join("; ");
      }
      default:
        return assertNever(a);
    }
  });
}

/** A node inside an assertion: an object as its keys (`{ pet_kind: "dog", bark_volume?: *integer* }`). */
function inlineText(node: Node, names: Names, decls: ReadonlyMap<string, Decl>): string {
  // a schema without `type` whose keywords describe an object (`{ required: [a] }`): that object, which other
  // values are valid against too (said once, in README)
  const checks = node.checks ?? [];
  if (
    node.kind === "unknown" &&
    node.when === undefined &&
    checks.length > 0 &&
    checks.every((c) => c.kind === "ofType")
  )
    return checks.map((c) => inlineText(c.node, names, decls)).join(" and ");
  if (node.kind !== "object") return docType(node, names, decls);
  const shown = node.properties
    .slice(0, MAX_INLINE_KEYS)
    .map((p) => `${span(p.key)}${p.required ? "" : "?"}: ${docType(p.node, names, decls)}`);
  if (node.properties.length > MAX_INLINE_KEYS) shown.push(`… (${node.properties.length} keys)`);
  const rules = assertionTexts(node, names, decls);
  const text = `{ ${shown.join(", ")} }`.replace("{  }", "*object*");
  return rules.length === 0 ? text : `${text} (${rules.join("; ")})`;
}

function shapeText(node: Node, names: Names, decls: ReadonlyMap<string, Decl>): string {
  switch (node.kind) {
    case "primitive": {
      const limits = node.constraints === undefined ? [] : constraintChecks(node, node.constraints).map(limitText);
      const notes = [...(node.format === undefined ? [] : [cell(node.format)]), ...limits];
      return `*${node.type}*${notes.length === 0 ? "" : ` (${notes.join(", ")})`}`;
    }
    case "date":
      return `*Date* (on the wire ${docType(node.wire, names, decls)})`;
    case "literal":
      return `${span(JSON.stringify(node.value))}`;
    case "enum":
      return values(node.values) + (node.open === true ? " \\| any other *string*" : "");
    case "array": {
      const counts = itemCounts(node.constraints);
      return `${arrayOf(docType(node.items, names, decls))}[]${counts === "" ? "" : ` (${counts})`}`;
    }
    case "tuple": {
      const rest = node.rest === undefined ? "" : `, ...${arrayOf(docType(node.rest, names, decls))}[]`;
      // elements after the required ones may be absent: `[*number*, *number*?]`
      const items = node.items.map((n, i) => `${docType(n, names, decls)}${i < node.required ? "" : "?"}`);
      return `[${items.join(", ")}${rest}]`;
    }
    case "object":
      return "*object*";
    case "record":
      return `map of ${docType(node.values, names, decls)}`;
    case "union": {
      const members = node.members.filter((m) => !isNull(m));
      if (members.length === 0) return "*null*";
      const text = members.map((m) => docType(m, names, decls)).join(" \\| ");
      return members.length > 1 && node.discriminator !== undefined
        ? `${text} (by ${span(node.discriminator.property)})`
        : text;
    }
    case "intersection": {
      // a member that is any value (with constraints per type) adds nothing to the type
      const typed = node.members.filter((m) => m.kind !== "unknown");
      return (typed.length > 0 ? typed : node.members).map((m) => docType(m, names, decls)).join(" & ");
    }
    case "ref": {
      const target = decls.get(node.target);
      const n = names.decl(node.target);
      const link = `[${n.model}](${n.model}.md)`;
      return target?.node.kind === "enum" ? `${link}: ${docType(target.node, names, decls)}` : link;
    }
    case "unknown": {
      // a schema without `type`: its constraints hold for values of their own JSON type
      const w = node.when;
      if (w === undefined) return "*any*";
      const limits = (type: "number" | "string", c: Constraints): string =>
        `${type}s ${constraintChecks({ kind: "primitive", type }, c).map(limitText).join(", ")}`;
      const per = [
        ...(w.number === undefined ? [] : [limits("number", w.number)]),
        ...(w.string === undefined ? [] : [limits("string", w.string)]),
        ...(w.array === undefined || itemCounts(w.array) === "" ? [] : [`arrays ${itemCounts(w.array)}`]),
      ];
      return per.length === 0 ? "*any*" : `*any* (${per.join("; ")})`;
    }
    case "never":
      return "*never*";
    default:
      return assertNever(node);
  }
}

/** A constraint as the docs show it: `≥ 1`, `< 2`, `multiple of 5`, `1–64 characters`, `pattern `^a``. */
function limitText(check: Check): string {
  switch (check.kind) {
    case "minimum":
      return `≥ ${check.limit}`;
    case "exclusiveMinimum":
      return `> ${check.limit}`;
    case "maximum":
      return `≤ ${check.limit}`;
    case "exclusiveMaximum":
      return `< ${check.limit}`;
    case "multipleOf":
      return `multiple of ${check.divisor}`;
    case "minLength":
      return `at least ${check.limit} ${plural(check.limit, "character")}`;
    case "maxLength":
      return `at most ${check.limit} ${plural(check.limit, "character")}`;
    case "pattern":
      return `pattern ${span(check.pattern)}`;
    default:
      return assertNever(check);
  }
}

/** `minItems`/`maxItems` as the docs show them: `at most 5 items`, `1–3 items`; "" for none. */
function itemCounts(c: Constraints | undefined): string {
  const min = c?.minItems !== undefined && c.minItems > 0 ? c.minItems : undefined;
  const max = c?.maxItems;
  if (min !== undefined && max !== undefined)
    return min === max ? `${min} ${plural(min, "item")}` : `${min}–${max} items`;
  if (min !== undefined) return `at least ${min} ${plural(min, "item")}`;
  if (max !== undefined) return `at most ${max} ${plural(max, "item")}`;
  return "";
}

/** An item type before `[]`: in parentheses when it has several parts (`(A & B)[]`, not `A & B[]`). */
function arrayOf(text: string): string {
  return / \\\| | & |: /.test(text) ? `(${text})` : text;
}

function values(list: readonly (string | number | boolean)[]): string {
  const shown = list.slice(0, MAX_VALUES).map((v) => `${span(JSON.stringify(v))}`);
  if (list.length > MAX_VALUES) shown.push(`… (${list.length} values)`);
  return shown.join(" \\| ");
}

/** Text for a table cell: one line, pipes escaped. */
function cell(text: string): string {
  return text
    .replace(/\r?\n\s*\n/g, "<br><br>")
    .replace(/\r?\n/g, " ")
    .replace(/\|/g, "\\|");
}

/** Text for inside a code span: pipes escaped, one line (a span holding a backtick is opened with two). */
function code(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

/** A code span for any text. */
function span(text: string): string {
  const body = code(text);
  if (body === "") return "*(empty)*";
  return body.includes("`") ? `\`\` ${body} \`\`` : `\`${body}\``;
}
