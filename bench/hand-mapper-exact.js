// A second hand-written baseline: the FineTuningJob mappers as a careful engineer writes them when the contract
// is wirecase's, "absent stays absent" (an optional key missing on the input is missing on the output, not a key
// holding `undefined`; what `exactOptionalPropertyTypes` types and `in` / `Object.keys` observe). The required
// keys in one literal, each optional key assigned only when present, nested objects through small functions.
// Beside bench/hand-mapper.js (which writes every key), it tells the price of that contract from the price of
// generated code.

function errorFromWire(e) {
  return { code: e.code, message: e.message, param: e.param };
}

function hyperparametersFromWire(h) {
  const m = { nEpochs: h.n_epochs };
  if (h.batch_size !== undefined) m.batchSize = h.batch_size;
  if (h.learning_rate_multiplier !== undefined) m.learningRateMultiplier = h.learning_rate_multiplier;
  return m;
}

function wandbFromWire(w) {
  const m = { project: w.project };
  if (w.name !== undefined) m.name = w.name;
  if (w.entity !== undefined) m.entity = w.entity;
  if (w.tags !== undefined) m.tags = w.tags;
  return m;
}

function integrationFromWire(i) {
  return { type: i.type, wandb: wandbFromWire(i.wandb) };
}

export function fineTuningJobFromWire(w) {
  const m = {
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
  };
  if (w.integrations !== undefined)
    m.integrations = w.integrations === null ? null : w.integrations.map(integrationFromWire);
  m.seed = w.seed;
  if (w.estimated_finish !== undefined) m.estimatedFinish = w.estimated_finish;
  if (w.metadata !== undefined) m.metadata = w.metadata;
  return m;
}

function errorToWire(e) {
  return { code: e.code, message: e.message, param: e.param };
}

function hyperparametersToWire(h) {
  const w = { n_epochs: h.nEpochs };
  if (h.batchSize !== undefined) w.batch_size = h.batchSize;
  if (h.learningRateMultiplier !== undefined) w.learning_rate_multiplier = h.learningRateMultiplier;
  return w;
}

function wandbToWire(m) {
  const w = { project: m.project };
  if (m.name !== undefined) w.name = m.name;
  if (m.entity !== undefined) w.entity = m.entity;
  if (m.tags !== undefined) w.tags = m.tags;
  return w;
}

function integrationToWire(i) {
  return { type: i.type, wandb: wandbToWire(i.wandb) };
}

export function fineTuningJobToWire(m) {
  const w = {
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
  };
  if (m.integrations !== undefined)
    w.integrations = m.integrations === null ? null : m.integrations.map(integrationToWire);
  w.seed = m.seed;
  if (m.estimatedFinish !== undefined) w.estimated_finish = m.estimatedFinish;
  if (m.metadata !== undefined) w.metadata = m.metadata;
  return w;
}
