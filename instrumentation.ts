/**
 * Runs once when a server instance starts (`npm start` and `npm run dev`). The work is Node.js
 * only (instrumentation-node.ts): importing it behind the NEXT_RUNTIME check, as Next.js
 * documents, keeps its Node APIs out of the Edge bundle and the build free of warnings.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") await (await import("./instrumentation-node")).registerNodeServer();
}
