/**
 * openapi-typescript / openapi-fetch interop, at the type level: the types openapi-typescript emits for
 * spec/fine-tuning.yaml flow into our mappers, and our `...ToWire` output is the request body openapi-fetch
 * expects. Everything is generated into test/.out/interop and compiled with tsc --noEmit under strict +
 * exactOptionalPropertyTypes, with `@ts-expect-error` lines that prove mismatches are caught.
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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

/**
 * The operations table through openapi-fetch (examples/openapi-fetch/call.ts): what `call` accepts and returns.
 */
const OPERATION_CHECKS = `
import createClient from "openapi-fetch";
import { call } from "./call.js";
import type { paths } from "./schema.js";
import {
  operations,
  type CreateFineTuningJobRequest,
  type CreateFineTuningJobRequestWire,
  type FineTuningJob,
  type ListFineTuningJobsResponse,
} from "./generated/index.js";

const client = createClient<paths>({ baseUrl: "https://api.example.com/v1" });
declare const request: CreateFineTuningJobRequest;
declare const wire: CreateFineTuningJobRequestWire;

export async function checks(): Promise<void> {
  // the result is a union by status of the parsed models
  const retrieved = await call(client, operations.retrieveFineTuningJob, { params: { fineTuningJobId: "j" } });
  const job: FineTuningJob = retrieved.body;
  const page: ListFineTuningJobsResponse = (await call(client, operations.listFineTuningJobs, { params: {} })).body;
  const created = await call(client, operations.createFineTuningJob, { body: request });
  const status: "200" = created.status;
  // @ts-expect-error a list page is not a job
  const notJob: FineTuningJob = page;
  // @ts-expect-error the body is the camelCase model, not the wire form
  await call(client, operations.createFineTuningJob, { body: wire });
  // @ts-expect-error parameters are camelCase too
  await call(client, operations.retrieveFineTuningJob, { params: { fine_tuning_job_id: "j" } });
  // @ts-expect-error an operation with parameters needs them
  await call(client, operations.retrieveFineTuningJob, {});
  // an entry whose toWire does not give what openapi-typescript's paths take for its path is refused
  const wrongQuery = {
    method: "get",
    path: "/fine_tuning/jobs",
    params: { toWire: (p: { limit: string }): { query: { limit: string } } => ({ query: p }) },
    responses: {},
  } as const;
  // @ts-expect-error limit is an integer on the wire
  await call(client, wrongQuery, { params: { limit: "20" } });
  const wrongMethod = { method: "post", path: "/fine_tuning/jobs/{fine_tuning_job_id}", responses: {} } as const;
  // @ts-expect-error the spec has no POST on this path
  await call(client, wrongMethod, {});
  void [job, status, notJob];
}
`;

/** What examples/openapi-fetch/with-operations.ts exports, as the run test uses it (the models loosely). */
interface Example {
  retrieveJob(client: unknown, id: string): Promise<{ readonly [key: string]: unknown }>;
  listJobs(
    client: unknown,
    after?: string,
  ): Promise<{ readonly hasMore: boolean; readonly data: readonly { readonly trainingFile: string }[] }>;
  createJob(client: unknown, request: object): Promise<{ readonly [key: string]: unknown }>;
}

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
    for (const file of ["call.ts", "with-operations.ts"])
      copyFileSync(join(ROOT, "examples", "openapi-fetch", file), join(DIR, file));
    writeFileSync(join(DIR, "checks-operations.ts"), OPERATION_CHECKS);
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

  it("runs against a fetch stub: params reach the URL, the body the wire, responses parse to models", async () => {
    const { default: createClient } = await import("openapi-fetch");
    const example = (await import(join(DIR, "with-operations.ts"))) as Example;
    const sent: { method: string; url: string; body: string; contentType: string | null }[] = [];
    let reply: { status: number; json: unknown } = { status: 200, json: {} };
    const fetch = async (request: Request): Promise<Response> => {
      sent.push({
        method: request.method,
        url: request.url,
        body: await request.text(),
        contentType: request.headers.get("Content-Type"),
      });
      return new Response(JSON.stringify(reply.json), {
        status: reply.status,
        headers: { "Content-Type": "application/json" },
      });
    };
    const client = createClient({ baseUrl: "https://api.example.com/v1", fetch });
    // a valid FineTuningJob as it travels: the repo's fixture
    const jobWire = JSON.parse(readFileSync(join(ROOT, "test", "data", "fine-tuning-job.json"), "utf8")) as object;

    reply = { status: 200, json: jobWire };
    const job = await example.retrieveJob(client, "ftjob-abc123");
    expect(sent.at(-1)).toMatchObject({
      method: "GET",
      url: "https://api.example.com/v1/fine_tuning/jobs/ftjob-abc123",
    });
    expect(job).toMatchObject({
      id: "ftjob-abc123",
      createdAt: 1721764800,
      fineTunedModel: null,
      estimatedFinish: 1721768400,
    });
    expect(job["hyperparameters"]).toEqual({ nEpochs: "auto", batchSize: 4, learningRateMultiplier: 0.5 });
    // metadata keys are data: never renamed
    expect(job["metadata"]).toEqual({ customer_id: "c-1" });

    reply = { status: 200, json: { object: "list", data: [jobWire], has_more: false } };
    const page = await example.listJobs(client, "ftjob-0");
    expect(sent.at(-1)!.url).toBe("https://api.example.com/v1/fine_tuning/jobs?after=ftjob-0&limit=20");
    expect(page.hasMore).toBe(false);
    expect(page.data[0]!.trainingFile).toBe("file-abc123");

    reply = { status: 200, json: jobWire };
    const created = await example.createJob(client, {
      model: "gpt-4o-mini",
      trainingFile: "file-abc123",
      hyperparameters: { nEpochs: 3, batchSize: "auto" },
      validationFile: null,
      metadata: { customer_id: "c-42" },
    });
    const post = sent.at(-1)!;
    expect(post).toMatchObject({ method: "POST", url: "https://api.example.com/v1/fine_tuning/jobs" });
    expect(post.contentType).toBe("application/json");
    expect(JSON.parse(post.body)).toEqual({
      model: "gpt-4o-mini",
      training_file: "file-abc123",
      hyperparameters: { n_epochs: 3, batch_size: "auto" },
      validation_file: null,
      metadata: { customer_id: "c-42" },
    });
    expect(created["validationFile"]).toBeNull();

    // parse checks what openapi-fetch only casts; a status the spec does not list is an error
    reply = { status: 200, json: { ...jobWire, created_at: "yesterday" } };
    await expect(example.retrieveJob(client, "ftjob-abc123")).rejects.toThrow(/created_at/);
    reply = { status: 404, json: { error: "no such job" } };
    await expect(example.retrieveJob(client, "nope")).rejects.toThrow("HTTP 404 is not in the spec");
    expect(sent).toHaveLength(5);
  });
});
