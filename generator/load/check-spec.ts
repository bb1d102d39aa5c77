/** Checks that the root document is OpenAPI 3.x before anything is built from it. */
import { encodePointer, InputError, type Diagnostic } from "../diagnostics.js";
import type { SpecSet } from "./read-spec.js";
import { isRemote, refLocation, valueAt } from "./resolve-ref.js";

export type OpenApiVersion = "3.0" | "3.1";

export interface CheckedSpec {
  readonly version: OpenApiVersion;
  /** `components.schemas` of the root document, in spec order. */
  readonly schemaNames: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

export function checkSpec(specs: SpecSet): CheckedSpec {
  const file = specs.files.get(specs.root)!;
  const doc = file.value;
  const fail = (code: string, message: string, path: readonly string[] = []): never => {
    throw new InputError([
      { severity: "error", code, file: file.path, position: file.locate(path) ?? { line: 1, col: 1 }, message },
    ]);
  };
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
    fail(
      "not-openapi",
      `not an OpenAPI document: the top level is ${describe(doc)}, expected a mapping with an \`openapi: 3.x\` field`,
    );
  }
  const root = doc as Record<string, unknown>;
  if (root["swagger"] !== undefined) {
    fail(
      "swagger-version",
      `this is a Swagger ${String(root["swagger"])} document; wirecase reads Swagger 2.0, OpenAPI 3.0 and 3.1`,
      ["swagger"],
    );
  }
  const version = root["openapi"];
  if (version === undefined) {
    fail(
      "not-openapi",
      "not an OpenAPI document: there is no top-level `openapi` field (expected `openapi: 3.0.x` or `openapi: 3.1.x`)",
    );
  }
  const match = typeof version === "string" ? /^3\.([01])(\.|$)/.exec(version) : null;
  if (match === null) {
    fail(
      "openapi-version",
      `unsupported OpenAPI version ${JSON.stringify(version)}; wirecase reads OpenAPI 3.0.x and 3.1.x`,
      ["openapi"],
    );
  }
  const diagnostics: Diagnostic[] = [];
  if (file.converted !== undefined) {
    diagnostics.push({
      severity: "warning",
      code: "swagger-2-converted",
      file: file.path,
      position: file.locate(["openapi"]) ?? { line: 1, col: 1 },
      message:
        `this ${file.converted.from} document was converted to OpenAPI 3.0 in memory (${file.converted.by}); ` +
        "the file is unchanged, and positions point into it",
    });
  }
  const components = root["components"];
  let schemas: unknown;
  if (components !== undefined) {
    if (components === null || typeof components !== "object" || Array.isArray(components)) {
      fail("components-shape", "`components` must be a mapping", ["components"]);
    }
    schemas = (components as Record<string, unknown>)["schemas"];
  }
  if (schemas !== undefined && (schemas === null || typeof schemas !== "object" || Array.isArray(schemas))) {
    fail("components-shape", "`components.schemas` must be a mapping of schema names to schemas", [
      "components",
      "schemas",
    ]);
  }
  const schemaNames = schemas === undefined ? [] : Object.keys(schemas as object);
  const paths = root["paths"];
  const hasPaths = paths !== null && typeof paths === "object" && Object.keys(paths).length > 0;
  // operations have models of their own (their bodies and parameters)
  if (schemaNames.length === 0 && !hasPaths) {
    diagnostics.push({
      severity: "warning",
      code: "no-schemas",
      file: file.path,
      position: file.locate(["components"]) ?? { line: 1, col: 1 },
      message: "the document has no `components.schemas` and no `paths`: there are no models to generate",
    });
  }
  diagnostics.push(...danglingRefs(specs));
  return { version: match![1] === "0" ? "3.0" : "3.1", schemaNames, diagnostics };
}

/**
 * `$ref`s outside `components.schemas` (paths, responses, parameters, ...) that point to nothing. Those inside
 * schemas are reported while the IR is built. The walk keeps parent links, so a path is built only for a bad ref.
 */
function danglingRefs(specs: SpecSet): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  interface Entry {
    readonly value: unknown;
    readonly parent: Entry | undefined;
    readonly key: string;
  }
  const pathOf = (e: Entry): string[] => {
    const path: string[] = [];
    for (let at: Entry | undefined = e; at?.parent !== undefined; at = at.parent) path.unshift(at.key);
    return path;
  };
  const root = specs.files.get(specs.root)!;
  const stack: Entry[] = [{ value: root.value, parent: undefined, key: "" }];
  while (stack.length > 0) {
    const e = stack.pop()!;
    const v = e.value;
    if (v === null || typeof v !== "object") continue;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++)
        if (v[i] !== null && typeof v[i] === "object") stack.push({ value: v[i], parent: e, key: String(i) });
      continue;
    }
    const ref = (v as Record<string, unknown>)["$ref"];
    if (typeof ref === "string" && !isRemote(ref) && !valueAt(specs, refLocation(ref, root.path)).found) {
      const path = [...pathOf(e), "$ref"];
      diagnostics.push({
        severity: "error",
        code: "ref-missing",
        file: root.path,
        position: root.locate(path),
        pointer: encodePointer(path),
        message: `$ref "${ref}" points to nothing; fix the pointer or add the target`,
      });
    }
    for (const [k, child] of Object.entries(v)) {
      if (child === null || typeof child !== "object") continue;
      if (e.parent?.parent === undefined && e.parent !== undefined && e.key === "components" && k === "schemas")
        continue;
      stack.push({ value: child, parent: e, key: k });
    }
  }
  return diagnostics;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return `a ${typeof value}`;
}
