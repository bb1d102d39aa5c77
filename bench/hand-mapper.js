// The baseline for the runtime benchmark: FineTuningJob mappers written the way a careful engineer writes
// them by hand — one object literal per object with every key in a fixed order (so every result shares one
// hidden class), nested objects through their own small functions, arrays through `map`.
//
// Deliberate difference from wirecase's generated mappers: an optional key that is absent on the input is
// written as a present key holding `undefined` (the literal always has every key), where the generated code
// leaves the key out. `JSON.stringify` treats both the same, so the wire JSON is identical.

function errorFromWire(e) {
  return { code: e.code, message: e.message, param: e.param };
}

function hyperparametersFromWire(h) {
  return { nEpochs: h.n_epochs, batchSize: h.batch_size, learningRateMultiplier: h.learning_rate_multiplier };
}

function wandbFromWire(w) {
  return { project: w.project, name: w.name, entity: w.entity, tags: w.tags };
}

function integrationFromWire(i) {
  return { type: i.type, wandb: wandbFromWire(i.wandb) };
}

export function fineTuningJobFromWire(w) {
  return {
    id: w.id,
    createdAt: w.created_at,
    error: w.error === null ? null : errorFromWire(w.error),
    fineTunedModel: w.fine_tuned_model,
    finishedAt: w.finished_at,
    hyperparameters: hyperparametersFromWire(w.hyperparameters),
    model: w.model,
    object: w.object,
    organizationId: w.organization_id,
    resultFiles: w.result_files,
    status: w.status,
    trainedTokens: w.trained_tokens,
    trainingFile: w.training_file,
    validationFile: w.validation_file,
    integrations: w.integrations == null ? w.integrations : w.integrations.map(integrationFromWire),
    seed: w.seed,
    estimatedFinish: w.estimated_finish,
    metadata: w.metadata,
  };
}

function errorToWire(e) {
  return { code: e.code, message: e.message, param: e.param };
}

function hyperparametersToWire(h) {
  return { n_epochs: h.nEpochs, batch_size: h.batchSize, learning_rate_multiplier: h.learningRateMultiplier };
}

function wandbToWire(w) {
  return { project: w.project, name: w.name, entity: w.entity, tags: w.tags };
}

function integrationToWire(i) {
  return { type: i.type, wandb: wandbToWire(i.wandb) };
}

export function fineTuningJobToWire(m) {
  return {
    id: m.id,
    created_at: m.createdAt,
    error: m.error === null ? null : errorToWire(m.error),
    fine_tuned_model: m.fineTunedModel,
    finished_at: m.finishedAt,
    hyperparameters: hyperparametersToWire(m.hyperparameters),
    model: m.model,
    object: m.object,
    organization_id: m.organizationId,
    result_files: m.resultFiles,
    status: m.status,
    trained_tokens: m.trainedTokens,
    training_file: m.trainingFile,
    validation_file: m.validationFile,
    integrations: m.integrations == null ? m.integrations : m.integrations.map(integrationToWire),
    seed: m.seed,
    estimated_finish: m.estimatedFinish,
    metadata: m.metadata,
  };
}
