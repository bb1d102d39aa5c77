/**
 * `operations.ts`: one exported const per operation (`listFineTuningJobsOperation`), a plain `as const` object
 * `{ method, path, params?: { toWire }, requestBody?: { contentType, toWire, parse }, responses: { [status]:
 * { contentType, parse, fromWire } } }` whose functions wrap the generated mappers and parse (JSON and form media
 * types, a form body with its `encoding`; other media types have their `contentType` alone), then the
 * `operations` table of them all, keyed by operationId. Prints the plan's operations (plan/operations.ts) and
 * nothing else.
 *
 * One const per operation keeps the table tree-shakable: a client that imports one operation's const bundles its
 * functions only. Every function has explicit parameter and return types and the table an explicit type, so the
 * file passes `isolatedDeclarations`, which accepts `as const` but not `satisfies`: the entries are checked
 * against `OperationShape` through the table's type (`CheckedOperation<typeof x>`).
 */
import type { WriterFunction } from "ts-morph";
import { array, arrow, call, id, lit, object, print, type Expr } from "../code/expr.js";
import { literalKey } from "../code/js.js";
import { commentText, writeDoc } from "../code/jsdoc.js";
import { Lines } from "../code/lines.js";
import { OPERATIONS_EXPORTS, type DeclNames } from "../naming/assign-names.js";
import type { FormEncodings } from "../ir/types.js";
import type { BodyPlan, OperationPlan } from "../plan/operations.js";
import type { Plan } from "../plan/index.js";

export interface OperationsModule {
  readonly statements: readonly (string | WriterFunction)[];
  /** What the module imports from types.ts, mappers.ts and parse.ts, sorted. */
  readonly imports: {
    readonly types: readonly string[];
    readonly mappers: readonly string[];
    readonly parse: readonly string[];
  };
}

const { table, shape, checked, wireGroups } = OPERATIONS_EXPORTS;

export function emitOperations(plan: Plan): OperationsModule {
  const types = new Set<string>();
  const mappers = new Set<string>();
  const parse = new Set<string>();
  const statements: (string | WriterFunction)[] = [shapeType(), checkedType()];
  if (plan.operations.some((op) => op.params !== undefined)) statements.push(wireGroupsFunction());
  for (const op of plan.operations) statements.push(operationConst(op, { types, mappers, parse }));
  statements.push(tableConst(plan.operations));
  const sorted = (s: Set<string>): string[] => [...s].sort();
  return { statements, imports: { types: sorted(types), mappers: sorted(mappers), parse: sorted(parse) } };
}

interface Imports {
  readonly types: Set<string>;
  readonly mappers: Set<string>;
  readonly parse: Set<string>;
}

function shapeType(): WriterFunction {
  return lines([
    "/**",
    ` * The shape of every entry of {@link ${table}}: the functions are there for JSON and form media types (they`,
    " * wrap the generated mappers and parse), other media types have their content type alone.",
    " */",
    `export interface ${shape} {`,
    `  readonly method: "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";`,
    "  /** The path template, as the spec writes it. */",
    "  readonly path: string;",
    "  /** The parameters' model → their wire values by location, as openapi-fetch's `params` takes them. */",
    "  readonly params?: { readonly toWire: (params: never) => unknown };",
    "  readonly requestBody?: {",
    "    readonly contentType: string;",
    "    /** A form body's `encoding` by property, as `encodeForm` (runtime.ts) takes it. */",
    "    readonly encoding?: {",
    "      readonly [property: string]: {",
    "        readonly style?: string;",
    "        readonly explode?: boolean;",
    "        readonly allowReserved?: boolean;",
    "      };",
    "    };",
    "    /** A multipart body's file fields: `toWire` and `parse` cover the other fields, the files are appended. */",
    "    readonly files?: readonly string[];",
    "    readonly toWire?: (model: never) => unknown;",
    "    readonly parse?: (json: unknown) => unknown;",
    "  };",
    "  /** By status as the spec writes it (`200`, `2XX`, `default`); `{}` for a response without content. */",
    "  readonly responses: {",
    "    readonly [status: string]: {",
    "      readonly contentType?: string;",
    "      readonly parse?: (json: unknown) => unknown;",
    "      readonly fromWire?: (wire: never) => unknown;",
    "    };",
    "  };",
    "}",
  ]);
}

function checkedType(): WriterFunction {
  return lines([
    `/** \`T\`, checked to have the shape of an operation. */`,
    `type ${checked}<T extends ${shape}> = T;`,
  ]);
}

/** Splits the parameters' flat wire object by location: copies each group's keys that are present. */
function wireGroupsFunction(): WriterFunction {
  const result = "{ -readonly [L in keyof G]: Pick<T, G[L][number]> }";
  return lines([
    "/** The keys of `wire` each group lists, copied when present: `{ path: {...}, query: {...} }`. */",
    `function ${wireGroups}<`,
    "  T extends object,",
    "  const G extends { readonly [location: string]: readonly (keyof T & string)[] },",
    `>(wire: T, groups: G): ${result} {`,
    "  const out: { [location: string]: { [key: string]: unknown } } = {};",
    "  for (const location of Object.keys(groups)) {",
    "    const group: { [key: string]: unknown } = {};",
    "    for (const key of groups[location] ?? []) {",
    "      if (!Object.hasOwn(wire, key)) continue;",
    "      const value = (wire as { readonly [key: string]: unknown })[key];",
    "      Object.defineProperty(group, key, { value, enumerable: true, writable: true, configurable: true });",
    "    }",
    "    out[location] = group;",
    "  }",
    `  return out as ${result};`,
    "}",
  ]);
}

