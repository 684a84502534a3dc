import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: [
    "./src/server/db/schema.ts",
    "./src/server/db/schema-one-stop.ts",
    "./src/server/db/schema-plan.ts",
    "./src/server/db/schema-feedback.ts",
    "./src/server/db/schema-dossier-import.ts",
    "./src/server/db/schema-methodology.ts",
    "./src/server/db/schema-sipas.ts",
    "./src/server/db/schema-jobs.ts",
    "./src/server/db/schema-case-register.ts",
    "./src/server/db/schema-kpi-rollup.ts",
    "./src/server/db/schema-scorecard.ts",
    "./src/server/db/schema-report.ts",
    "./src/server/db/schema-federation.ts",
    "./src/server/db/schema-personal-data.ts",
  ],
  out: "./src/server/db/migrations",
});
