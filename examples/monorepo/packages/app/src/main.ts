// Uses the generated models package like any other dependency: camelCase models in the app,
// snake_case only at the edges (parse on the way in, toWire on the way out).
import { plural } from "@example/format";
import { fineTuningJobToWire, parseFineTuningJob, safeParseFineTuningJob, type FineTuningJob, type FineTuningJobWire } from "@example/models";

/** Validates a response body (unknown JSON) and maps it to the camelCase model; throws a ParseError listing every problem. */
export function readJob(json: unknown): FineTuningJob {
  return parseFineTuningJob(json);
}

/** The same without throwing. */
export function tryReadJob(json: unknown): FineTuningJob | undefined {
  const result = safeParseFineTuningJob(json);
  return result.ok ? result.value : undefined;
}

export function describeJob(job: FineTuningJob): string {
  const created = new Date(job.createdAt * 1000).toISOString();
  const epochs = job.hyperparameters.nEpochs === "auto" ? "auto" : plural(job.hyperparameters.nEpochs, "epoch");
  return `${job.id} (${job.status}, ${epochs}) created ${created}, model ${job.fineTunedModel ?? "pending"}`;
}

/** Back to the wire form (snake_case keys) for storage or another request. */
export function toJson(job: FineTuningJob): string {
  const wire: FineTuningJobWire = fineTuningJobToWire(job);
  return JSON.stringify(wire);
}

/** A sample round trip (kept free of Node globals so the example type-checks without @types/node). */
export const sample: string = toJson(readJob({
  id: "ftjob-abc123",
  created_at: 1_700_000_000,
  fine_tuned_model: null,
  status: "running",
  hyperparameters: { n_epochs: 3 },
  metadata: { customer_id: "c-42" },
}));
