/** The "why" every moderation action asks for; the audit log keeps it. */
export function ReasonField({ label, compact = false }: { label: string; compact?: boolean }) {
  return (
    <label className={compact ? "field small" : "field"}>
      {label}
      <input name="reason" required minLength={3} maxLength={500} />
    </label>
  );
}
