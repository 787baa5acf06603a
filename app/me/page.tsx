import type { Metadata } from "next";
import Link from "next/link";
import { cookies } from "next/headers";
import { getLocale, getTranslations } from "next-intl/server";
import { DeleteVotesButton } from "@/components/me/delete-votes-button";
import { MyBoardTable } from "@/components/me/my-board-table";
import { VOTER_COOKIE, verifyVoterCookie } from "@/lib/arena/voter-session";
import { getMeContext, getSessionSecret } from "@/lib/http/app-context";
import { loadVoterBoard } from "@/lib/http/me-api";
import { MIN_VOTES_FOR_OWN_BOARD } from "@/lib/leaderboard/own-board-threshold";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("me");
  // Private to one browser: never worth indexing.
  return { title: t("title"), robots: { index: false } };
}

/**
 * "My votes" (issue 31, item 4): the board of the voter session in this browser's cookie, and
 * nobody else's (no id in the URL). Before MIN_VOTES_FOR_OWN_BOARD counted votes it says how many
 * more are needed.
 */
export default async function MyVotesPage() {
  const [t, tApi, locale, jar] = await Promise.all([
    getTranslations("me"),
    getTranslations("apiErrors"),
    getLocale(),
    cookies(),
  ]);
  const voterId = verifyVoterCookie(jar.get(VOTER_COOKIE)?.value, getSessionSecret());
  const board = voterId ? await loadVoterBoard(getMeContext(), voterId) : null;
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
  const counted = board?.countedVotes ?? 0;
  const total = counted + (board?.otherVotes ?? 0);
  return (
    <div className="container stack-lg">
      <header className="stack">
        <h1>{t("title")}</h1>
        <p className="lede">{t("intro")}</p>
      </header>

      {counted < MIN_VOTES_FOR_OWN_BOARD ? (
        <section className="card stack" data-testid="me-progress">
          {board ? null : <p>{t("noSession")}</p>}
          <p>{t("progress", { counted, remaining: MIN_VOTES_FOR_OWN_BOARD - counted })}</p>
          <p>
            <Link href="/arena" className="btn btn-primary">
              {t("goVote")}
            </Link>
          </p>
        </section>
      ) : null}
      {board && board.otherVotes > 0 ? (
        <p className="muted small">{t("otherVotes", { count: board.otherVotes })}</p>
      ) : null}

      {board?.board ? (
        <section className="stack" aria-labelledby="my-board">
          <h2 id="my-board">{t("boardTitle")}</h2>
          <p>{t("boardIntro", { counted })}</p>
          <MyBoardTable rows={board.board} caption={t("boardCaption")} />
        </section>
      ) : null}

      {board?.agreement ? (
        <section className="card stack" aria-labelledby="agreement" data-testid="me-agreement">
          <h2 id="agreement">{t("agreementTitle")}</h2>
          {board.crowdComputedAt === null ? (
            <p>{t("agreementNoBoard")}</p>
          ) : board.agreement.trials === 0 ? (
            <p>{t("agreementNone")}</p>
          ) : (
            <p className="lede">
              {t("agreement", {
                share: percent.format(board.agreement.share),
                trials: board.agreement.trials,
                low: percent.format(board.agreement.ciLow),
                high: percent.format(board.agreement.ciHigh),
              })}
            </p>
          )}
          {board.crowdComputedAt !== null ? (
            <p className="small muted">
              {t("agreementRule", { computedAt: board.crowdComputedAt.slice(0, 16).replace("T", " ") })}{" "}
              {board.agreement.notComparable > 0
                ? t("agreementLeftOut", { count: board.agreement.notComparable })
                : null}
            </p>
          ) : null}
        </section>
      ) : null}

      {board?.checkAccuracy ? (
        <section className="card stack" aria-labelledby="checks">
          <h2 id="checks">{t("checksTitle")}</h2>
          <p>
            {t("checks", {
              share: percent.format(board.checkAccuracy.share),
              trials: board.checkAccuracy.trials,
              low: percent.format(board.checkAccuracy.ciLow),
              high: percent.format(board.checkAccuracy.ciHigh),
            })}
          </p>
        </section>
      ) : null}

      {board ? (
        <section className="card stack" aria-labelledby="delete">
          <h2 id="delete">{t("deleteTitle")}</h2>
          <p>{total > 0 ? t("deleteIntro", { count: total }) : t("nothingToDelete")}</p>
          <DeleteVotesButton
            hasVotes={total > 0}
            labels={{
              button: t("deleteButton"),
              ask: t("deleteAsk"),
              confirm: t("deleteConfirm"),
              cancel: t("deleteCancel"),
              deleting: t("deleting"),
              failed: tApi("codes.internal_error"),
              done: t("deletedDone"),
            }}
          />
        </section>
      ) : null}
    </div>
  );
}
