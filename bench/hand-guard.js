// The baseline for the guard benchmark: `isFineTuningJobWire` written by hand the way a careful engineer would
// — a type-level check (no min/max constraints), unknown keys allowed, small helpers for nested objects.
// Difference from the generated guard: an optional key present with the value `undefined` is accepted here
// (the generated guard rejects it); JSON input never holds `undefined`, so both agree on JSON.

const isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
const isInt = Number.isInteger;
const isStringOrNull = (v) => v === null || typeof v === "string";
const isIntOrNull = (v) => v === null || isInt(v);
const isAutoOrInt = (v) => v === "auto" || isInt(v);
const STATUSES = new Set(["validating_files", "queued", "running", "succeeded", "failed", "cancelled"]);

function isError(e) {
  return isObject(e) && typeof e.code === "string" && typeof e.message === "string" && isStringOrNull(e.param);
}

function isHyperparameters(h) {
  return (
    isObject(h) &&
    isAutoOrInt(h.n_epochs) &&
    (h.batch_size === undefined || isAutoOrInt(h.batch_size)) &&
    (h.learning_rate_multiplier === undefined ||
      h.learning_rate_multiplier === "auto" ||
      typeof h.learning_rate_multiplier === "number")
  );
}

function isStringArray(a) {
  if (!Array.isArray(a)) return false;
  for (let i = 0; i < a.length; i++) if (typeof a[i] !== "string") return false;
  return true;
}

function isIntegration(i) {
  if (!isObject(i) || i.type !== "wandb") return false;
  const w = i.wandb;
  return (
    isObject(w) &&
    typeof w.project === "string" &&
    (w.name === undefined || isStringOrNull(w.name)) &&
    (w.entity === undefined || isStringOrNull(w.entity)) &&
    (w.tags === undefined || isStringArray(w.tags))
  );
}

function isIntegrations(list) {
  if (list === null) return true;
  if (!Array.isArray(list)) return false;
  for (let i = 0; i < list.length; i++) if (!isIntegration(list[i])) return false;
  return true;
}

function isMetadata(m) {
  if (m === null) return true;
  if (!isObject(m)) return false;
  for (const k in m) if (Object.hasOwn(m, k) && typeof m[k] !== "string") return false;
  return true;
}

export function isFineTuningJobWire(v) {
  return (
    isObject(v) &&
    typeof v.id === "string" &&
    isInt(v.created_at) &&
    (v.error === null || isError(v.error)) &&
    isStringOrNull(v.fine_tuned_model) &&
    isIntOrNull(v.finished_at) &&
    isHyperparameters(v.hyperparameters) &&
    typeof v.model === "string" &&
    v.object === "fine_tuning.job" &&
    typeof v.organization_id === "string" &&
    isStringArray(v.result_files) &&
    STATUSES.has(v.status) &&
    isIntOrNull(v.trained_tokens) &&
    typeof v.training_file === "string" &&
    isStringOrNull(v.validation_file) &&
    (v.integrations === undefined || isIntegrations(v.integrations)) &&
    isInt(v.seed) &&
    (v.estimated_finish === undefined || isIntOrNull(v.estimated_finish)) &&
    (v.metadata === undefined || isMetadata(v.metadata))
  );
}
