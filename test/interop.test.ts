/**
 * openapi-typescript / openapi-fetch interop, at the type level: the types openapi-typescript emits for
 * spec/fine-tuning.yaml flow into our mappers, and our `...ToWire` output is the request body openapi-fetch
 * expects. Everything is generated into test/.out/interop and compiled with tsc --noEmit under strict +
 * exactOptionalPropertyTypes, with `@ts-expect-error` lines that prove mismatches are caught.
 */
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../generator/generate.js";
import { writeFiles } from "../generator/write/write-files.js";
import { COMPILERS, ROOT, runEachTsc, SCRATCH } from "./helpers.js";

const SPEC = join(ROOT, "spec", "fine-tuning.yaml");
const DIR = join(SCRATCH, "interop");

/** What an application using openapi-fetch compiles with (DOM for fetch's Request/Response types). */
const OPTIONS = {
  target: "ES2022",
  lib: ["ES2022", "DOM"],
  module: "NodeNext",
  moduleResolution: "NodeNext",
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  verbatimModuleSyntax: true,
  noEmit: true,
  skipLibCheck: true,
  types: [],
} as const;

/**
 * tsc --noEmit over `dir` with TypeScript 5.9 and 7 (openapi-fetch resolves from the repo's node_modules); the
 * failing compilers' output, "" when clean.
 */
function typecheckProject(dir: string): string {
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({ compilerOptions: OPTIONS, include: ["**/*.ts"] }, null, 2),
  );
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
  return runEachTsc(COMPILERS, ["-p", dir]);
}

/**
 * Type-level assertions; every line that should not compile carries `@ts-expect-error` (an unused one is an
 * error too).
 */
const CHECKS = `
import type { components, paths } from "./schema.js";
import type { components as DefaultComponents } from "./schema-default.js";
import {
  createFineTuningJobRequestToWire,
  fineTuningJobFromWire,
  fineTuningJobToWire,
  listFineTuningJobsResponseFromWire,
  type CreateFineTuningJobRequest,
  type CreateFineTuningJobRequestWire,
  type FineTuningIntegrationWire,
  type FineTuningJob,
  type FineTuningJobWire,
  type ListFineTuningJobsResponseWire,
  type MetadataWire,
} from "./generated/index.js";

type Schemas = components["schemas"];
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const yes = <T extends true>(): T => true as T;
const no = <T extends false>(): T => false as T;

// every component schema is the same type as our wire type, both ways
yes<Same<Schemas["FineTuningJob"], FineTuningJobWire>>();
yes<Same<Schemas["FineTuningIntegration"], FineTuningIntegrationWire>>();
yes<Same<Schemas["Metadata"], MetadataWire>>();
yes<Same<Schemas["CreateFineTuningJobRequest"], CreateFineTuningJobRequestWire>>();
yes<Same<Schemas["ListFineTuningJobsResponse"], ListFineTuningJobsResponseWire>>();

// response bodies flow into fromWire
type Retrieved = paths["/fine_tuning/jobs/{fine_tuning_job_id}"]["get"]["responses"][200]\
["content"]["application/json"];
type Listed = paths["/fine_tuning/jobs"]["get"]["responses"][200]["content"]["application/json"];
declare const component: Schemas["FineTuningJob"];
declare const retrieved: Retrieved;
declare const listed: Listed;
export const a: FineTuningJob = fineTuningJobFromWire(component);
export const b: FineTuningJob = fineTuningJobFromWire(retrieved);
export const c = listFineTuningJobsResponseFromWire(listed);

// toWire output is the request body of POST /fine_tuning/jobs (and a model maps back to a response body)
type CreateBody = paths["/fine_tuning/jobs"]["post"]["requestBody"]["content"]["application/json"];
declare const request: CreateFineTuningJobRequest;
export const body: CreateBody = createFineTuningJobRequestToWire(request);
export const back: Retrieved = fineTuningJobToWire(a);

// mismatches are caught
// @ts-expect-error the camelCase model is not the wire body (trainingFile vs training_file)
export const modelAsBody: CreateBody = request;
// @ts-expect-error a response body is the wire form, not the model
export const wireAsModel: FineTuningJob = retrieved;
// @ts-expect-error fromWire wants the wire form
fineTuningJobFromWire(a);
export const wrongKey: CreateBody = {
  model: "gpt-4o-mini",
  training_file: "file-abc123",
  // @ts-expect-error a wire body has snake_case keys only
  validationFile: null,
};

// The gap: with openapi-typescript's default defaultNonNullable: true, a property with a \`default\` that is not
// \`required\` becomes required (CreateFineTuningJobRequest.suffix has \`default: null\`), so our wire type (where
// it is optional, as the spec says) is not assignable to that body.
type DefaultCreate = DefaultComponents["schemas"]["CreateFineTuningJobRequest"];
no<Same<DefaultCreate, CreateFineTuningJobRequestWire>>();
// @ts-expect-error suffix is optional in the spec, required in openapi-typescript's default output
export const gap: DefaultCreate = createFineTuningJobRequestToWire(request);
// workaround without regenerating: give the defaulted property explicitly
export const filled: DefaultCreate = { suffix: null, ...createFineTuningJobRequestToWire(request) };
// responses are unaffected (required -> optional is assignable; FineTuningJob has no defaulted property outside
// hyperparameters, which openapi-typescript exempts because its path contains "parameters")
yes<Same<DefaultComponents["schemas"]["FineTuningJob"], FineTuningJobWire>>();
`;