function operationConst(op: OperationPlan, imports: Imports): WriterFunction {
  const w = new Lines();
  w.block(
    `export const ${op.constName} = {`,
    () => {
      w.line(`method: ${print(lit(op.method))},`);
      w.line(`path: ${print(lit(op.path))},`);
      if (op.params !== undefined) {
        const { names, groups } = op.params;
        use(imports, names, "toWire", false);
        const spec = object(groups.map((g) => ({ key: g.in, value: array(g.keys.map((k) => lit(k))) })));
        const body = call(wireGroups, [call(names.toWire, [id("params")]), spec]);
        // `(params: Model): { path: Pick<Wire, "a">; ... } => wireGroups(...)`, its return type a line per location
        w.block(
          "params: {",
          () =>
            w.block(
              `toWire: (params: ${names.model}): {`,
              () => {
                for (const g of groups)
                  w.line(`${g.in}: Pick<${names.wire}, ${g.keys.map((k) => JSON.stringify(k)).join(" | ")}>;`);
              },
              `} => ${print(body)},`,
            ),
          "},",
        );
      }
      if (op.requestBody !== undefined) {
        const b = op.requestBody;
        const fns: string[] = [];
        if (b.names !== undefined) {
          use(imports, b.names, "toWire", true);
          fns.push(`toWire: ${fn("model", b.names.model, b.names.wire, b.names.toWire)}`);
          fns.push(`parse: ${fn("json", "unknown", b.names.model, b.names.parse)}`);
        }
        const encoding = b.encoding;
        w.block(
          "requestBody: {",
          () => {
            w.line(`contentType: ${print(lit(b.contentType))},`);
            // a form body's encoding, a property a line: `metadata: { style: "deepObject", explode: true },`
            if (encoding !== undefined) w.literal("encoding: ", Object.entries(encoding).map(encodingEntry), ",");
            if (b.files !== undefined) w.line(`files: ${print(array(b.files.map((f) => lit(f))))},`);
            for (const f of fns) w.line(`${f},`);
          },
          "},",
        );
      }
      w.block(
        "responses: {",
        () => {
          for (const r of op.responses) w.literal(`${literalKey(r.status)}: `, responseEntries(r, imports), ",");
        },
        "},",
      );
    },
    "} as const;",
  );
  const doc = [`\`${op.method.toUpperCase()} ${commentText(op.path)}\``];
  if (op.operation.summary !== undefined) doc[0] += `: ${commentText(op.operation.summary).split("\n").join(" ")}`;
  if (op.operation.deprecated === true) doc.push("@deprecated");
  return (writer) => {
    writer.blankLineIfLastNot();
    writeDoc(writer, doc);
    for (const line of w.lines) writer.writeLine(line);
  };
}

function responseEntries(r: { readonly status: string } & Partial<BodyPlan>, imports: Imports): string[] {
  if (r.contentType === undefined) return [];
  const entries = [`contentType: ${print(lit(r.contentType))}`];
  if (r.names !== undefined) {
    use(imports, r.names, "fromWire", true);
    entries.push(`parse: ${fn("json", "unknown", r.names.model, r.names.parse)}`);
    entries.push(`fromWire: ${fn("wire", r.names.wire, r.names.model, r.names.fromWire)}`);
  }
  return entries;
}

/** `metadata: { style: "deepObject", explode: true }`: the fields of one property's Encoding Object. */
function encodingEntry([key, e]: [string, FormEncodings[string]]): string {
  const fields = (["style", "explode", "allowReserved"] as const).flatMap((k) =>
    e[k] === undefined ? [] : [{ key: k, value: lit(e[k]) }],
  );
  return `${literalKey(key)}: ${print(object(fields))}`;
}

/** `(param: type): returns => f(param)`: typed, so `isolatedDeclarations` needs no inference. */
function fn(param: string, type: string, returns: string, f: string): string {
  const body: Expr = call(f, [id(param)]);
  return print(arrow(param, body, { param: type, returns }));
}

/** Records the imports an entry's functions need: both types, the mapper of `direction`, and parse with `parse`. */
function use(imports: Imports, names: DeclNames, direction: "toWire" | "fromWire", parse: boolean): void {
  imports.types.add(names.model);
  imports.types.add(names.wire);
  imports.mappers.add(names[direction]);
  if (parse) imports.parse.add(names.parse);
}

function tableConst(operations: readonly OperationPlan[]): WriterFunction {
  const w = new Lines();
  const types = operations.map((op) => `readonly ${literalKey(op.key)}: ${checked}<typeof ${op.constName}>;`);
  const values = operations.map((op) => `${literalKey(op.key)}: ${op.constName}`);
  if (operations.length === 0) w.line(`export const ${table}: {} = {};`);
  else {
    w.block(`export const ${table}: {`, () => types.forEach((t) => w.line(t)), "} = {");
    w.indent(() => values.forEach((v) => w.line(`${v},`)));
    w.line("};");
  }
  return (writer) => {
    writer.blankLineIfLastNot();
    writeDoc(writer, ["Every operation of the spec, by operationId (or the name made from its method and path)."]);
    for (const line of w.lines) writer.writeLine(line);
  };
}

function lines(text: readonly string[]): WriterFunction {
  return (w) => {
    w.blankLineIfLastNot();
    for (const line of text) w.writeLine(line);
  };
}
