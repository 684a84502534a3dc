import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

export default tseslint.config(
  {
    ignores: ["node_modules", "dist", "data", "test-artifacts", ".tmp", "src/server/db/migrations"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
  {
    // The browser bundle may use the server's schemas for types only, never its code.
    files: ["src/web/**/*.ts", "src/web/**/*.tsx"],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/server/**"],
              allowTypeImports: true,
              message: "Import server schemas with `import type` only.",
            },
          ],
        },
      ],
    },
  },
  {
    // Tests read JSON response bodies; typing every one of them would add noise, not safety.
    files: ["test/**/*.ts", "e2e/**/*.ts", "**/*.test.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    files: ["src/core/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/server/**", "**/web/**", "**/cli/**"],
              message: "The domain core imports nothing from other layers.",
            },
            {
              group: ["node:*", "fs", "path", "pg", "@electric-sql/*", "fastify*", "drizzle-orm*"],
              message: "The domain core does no I/O.",
            },
          ],
        },
      ],
    },
  },
);
