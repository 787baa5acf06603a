import { operationMessageKey } from "@/lib/http/openapi/message-keys";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { buildOpenApiDocument } from "@/lib/http/openapi/document";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("apiDocs");
  return { title: t("title") };
}

interface Operation {
  summary?: string;
  parameters?: { name: string; in: string }[];
  responses?: Record<string, { description?: string }>;
}

/**
 * A readable index of the API, rendered from the same OpenAPI document /api/openapi.json serves.
 * The document stays English; the page says each summary and response in the reader's language
 * (messages `apiDocs.summaries`, keyed "METHOD /path", and `apiDocs.responses`, keyed by the
 * English text; a unit test keeps them complete).
 */
export default async function ApiDocsPage() {
  const t = await getTranslations("apiDocs");
  const summaries = t.raw("summaries") as Record<string, string>;
  const responses = t.raw("responses") as Record<string, string>;
  const document = buildOpenApiDocument() as { paths: Record<string, Record<string, Operation>> };
  return (
    <div className="container stack">
      <header className="page-header">
        <h1>{t("title")}</h1>
        <p className="lede">
          {t("intro")} <a href="/api/openapi.json">/api/openapi.json</a>
        </p>
      </header>
      {Object.entries(document.paths).flatMap(([path, operations]) =>
        Object.entries(operations).map(([method, operation]) => (
          <section key={`${method} ${path}`} className="card stack">
            <h2>
              <code>
                {method.toUpperCase()} {path}
              </code>
            </h2>
            <p>{summaries[operationMessageKey(method, path)] ?? operation.summary}</p>
            {operation.parameters?.length ? (
              <p className="muted">
                {t("parameters")}: {operation.parameters.map((p) => `${p.name} (${p.in})`).join(", ")}
              </p>
            ) : null}
            <ul>
              {Object.entries(operation.responses ?? {}).map(([status, response]) => (
                <li key={status}>
                  <code>{status}</code> {responses[response.description ?? ""] ?? response.description}
                </li>
              ))}
            </ul>
          </section>
        )),
      )}
    </div>
  );
}
