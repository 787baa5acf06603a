// npx tsx scripts/bench/cpu-profile-summary.ts <file.cpuprofile> [top] [last-seconds]: where a V8 CPU profile
// (`node --cpu-prof`, e.g. bench:request-path with BENCH_CPU_PROF) spent its time, by self time:
// the top functions, and the same time grouped by where the code lives (a package under
// node_modules, Node's own modules, this app's bundle, native code, GC). Idle time (the event loop
// waiting) is left out of the shares. With last-seconds, only the profile's last seconds count (a
// bench's rounds, not the server's start); a timeline of busy time per second helps choose them.
import fs from "node:fs";

/** The parts of the `.cpuprofile` format (Chrome DevTools protocol, Profiler.Profile) read here. */
interface Profile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Where a function's code lives, for the grouped view. */
function origin(url: string, name: string): string {
  if (name === "(garbage collector)") return "GC";
  if (name === "(program)" || name === "(idle)" || name === "(root)") return name;
  if (!url) return "native";
  if (url.startsWith("node:")) return "node internals";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  if (url.includes("/.next/")) return "app (.next bundle)";
  return url.replace(/^file:\/\//, "");
}

function main(): void {
  const [file, topArg, lastArg] = process.argv.slice(2);
  if (!file) throw new Error("usage: cpu-profile-summary.ts <file.cpuprofile> [top] [last-seconds]");
  const top = Number(topArg ?? 30);
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const byFunction = new Map<string, number>();
  const byOrigin = new Map<string, number>();
  const from = lastArg ? profile.endTime - Number(lastArg) * 1e6 : profile.startTime;
  const busyPerSecond: number[] = [];
  let busyUs = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id);
    const us = profile.timeDeltas[i] ?? 0;
    at += us;
    if (!frame || frame.functionName === "(idle)") return;
    const second = Math.floor((at - profile.startTime) / 1e6);
    busyPerSecond[second] = (busyPerSecond[second] ?? 0) + us;
    if (at < from) return;
    busyUs += us;
    const key = `${frame.functionName || "(anonymous)"} ${frame.url.replace(/^.*node_modules\//, "")}:${frame.lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    const where = origin(frame.url, frame.functionName);
    byOrigin.set(where, (byOrigin.get(where) ?? 0) + us);
  });
  const print = (title: string, table: Map<string, number>, count: number) => {
    console.log(`\n${title}`);
    for (const [key, us] of [...table].sort((a, b) => b[1] - a[1]).slice(0, count))
      console.log(`${((100 * us) / busyUs).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${key}`);
  };
  const timeline = Array.from(busyPerSecond, (us) => Math.round((us ?? 0) / 1e4));
  console.log(`busy % of each second of the profile: ${timeline.join(" ")}`);
  console.log(`busy ${(busyUs / 1e6).toFixed(2)} s counted (idle left out)`);
  print("by where the code lives", byOrigin, 25);
  print("top functions by self time", byFunction, top);
}

main();
