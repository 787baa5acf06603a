import fs from "node:fs";
import { createRequire } from "node:module";
import * as runtime from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";

let initialised = false;

// The prisma CLI downloads a native schema engine, which this project cannot rely on (offline
// machines). The same engine ships on npm compiled to WebAssembly; its ESM entry imports the
// .wasm file directly, which Node cannot do, so it is instantiated here by hand.
function initialiseWasm(): void {
  if (initialised) return;
  const require = createRequire(import.meta.url);
  const wasmPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg").replace(/\.js$/, ".wasm");
  const wasmModule = new WebAssembly.Module(fs.readFileSync(wasmPath));
  const instance = new WebAssembly.Instance(wasmModule, {
    "./schema_engine_bg.js": runtime as unknown as WebAssembly.ModuleImports,
  });
  runtime.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
  initialised = true;
}

/** Opens the WebAssembly schema engine over a driver adapter, with a schema loaded. */
export async function openSchemaEngine(
  schema: { path: string; content: string },
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
): Promise<SchemaEngine> {
  initialiseWasm();
  const log = (): void => {};
  return runtime.SchemaEngine.new(
    { datamodels: [[schema.path, schema.content]] },
    log,
    bindMigrationAwareSqlAdapterFactory(adapterFactory),
  );
}
