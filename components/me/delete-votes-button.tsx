"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

interface DeleteVotesButtonProps {
  /** Whether the session has votes to delete; without, only the status of a deletion just made shows. */
  hasVotes: boolean;
  /** Texts in the page's language (the "me" namespace is not sent to the browser: see app/layout.tsx). */
  labels: {
    button: string;
    ask: string;
    confirm: string;
    cancel: string;
    deleting: string;
    failed: string;
    done: string;
  };
}

/**
 * Deletes every vote of this browser's session (DELETE /api/me/votes) after an explicit
 * confirmation, then re-renders the page from the server, which shows the new count; it stays
 * mounted across that refresh, so the status of the deletion stays on screen.
 */
export function DeleteVotesButton({ hasVotes, labels }: DeleteVotesButtonProps) {
  const router = useRouter();
  const [asking, setAsking] = useState(false);
  const [sending, setSending] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [refreshing, startRefresh] = useTransition();

  async function remove() {
    setSending(true);
    try {
      const response = await fetch("/api/me/votes", {
        method: "DELETE",
        headers: { "content-type": "application/json" },
        body: "{}",
      });
      if (!response.ok) throw new Error(String(response.status));
      setMessage(labels.done);
      setAsking(false);
      startRefresh(() => router.refresh());
    } catch {
      setMessage(labels.failed);
    } finally {
      setSending(false);
    }
  }

  const busy = sending || refreshing;
  return (
    <div className="stack">
      {!hasVotes ? null : asking ? (
        <div className="delete-confirm" role="group" aria-label={labels.ask}>
          <p>{labels.ask}</p>
          <div className="button-row">
            <button type="button" className="btn btn-danger" disabled={busy} onClick={() => void remove()}>
              {busy ? labels.deleting : labels.confirm}
            </button>
            <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => setAsking(false)}>
              {labels.cancel}
            </button>
          </div>
        </div>
      ) : (
        <div>
          <button type="button" className="btn btn-danger" onClick={() => setAsking(true)} disabled={busy}>
            {labels.button}
          </button>
        </div>
      )}
      <p role="status" className="small" data-testid="delete-status">
        {message}
      </p>
    </div>
  );
}
