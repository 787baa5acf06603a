import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import tseslint from "typescript-eslint";

/*
 * Layers flow one way (README, "Architecture"): app/ → lib/http → domain folders → bottom. Each
 * domain folder lists the other domain folders it may use, which keeps them acyclic.
 */
const DOMAIN_DEPENDENCIES = {
  arena: [],
  integrity: [],
  auth: [],
  leaderboard: ["arena", "integrity"],
  catalog: ["leaderboard"],
  import: ["catalog"],
  export: ["leaderboard"],
  demo: ["arena"],
  admin: ["arena", "catalog", "export", "import", "integrity"],
};
const DOMAINS = Object.keys(DOMAIN_DEPENDENCIES);
const BOTTOM = ["ratings", "media", "storage", "db"];
const folderImports = (folder) => [`@/lib/${folder}`, `@/lib/${folder}/**`, `**/${folder}`, `**/${folder}/**`];
const NO_NEXT = { group: ["next", "next/**"], message: "lib/ never imports Next.js: keep that in app/." };
const NO_HTTP = {
  group: ["@/lib/http/**", "**/http/**"],
  message: "Below the HTTP layer: throw an error from lib/errors.ts and let lib/http answer.",
};
const layerRules = (patterns) => ({ "no-restricted-imports": ["error", { patterns }] });

const boundaries = [
  { files: ["lib/**/*.ts", "lib/**/*.tsx"], rules: layerRules([NO_NEXT]) },
  ...DOMAINS.map((domain) => ({
    files: [`lib/${domain}/**/*.ts`],
    rules: layerRules([
      NO_NEXT,
      NO_HTTP,
      ...DOMAINS.filter((other) => other !== domain && !DOMAIN_DEPENDENCIES[domain].includes(other)).map((other) => ({
        group: folderImports(other),
        message: `lib/${domain} may not import lib/${other}: see DOMAIN_DEPENDENCIES in eslint.config.mjs.`,
      })),
    ]),
  })),
  {
    files: [...BOTTOM.map((folder) => `lib/${folder}/**/*.ts`), "lib/*.ts"],
    rules: layerRules([
      NO_NEXT,
      NO_HTTP,
      ...DOMAINS.map((domain) => ({
        group: folderImports(domain),
        message: "The bottom layer knows nothing above it.",
      })),
    ]),
  },
];

const config = [
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "lib/generated/**",
      "data/**",
      "media/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  ...nextVitals,
  ...nextTypescript,
  ...tseslint.configs.recommendedTypeChecked.map((entry) => ({ ...entry, files: ["**/*.ts", "**/*.tsx"] })),
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { "@typescript-eslint": tseslint.plugin },
    rules: {
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // vitest's asymmetric matchers (expect.any, expect.objectContaining, …) are typed `any`.
    files: ["tests/**/*.ts"],
    rules: { "@typescript-eslint/no-unsafe-assignment": "off" },
  },
  ...boundaries,
];

export default config;
