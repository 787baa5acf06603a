// node scripts/bundled.mjs <script.ts> [args…]: runs a TypeScript command-line script from an
// esbuild bundle (packages left external, as `npm run build:server` bundles the server) cached in
// node_modules/.cache/clip-arena/, instead of through tsx's loader, which compiles and resolves
// every module on each start (about 0.5 s of the ratings CLI's start-up, measured in
// docs/benchmarks.md). The bundle is rebuilt when any file it was built from (or tsconfig.json)
// changed size or modification time, so an edited source never runs stale. The script sees the
// same process.argv as under tsx: [node, script, args…]; import.meta.dirname would name the cache
// folder, so scripts run this way must not use it.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const script = process.argv[2];
if (!script) {
  console.error("usage: node scripts/bundled.mjs <script.ts> [args…]");
  process.exit(1);
}
const entry = path.resolve(script);
const cacheDir = path.join(root, "node_modules", ".cache", "clip-arena");
const name = path.relative(root, entry).replace(/[^\w.-]+/g, "_");
const bundle = path.join(cacheDir, `${name}.mjs`);
const inputsFile = path.join(cacheDir, `${name}.inputs.json`);
const esbuildPackage = path.join(root, "node_modules", "esbuild", "package.json");
// A production install (`npm prune --omit=dev`) has no esbuild: run the script through tsx, a
// production dependency, as every other CLI does.
if (!fs.existsSync(esbuildPackage)) {
  const tsx = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");
  const { status } = spawnSync(process.execPath, [tsx, script, ...process.argv.slice(3)], { stdio: "inherit" });
  process.exit(status ?? 1);
}
// esbuild's version, read without loading esbuild (only a rebuild needs it).
const version = JSON.parse(fs.readFileSync(esbuildPackage, "utf8")).version;

/** Size and modification time of a file, or null when it is gone. */
function stamp(file) {
  try {
    const stat = fs.statSync(file);
    return `${stat.size}:${stat.mtimeMs}`;
  } catch {
    return null;
  }
}

/** Whether the cached bundle was built from exactly the files as they are now. */
function fresh() {
  let inputs;
  try {
    inputs = JSON.parse(fs.readFileSync(inputsFile, "utf8"));
  } catch {
    return false;
  }
  if (!fs.existsSync(bundle) || inputs.esbuild !== version) return false;
  return Object.entries(inputs.stamps).every(([file, was]) => stamp(path.join(root, file)) === was);
}

if (!fresh()) {
  fs.mkdirSync(cacheDir, { recursive: true });
  // Written beside the final names and renamed, so a concurrent run never reads half a bundle.
  const temporary = `${bundle}.${process.pid}.tmp`;
  const { build } = await import("esbuild");
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    format: "esm",
    packages: "external",
    target: "node20",
    outfile: temporary,
    metafile: true,
    logLevel: "warning",
    absWorkingDir: root,
  });
  const stamps = Object.fromEntries(
    [...Object.keys(result.metafile.inputs), "tsconfig.json"].map((file) => [file, stamp(path.join(root, file))]),
  );
  fs.renameSync(temporary, bundle);
  fs.writeFileSync(`${inputsFile}.${process.pid}.tmp`, JSON.stringify({ esbuild: version, stamps }));
  fs.renameSync(`${inputsFile}.${process.pid}.tmp`, inputsFile);
}

process.argv.splice(1, 2, entry);
await import(bundle);
