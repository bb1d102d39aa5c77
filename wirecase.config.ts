// The repo's own generation job: `npm run generate` (= `wirecase generate`) reads this file.
import { defineConfig } from "wirecase/config";

export default defineConfig({
  input: "spec/fine-tuning.yaml",
  output: "generated",
});
