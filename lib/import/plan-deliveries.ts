import type { Db } from "../db/client";
import { deliveryFormatOf } from "../media/delivery-format";
import { type DeliveryJob, isDelivered, readPromptMembers, type StoredMember } from "../media/prompt-deliveries";
import type { CheckedFile, ImportPlan } from "./plan-import";

/** The renders an import needs, as parallel lists: each job is for a manifest line or a stored clip. */
export interface DeliveryPlan {
  jobs: DeliveryJob[];
  /** The manifest clip index (clips[i]) a job is for, or null when it is for a stored clip. */
  lines: (number | null)[];
  /** The stored clip a job re-renders, or null when it is for a manifest line. */
  members: (StoredMember | null)[];
}

/**
 * Works out, for every prompt the manifest's clips name, the clips it will hold once the import is
 * written (its live clips, less those of models that get a new file, plus the new files), their
 * delivery format (deliveryFormatOf, with the manifest's or the stored deliveryLengthMs), and the
 * renders that needs: every new file, and every stored clip whose renditions are not in that format
 * (so a re-run of an unchanged set renders nothing). Reads the database; writes nothing.
 */
export async function planDeliveries(db: Db, plan: ImportPlan): Promise<DeliveryPlan> {
  const { manifest, files, prediction, clipLines } = plan;
  const keys = [...new Set(manifest.clips.map((c) => c.prompt))];
  const [prompts, models] = await Promise.all([
    db.prompt.findMany({ where: { importKey: { in: keys } }, select: { id: true, importKey: true } }),
    db.model.findMany({
      where: { slug: { in: manifest.clips.map((c) => c.model) } },
      select: { id: true, slug: true },
    }),
  ]);
  const promptIds = new Map(prompts.map((p) => [p.importKey as string, p.id]));
  const modelIds = new Map(models.map((m) => [m.slug, m.id]));
  const stored = await readPromptMembers(db, [...promptIds.values()]);
  const result: DeliveryPlan = { jobs: [], lines: [], members: [] };
  for (const key of keys) {
    const promptId = promptIds.get(key);
    const current = promptId ? stored.get(promptId) : undefined;
    const incoming = manifest.clips.flatMap((clip, i) =>
      clip.prompt === key && prediction.summary.clips[i]?.outcome !== "unchanged" ? [{ clip, i }] : [],
    );
    const replaced = new Set(incoming.map(({ clip }) => modelIds.get(clip.model)));
    const staying = (current?.members ?? []).filter((m) => !replaced.has(m.modelId));
    const probes = incoming.map(
      ({ clip }) => (files.get(clip.file) as CheckedFile).probe as NonNullable<CheckedFile["probe"]>,
    );
    if (staying.length + probes.length === 0) continue;
    const manifestPrompt = manifest.prompts.find((p) => p.key === key);
    const lengthMs = manifestPrompt ? (manifestPrompt.deliveryLengthMs ?? null) : (current?.deliveryLengthMs ?? null);
    const format = deliveryFormatOf([...staying, ...probes], lengthMs);
    for (const member of staying.filter((m) => !isDelivered(m, format))) {
      result.jobs.push({
        original: { storageKey: member.storageKey },
        sourceHash: member.sourceHash,
        hasAudio: member.hasAudio,
        durationMs: member.durationMs,
        format,
        label: `prompt "${key}", clip ${member.id}`,
      });
      result.lines.push(null);
      result.members.push(member);
    }
    incoming.forEach(({ clip, i }, n) => {
      const file = files.get(clip.file) as CheckedFile;
      const probe = probes[n] as NonNullable<CheckedFile["probe"]>;
      result.jobs.push({
        original: { path: file.path },
        sourceHash: file.sha256,
        hasAudio: probe.hasAudio,
        durationMs: probe.durationMs,
        format,
        label: `${clipLines[i] as string} (${clip.file})`,
      });
      result.lines.push(i);
      result.members.push(null);
    });
  }
  return result;
}
