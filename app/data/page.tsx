import { DataTable } from "@/components/data-table";
import type { Metadata } from "next";
import { DateField } from "@/components/date-field";
import { CheckAccuracy } from "@/components/data/check-accuracy";
import { RecognitionRates } from "@/components/data/recognition-rates";
import { getLocale, getTranslations } from "next-intl/server";
import { listModels } from "@/lib/catalog/model-profile";
import { getDb, getEnv, getLatestSnapshot, listCategoriesCached } from "@/lib/http/app-context";
import { selectChecks } from "@/lib/leaderboard/check-view";
import { selectRecognition } from "@/lib/leaderboard/recognition-view";
import { countCountedVotes } from "@/lib/counted-vote";
import { EXPORT_COLUMNS } from "@/lib/export/columns";
import { countExportRows } from "@/lib/export/read-votes";
import { listReleases } from "@/lib/export/release";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dataPage");
  return { title: t("title") };
}

/** The Python sample, its comments in the page's language. */
const pythonSample = (comment: { otherFormats: string; bradleyTerry: string; likeTheSite: string }) => `import pandas as pd

votes = pd.read_parquet("clip-arena-votes.parquet")   # ${comment.otherFormats}
votes = votes[(votes.battle_kind == "anonymous") & ~votes.flagged]

# ${comment.bradleyTerry}
import numpy as np
from sklearn.linear_model import LogisticRegression
models = pd.unique(votes[["model_a", "model_b"]].values.ravel())
index = {m: i for i, m in enumerate(models)}
X, y, w = [], [], []
for a, b, winner in votes[["model_a", "model_b", "winner"]].itertuples(index=False):
    row = np.zeros(len(models)); row[index[a]] = 1; row[index[b]] = -1
    score = {"model_a": 1.0, "model_b": 0.0}.get(winner, 0.5)
    X += [row, row]; y += [1, 0]; w += [score, 1 - score]
fit = LogisticRegression(fit_intercept=False, C=1e6).fit(np.array(X) * np.log(10) / 400, y, sample_weight=w)
ratings = pd.Series(fit.coef_[0], index=models)
print((ratings - ratings.mean() + 1000).sort_values(ascending=False))

# ${comment.likeTheSite}
#   npm run ratings -- clip-arena-votes.csv --bootstrap 1000 --seed 42`;

