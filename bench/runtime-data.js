// Data for the runtime benchmark: the OpenAI example FineTuningJob and a varied 1,000-job list page.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { CORPUS } from "./lib.js";

/** A hand-written copy of the `x-oaiMeta.example` of FineTuningJob in openai-2026-08.yaml, used without the corpus. */
const FALLBACK_EXAMPLE = {
  object: "fine_tuning.job",
  id: "ftjob-abc123",
  model: "davinci-002",
  created_at: 1692661014,
  finished_at: 1692661190,
  fine_tuned_model: "ft:davinci-002:my-org:custom_suffix:7q8mpxmy",
  organization_id: "org-123",
  result_files: ["file-abc123"],
  status: "succeeded",
  validation_file: null,
  training_file: "file-abc123",
  hyperparameters: { n_epochs: 4, batch_size: 1, learning_rate_multiplier: 1.0 },
  trained_tokens: 5768,
  integrations: [],
  seed: 0,
  estimated_finish: 0,
  method: {
    type: "supervised",
    supervised: { hyperparameters: { n_epochs: 4, batch_size: 1, learning_rate_multiplier: 1.0 } },
  },
  metadata: { key: "value" },
};

/**
 * The example job, as the API would send it. Returns `{ job, source, notes }`; notes say how it was adjusted.
 * The 2026-08 example omits `error`, which that spec lists as required (null when the job has not failed);
 * wirecase's mapper (correctly, per the spec) reads `wire.error.code` when `error` is not null, so the example
 * is completed with `"error": null` as the real API sends it.
 */
export function exampleJob() {
  const file = join(CORPUS, "openai-2026-08.yaml");
  let job;
  let source;
  if (existsSync(file)) {
    const doc = parseDocument(readFileSync(file, "utf8"), { lineCounter: new LineCounter(), merge: true });
    const example = doc.toJS({ maxAliasCount: -1 })?.components?.schemas?.FineTuningJob?.["x-oaiMeta"]?.example;
    if (typeof example === "string") {
      job = JSON.parse(example);
      source = "x-oaiMeta.example of FineTuningJob in openai-2026-08.yaml";
    }
  }
  if (job === undefined) {
    job = structuredClone(FALLBACK_EXAMPLE);
    source = "hand-written copy of the OpenAI example (corpus not found)";
  }
  const notes = [];
  if (!("error" in job)) {
    job.error = null;
    notes.push('added "error": null (required by the spec, missing from the example)');
  }
  const extra = Object.keys(job).filter((k) => k === "method");
  if (extra.length > 0)
    notes.push(`kept ${extra.map((k) => `"${k}"`).join(", ")} (not in spec/fine-tuning.yaml; both mappers drop it)`);
  return { job, source, notes };
}

function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STATUSES = ["validating_files", "queued", "running", "succeeded", "failed", "cancelled"];
const MODELS = ["gpt-4o-mini-2024-07-18", "gpt-4o-2024-08-06", "davinci-002", "babbage-002", "gpt-3.5-turbo-0125"];

/**
 * A list page of `count` jobs in the API's key order, varied the way real pages vary: every status, failed jobs
 * with an error object, running jobs with nulls, hyperparameters with and without optional keys, integrations
 * absent / null / empty / with W&B settings, estimated_finish and metadata present or absent.
 */
export function listPage(count, seed = 42) {
  const rand = prng(seed);
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const chance = (p) => rand() < p;
  const data = [];
  for (let i = 0; i < count; i++) {
    const status = pick(STATUSES);
    const done = status === "succeeded" || status === "failed" || status === "cancelled";
    const created = 1_700_000_000 + i * 37;
    const model = pick(MODELS);
    const job = {
      object: "fine_tuning.job",
      id: `ftjob-${((i * 2654435761) >>> 0).toString(36)}`,
      model,
      created_at: created,
      finished_at: done ? created + 600 + Math.floor(rand() * 5000) : null,
      fine_tuned_model: status === "succeeded" ? `ft:${model}:acme::${i.toString(36)}` : null,
      organization_id: `org-${pick(["acme", "globex", "initech"])}`,
      result_files:
        status === "succeeded" ? Array.from({ length: 1 + Math.floor(rand() * 3) }, (_, k) => `file-res${i}x${k}`) : [],
      status,
      validation_file: chance(0.5) ? `file-val${i}` : null,
      training_file: `file-train${i}`,
      hyperparameters: {
        n_epochs: chance(0.3) ? "auto" : 1 + Math.floor(rand() * 10),
        ...(chance(0.7) ? { batch_size: chance(0.5) ? "auto" : 1 + Math.floor(rand() * 32) } : {}),
        ...(chance(0.7)
          ? { learning_rate_multiplier: chance(0.5) ? "auto" : (1 + Math.floor(rand() * 200)) / 100 }
          : {}),
      },
      trained_tokens: status === "succeeded" ? Math.floor(rand() * 1e6) : null,
      error:
        status === "failed"
          ? {
              code: "invalid_training_file",
              message: "The training file has an invalid line.",
              param: chance(0.5) ? "training_file" : null,
            }
          : null,
      seed: Math.floor(rand() * 2 ** 31),
    };
    const integrations = rand();
    if (integrations < 0.25) {
      // absent
    } else if (integrations < 0.35) job.integrations = null;
    else if (integrations < 0.7) job.integrations = [];
    else {
      job.integrations = [
        {
          type: "wandb",
          wandb: {
            project: `proj-${i % 7}`,
            ...(chance(0.6) ? { name: `run-${i}` } : {}),
            ...(chance(0.4) ? { entity: "acme-ml" } : {}),
            ...(chance(0.5) ? { tags: ["custom-tag", `t${i % 5}`] } : {}),
          },
        },
      ];
    }
    if (chance(0.6)) job.estimated_finish = done ? null : created + 7200;
    job.method = { type: "supervised", supervised: { hyperparameters: { ...job.hyperparameters } } };
    if (chance(0.5)) job.metadata = { team: `t${i % 4}`, ...(chance(0.5) ? { ticket: `T-${i}` } : {}) };
    data.push(job);
  }
  return { object: "list", data, has_more: true };
}
