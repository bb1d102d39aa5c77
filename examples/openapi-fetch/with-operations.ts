// openapi-fetch + wirecase's `operations` table: no mapper is named by hand. `call` (call.ts) takes the entry of
// the endpoint, maps the camelCase parameters and body to the wire, and parses the response for its status.
//
//   npx openapi-typescript ../../spec/fine-tuning.yaml -o schema.d.ts --default-non-nullable false
//   npx wirecase generate -i ../../spec/fine-tuning.yaml -o generated
import type { Client } from "openapi-fetch";
import { call } from "./call.js";
import type { paths } from "./schema.js";
import { operations, type CreateFineTuningJobRequest, type FineTuningJob } from "./generated/index.js";
import type { ListFineTuningJobsResponse } from "./generated/index.js";

/** GET with a path parameter: `{ fineTuningJobId }` becomes `{ path: { fine_tuning_job_id } }`. */
export async function retrieveJob(client: Client<paths>, id: string): Promise<FineTuningJob> {
  const result = await call(client, operations.retrieveFineTuningJob, { params: { fineTuningJobId: id } });
  return result.body;
}

/** GET with query parameters; the result is checked and mapped by `parseListFineTuningJobsResponse`. */
export async function listJobs(client: Client<paths>, after?: string): Promise<ListFineTuningJobsResponse> {
  const params = after === undefined ? { limit: 20 } : { after, limit: 20 };
  const result = await call(client, operations.listFineTuningJobs, { params });
  return result.body;
}

/** POST: the camelCase request goes through `requestBody.toWire`; the 200 body is parsed to a FineTuningJob. */
export async function createJob(client: Client<paths>, request: CreateFineTuningJobRequest): Promise<FineTuningJob> {
  const result = await call(client, operations.createFineTuningJob, { body: request });
  if (result.status !== "200") throw new Error(`unexpected status ${result.status}`);
  return result.body;
}