export default async function DataPage() {
  const db = getDb();
  const [t, locale, categories, models, counted, all, snapshot] = await Promise.all([
    getTranslations("dataPage"),
    getLocale(),
    listCategoriesCached(db),
    listModels(db),
    countCountedVotes(db),
    countExportRows(db, { includeFlagged: true }),
    getLatestSnapshot(db),
  ]);
  const lang = locale === "zh" ? "zh" : "en";
  const releases = await listReleases(db);
  return (
    <div className="container stack-lg">
      <header className="page-header">
        <h1>{t("title")}</h1>
        <p className="lede">{t("intro")}</p>
      </header>

      <section className="card stack" aria-labelledby="download">
        <h2 id="download">{t("download")}</h2>
        <p>{t("counts", { counted, all })}</p>
        <form method="get" action="/api/export/votes" className="filters">
          <label className="field">
            <span>{t("format")}</span>
            <select name="format" defaultValue="csv">
              <option value="csv">CSV</option>
              <option value="jsonl">JSONL</option>
              <option value="parquet">Parquet</option>
            </select>
          </label>
          <label className="field">
            <span>{t("category")}</span>
            <select name="category" defaultValue="">
              <option value="">{t("any")}</option>
              {categories.map((c) => (
                <option key={c.slug} value={c.slug}>
                  {lang === "zh" ? c.nameZh : c.nameEn}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t("model")}</span>
            <select name="model" defaultValue="">
              <option value="">{t("any")}</option>
              {models.map((m) => (
                <option key={m.slug} value={m.slug}>
                  {m.name}
                </option>
              ))}
            </select>
          </label>
          <DateField id="export-from" name="from" label={t("from")} />
          <DateField id="export-to" name="to" label={t("to")} />
          <label className="tag-option">
            <input type="checkbox" name="includeFlagged" value="true" />
            {t("includeFlagged")}
          </label>
          <label className="tag-option">
            <input type="checkbox" name="bom" value="1" />
            {t("csvBom")}
          </label>
          <label className="tag-option">
            <input type="checkbox" name="expand" value="pairs" />
            {t("expandPairs")}
          </label>
          <button type="submit" className="btn btn-primary">
            {t("downloadButton")}
          </button>
        </form>
        <p className="muted">{t("emptyFieldsNote")}</p>
        <p className="muted">{t("csvBomNote")}</p>
      </section>

      <section className="card stack" aria-labelledby="releases">
        <h2 id="releases">{t("releasesTitle")}</h2>
        <p>{t("releasesIntro")}</p>
        {releases.length === 0 ? (
          <p className="muted">{t("noReleases")}</p>
        ) : (
          <DataTable
            labelledBy="releases"
            columns={[{ label: t("release") }, { label: t("published") }, { label: t("votes"), numeric: true }, { label: t("files") }]}
          >
                {releases.map((r) => (
                  <tr key={r.release}>
                    <td>
                      <a href={`/api/releases/v${r.release}/manifest.json`}>v{r.release}</a>
                    </td>
                    <td>{r.createdAt.slice(0, 10)}</td>
                    <td className="num">
                      {r.rows.counted} / {r.rows.total}
                    </td>
                    <td className="wrap">
                      {r.files.map((file) => (
                        <div key={file.name}>
                          <a href={`/api/releases/v${r.release}/${file.name}`}>{file.name}</a>{" "}
                          <code className="muted small" title="SHA-256">
                            {file.sha256.slice(0, 16)}…
                          </code>
                        </div>
                      ))}
                    </td>
                  </tr>
                ))}
          </DataTable>
        )}
      </section>

      <RecognitionRates rates={selectRecognition(snapshot)} every={getEnv().RECOGNITION_SURVEY_EVERY} />

      <CheckAccuracy
        checks={selectChecks(snapshot)}
        every={getEnv().CHECK_BATTLE_EVERY}
        categoryNames={new Map(categories.map((c) => [c.slug, lang === "zh" ? c.nameZh : c.nameEn]))}
      />

      <section className="card stack" aria-labelledby="method">
        <h2 id="method">{t("howTitle")}</h2>
        <ul>
          {(
            [
              "howBlind",
              "howFirstTake",
              "howSides",
              "howIntegrity",
              "howDeleted",
              "howNamed",
              "howJudge",
              "howWithheld",
              "howRecognition",
              "howChecks",
              "howQuads",
            ] as const
          ).map((key) => (
            <li key={key}>{t(key)}</li>
          ))}
        </ul>
        <p>
          {t("licence")} <a href="https://creativecommons.org/licenses/by/4.0/" rel="license">CC BY 4.0</a>
        </p>
      </section>

      <section className="stack" aria-labelledby="card">
        <h2 id="card">{t("dataCard")}</h2>
        <DataTable
          labelledBy="card"
          wrapClassName="card"
          className="data-card-table"
          columns={[{ label: t("field") }, { label: t("type") }, { label: t("meaning") }]}
        >
              {EXPORT_COLUMNS.map(([name, type]) => (
                <tr key={name}>
                  <th scope="row">
                    <code>{name}</code>
                  </th>
                  <td data-label={t("type")}>{type}</td>
                  <td className="wrap">{t(`columns.${name}`)}</td>
                </tr>
              ))}
        </DataTable>
      </section>

      <section className="stack" aria-labelledby="python">
        <h2 id="python">{t("pythonTitle")}</h2>
        <pre className="code-block" role="region" aria-labelledby="python" tabIndex={0}>
          <code>
            {pythonSample({
              otherFormats: t("pythonComments.otherFormats"),
              bradleyTerry: t("pythonComments.bradleyTerry"),
              likeTheSite: t("pythonComments.likeTheSite"),
            })}
          </code>
        </pre>
      </section>
    </div>
  );
}
