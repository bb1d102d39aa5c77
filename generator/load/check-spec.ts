/** Checks that the root document is OpenAPI 3.x before anything is built from it. */
import { InputError, type Diagnostic } from "../diagnostics.js";
import type { SpecSet } from "./read-spec.js";

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
    throw new InputError([{ severity: "error", code, file: file.path, position: file.locate(path) ?? { line: 1, col: 1 }, message }]);
  };
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
    fail("not-openapi", `not an OpenAPI document: the top level is ${describe(doc)}, expected a mapping with an \`openapi: 3.x\` field`);
  }
  const root = doc as Record<string, unknown>;
  if (root["swagger"] !== undefined) {
    fail(
      "swagger-2",
      `this is a Swagger ${String(root["swagger"])} document; wirecase reads OpenAPI 3.0 and 3.1 only. Convert it first (for example with \`npx swagger2openapi\`)`,
      ["swagger"],
    );
  }
  const version = root["openapi"];
  if (version === undefined) {
    fail("not-openapi", "not an OpenAPI document: there is no top-level `openapi` field (expected `openapi: 3.0.x` or `openapi: 3.1.x`)");
  }
  const match = typeof version === "string" ? /^3\.([01])(\.|$)/.exec(version) : null;
  if (match === null) {
    fail("openapi-version", `unsupported OpenAPI version ${JSON.stringify(version)}; wirecase reads OpenAPI 3.0.x and 3.1.x`, ["openapi"]);
  }
  const diagnostics: Diagnostic[] = [];
  const components = root["components"];
  let schemas: unknown = undefined;
  if (components !== undefined) {
    if (components === null || typeof components !== "object" || Array.isArray(components)) {
      fail("components-shape", "`components` must be a mapping", ["components"]);
    }
    schemas = (components as Record<string, unknown>)["schemas"];
  }
  if (schemas !== undefined && (schemas === null || typeof schemas !== "object" || Array.isArray(schemas))) {
    fail("components-shape", "`components.schemas` must be a mapping of schema names to schemas", ["components", "schemas"]);
  }
  const schemaNames = schemas === undefined ? [] : Object.keys(schemas as object);
  if (schemaNames.length === 0) {
    diagnostics.push({
      severity: "warning",
      code: "no-schemas",
      file: file.path,
      position: file.locate(["components"]) ?? { line: 1, col: 1 },
      message: "the document has no `components.schemas`: there are no models to generate",
    });
  }
  return { version: match![1] === "0" ? "3.0" : "3.1", schemaNames, diagnostics };
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return `a ${typeof value}`;
}
