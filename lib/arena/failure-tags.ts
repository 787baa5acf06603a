/** The fixed list of failure tags a voter may put on a clip, in display order. */
export const FAILURE_TAGS = [
  "physics_violation",
  "interpenetration",
  "identity_drift",
  "incoherent_motion",
  "ignores_prompt",
  "wrong_direction_or_camera",
  "lighting_artifact",
  "blurry_low_detail",
] as const;

export type FailureTag = (typeof FAILURE_TAGS)[number];

/** Labels shown to voters and readers. */
export const FAILURE_TAG_LABELS: Record<FailureTag, { en: string; zh: string }> = {
  physics_violation: { en: "Physics violation", zh: "违反物理" },
  interpenetration: { en: "Objects pass through each other", zh: "穿模" },
  identity_drift: { en: "Identity or shape drift", zh: "人物或形体漂移" },
  incoherent_motion: { en: "Incoherent motion", zh: "动作不连贯" },
  ignores_prompt: { en: "Ignores the prompt", zh: "未遵循提示词" },
  wrong_direction_or_camera: { en: "Wrong direction or camera", zh: "方向或运镜错误" },
  lighting_artifact: { en: "Lighting artifact", zh: "光影瑕疵" },
  blurry_low_detail: { en: "Blurry or low detail", zh: "模糊或细节不足" },
};
