// zod 4 candidate for the guard/parse benchmark: a hand-written zod schema equivalent to FineTuningJob in
// spec/fine-tuning.yaml (constraints included, unknown keys stripped), with a transform to the camelCase model
// (the same shape as bench/hand-mapper.js), built once at import. `safeParse` is what the child times.
import * as z from "zod";

const auto = z.literal("auto");
const error = z.object({ code: z.string(), message: z.string(), param: z.string().nullable() });
const hyperparameters = z
  .object({
    n_epochs: z.union([auto, z.int().min(1).max(50)]),
    batch_size: z.union([auto, z.int().min(1).max(256)]).optional(),
    learning_rate_multiplier: z.union([auto, z.number().gt(0)]).optional(),
  })
  .transform((h) => ({
    nEpochs: h.n_epochs,
    batchSize: h.batch_size,
    learningRateMultiplier: h.learning_rate_multiplier,
  }));
const integration = z.object({
  type: z.literal("wandb"),
  wandb: z.object({
    project: z.string(),
    name: z.string().nullable().optional(),
    entity: z.string().nullable().optional(),
    tags: z.array(z.string()).optional(),
  }),
});
const metadata = z.record(z.string(), z.string()).nullable();

export const fineTuningJob = z
  .object({
    id: z.string(),
    created_at: z.int(),
    error: error.nullable(),
    fine_tuned_model: z.string().nullable(),
    finished_at: z.int().nullable(),
    hyperparameters,
    model: z.string(),
    object: z.literal("fine_tuning.job"),
    organization_id: z.string(),
    result_files: z.array(z.string()),
    status: z.enum(["validating_files", "queued", "running", "succeeded", "failed", "cancelled"]),
    trained_tokens: z.int().nullable(),
    training_file: z.string(),
    validation_file: z.string().nullable(),
    integrations: z.array(integration).max(5).nullable().optional(),
    seed: z.int(),
    estimated_finish: z.int().nullable().optional(),
    metadata: metadata.optional(),
  })
  .transform((w) => ({
    id: w.id,
    createdAt: w.created_at,
    error: w.error,
    fineTunedModel: w.fine_tuned_model,
    finishedAt: w.finished_at,
    hyperparameters: w.hyperparameters,
    model: w.model,
    object: w.object,
    organizationId: w.organization_id,
    resultFiles: w.result_files,
    status: w.status,
    trainedTokens: w.trained_tokens,
    trainingFile: w.training_file,
    validationFile: w.validation_file,
    integrations: w.integrations,
    seed: w.seed,
    estimatedFinish: w.estimated_finish,
    metadata: w.metadata,
  }));

export function safeParse(value) {
  return fineTuningJob.safeParse(value);
}
