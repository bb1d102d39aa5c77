// openapi-fetch + wirecase: openapi-fetch types the HTTP calls (paths, params, bodies) from openapi-typescript's
// output; wirecase maps the snake_case bodies to camelCase models and back, or validates them with parseX.
//
//   npx openapi-typescript ../../spec/fine-tuning.yaml -o schema.d.ts --default-non-nullable false
//   npx wirecase generate -i ../../spec/fine-tuning.yaml -o generated
//
// `--default-non-nullable false` matters: see README.md ("Optional properties with a default").
import createClient from "openapi-fetch";
import type { paths } from "./schema.js";
import {
  createFineTuningJobRequestToWire,
  fineTuningJobFromWire,
  listFineTuningJobsResponseFromWire,
  parseFineTuningJob,
  type CreateFineTuningJobRequest,
  type FineTuningJob,
  type ListFineTuningJobsResponse,
} from "./generated/index.js";

const client = createClient<paths>({ baseUrl: "https://api.example.com/v1" });

/** GET: openapi-fetch's `data` is openapi-typescript's FineTuningJob, which is exactly our FineTuningJobWire. */
export async function retrieveJob(id: string): Promise<FineTuningJob> {
  const { data, response } = await client.GET("/fine_tuning/jobs/{fine_tuning_job_id}", {
    params: { path: { fine_tuning_job_id: id } },
  });
  if (data === undefined) throw new Error(`GET /fine_tuning/jobs/${id}: HTTP ${response.status}`);
  return fineTuningJobFromWire(data);
}

/** The same, trusting nothing: openapi-fetch only casts the JSON; parseFineTuningJob checks it and maps it. */
export async function retrieveJobChecked(id: string): Promise<FineTuningJob> {
  const { data, response } = await client.GET("/fine_tuning/jobs/{fine_tuning_job_id}", {
    params: { path: { fine_tuning_job_id: id } },
  });
  if (data === undefined) throw new Error(`GET /fine_tuning/jobs/${id}: HTTP ${response.status}`);
  return parseFineTuningJob(data as unknown);
}

/** GET with query parameters: openapi-fetch types `query` from the spec's parameters. */
export async function listJobs(after?: string): Promise<ListFineTuningJobsResponse> {
  const { data, response } = await client.GET("/fine_tuning/jobs", {
    params: { query: after === undefined ? { limit: 20 } : { after, limit: 20 } },
  });
  if (data === undefined) throw new Error(`GET /fine_tuning/jobs: HTTP ${response.status}`);
  return listFineTuningJobsResponseFromWire(data);
}

/** POST: the app builds a camelCase request; createFineTuningJobRequestToWire gives the body openapi-fetch expects. */
export async function createJob(request: CreateFineTuningJobRequest): Promise<FineTuningJob> {
  const { data, response } = await client.POST("/fine_tuning/jobs", {
    body: createFineTuningJobRequestToWire(request),
  });
  if (data === undefined) throw new Error(`POST /fine_tuning/jobs: HTTP ${response.status}`);
  return fineTuningJobFromWire(data);
}

export const example: CreateFineTuningJobRequest = {
  model: "gpt-4o-mini",
  trainingFile: "file-abc123",
  hyperparameters: { nEpochs: 3, batchSize: "auto" },
  validationFile: null,
  metadata: { customer_id: "c-42" },
};