async function openapiTypes(options: { defaultNonNullable: boolean }): Promise<string> {
  return astToString(
    await openapiTS(pathToFileURL(SPEC), { defaultNonNullable: options.defaultNonNullable, silent: true }),
  );
}

describe("openapi-typescript / openapi-fetch interop (type level)", () => {
  beforeAll(async () => {
    rmSync(DIR, { recursive: true, force: true });
    mkdirSync(DIR, { recursive: true });
    const result = generate({ input: SPEC });
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    writeFiles(join(DIR, "generated"), result.files);
    writeFileSync(join(DIR, "schema.d.ts"), await openapiTypes({ defaultNonNullable: false }));
    writeFileSync(join(DIR, "schema-default.d.ts"), await openapiTypes({ defaultNonNullable: true }));
    copyFileSync(join(ROOT, "examples", "openapi-fetch", "usage.ts"), join(DIR, "usage.ts"));
    writeFileSync(join(DIR, "checks.ts"), CHECKS);
  });
  afterAll(() => rmSync(DIR, { recursive: true, force: true }));

  it("the example and the checks type-check under strict + exactOptionalPropertyTypes", () => {
    expect(typecheckProject(DIR)).toBe("");
  });

  it("a mismatch is reported (the checks can fail)", () => {
    // our body where openapi-typescript's default output requires `suffix`, without @ts-expect-error
    writeFileSync(
      join(DIR, "broken.ts"),
      `import type { components } from "./schema-default.js";
import { createFineTuningJobRequestToWire, type CreateFineTuningJobRequest } from "./generated/index.js";
declare const request: CreateFineTuningJobRequest;
export const body: components["schemas"]["CreateFineTuningJobRequest"] = createFineTuningJobRequestToWire(request);
`,
    );
    try {
      const out = typecheckProject(DIR);
      expect(out).toMatch(
        new RegExp(
          String.raw`broken\.ts\(4,14\): error TS\d+: Type 'CreateFineTuningJobRequestWire' ` +
            String.raw`is not assignable to type '\{ model: string; training_file: string;`,
        ),
      );
      expect(out).toContain(
        "Property 'suffix' is optional in type 'CreateFineTuningJobRequestWire' but required in type",
      );
      // one error, from each compiler
      expect(out.match(/error TS/g)).toHaveLength(COMPILERS.length);
      for (const c of COMPILERS) expect(out).toContain(`${c.name}:\n`);
    } finally {
      rmSync(join(DIR, "broken.ts"));
    }
  });
});
