import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { FieldList } from "@/components/api-docs/field-list";
import { type OperationLabels, OperationSection } from "@/components/api-docs/operation-section";
import { CSRF_HEADER } from "@/lib/auth/csrf-header";
import { buildOpenApiDocument } from "@/lib/http/openapi/document";
import { exampleOf, type JsonSchema } from "@/lib/http/openapi/example";
import { operationMessageKey } from "@/lib/http/openapi/message-keys";
import { type Audience, describeOperations, fieldsOf, type OperationDoc } from "@/lib/http/openapi/operations";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("apiDocs");
  return { title: t("title") };
}

// The document is the same for every request: described once per process.
const DOCUMENT = buildOpenApiDocument() as JsonSchema;
const OPERATIONS = describeOperations(DOCUMENT);
const ERROR_SCHEMA = { $ref: "#/components/schemas/Error" };
const ERROR_FIELDS = fieldsOf(ERROR_SCHEMA, DOCUMENT);
const ERROR_EXAMPLE = exampleOf(ERROR_SCHEMA, DOCUMENT);
const AUDIENCES: Audience[] = ["public", "operator"];

/**
 * The API reference, rendered on the server from the same OpenAPI document /api/openapi.json serves
 * (lib/http/openapi/operations.ts flattens it): per operation its method, path, parameters with
 * types and constraints, request body, responses with their fields, and examples generated from
 * the schemas; public and operator endpoints apart. The page's own words and the summaries and
 * responses are translated (messages `apiDocs`; summaries keyed "METHOD /path", responses by their
 * English text, a unit test keeps them complete); the document's descriptions stay English.
 */
export default async function ApiDocsPage() {
  const t = await getTranslations("apiDocs");
  const summaries = t.raw("summaries") as Record<string, string>;
  const responses = t.raw("responses") as Record<string, string>;
  const securityNames = t.raw("security") as Record<string, string>;
  const locations = t.raw("locations") as Record<string, string>;
  const fields = {
    required: t("required"),
    optional: t("optional"),
    location: (where: string) => locations[where] ?? where,
  };
  const labels: OperationLabels = {
    summary: (op: OperationDoc) => summaries[operationMessageKey(op.method, op.path)] ?? op.summary,
    response: (description) => responses[description] ?? description,
    security: (scheme) =>
      scheme === "csrfToken" ? `${securityNames.csrfToken} ${CSRF_HEADER}` : (securityNames[scheme] ?? scheme),
    text: (key) => t(key),
    fields,
  };
  const groups = AUDIENCES.map((audience) => ({
    audience,
    title: t(audience === "public" ? "publicTitle" : "operatorTitle"),
    operations: OPERATIONS.filter((op) => op.audience === audience),
  }));
  return (
    <div className="container stack api-docs">
      <header className="page-header stack-sm">
        <h1>{t("title")}</h1>
        <p className="lede">
          {t("intro")} <a href="/api/openapi.json">/api/openapi.json</a>
        </p>
        <p className="small muted">{t("languageNote")}</p>
        <p className="small muted">{t("examplesNote")}</p>
      </header>

      <nav id="contents" className="card stack-sm api-toc" aria-labelledby="contents-title">
        <h2 id="contents-title">{t("contents")}</h2>
        {groups.map((group) => (
          <div key={group.audience} className="stack-sm">
            <h3>
              <a href={`#${group.audience}`}>{group.title}</a>
            </h3>
            <ol className="api-toc-list">
              {group.operations.map((op) => (
                <li key={op.anchor}>
                  <a href={`#${op.anchor}`}>
                    <span className={`api-method api-method-${op.method.toLowerCase()}`}>{op.method}</span>{" "}
                    <code className="api-path">{op.path}</code>
                  </a>
                </li>
              ))}
            </ol>
          </div>
        ))}
        <h3>
          <a href="#errors">{t("errorsTitle")}</a>
        </h3>
      </nav>

      {groups.map((group) => (
        <section key={group.audience} id={group.audience} className="stack" aria-labelledby={`${group.audience}-title`}>
          <h2 id={`${group.audience}-title`}>{group.title}</h2>
          <p className={group.audience === "operator" ? "notice notice-info" : "muted"}>
            {group.audience === "operator" ? t("operatorIntro", { header: CSRF_HEADER }) : t("publicIntro")}
          </p>
          {group.operations.map((op) => (
            <OperationSection key={op.anchor} op={op} labels={labels} />
          ))}
        </section>
      ))}

      <section id="errors" className="card stack" aria-labelledby="errors-title">
        <h2 id="errors-title">{t("errorsTitle")}</h2>
        <p>{t("errorsIntro")}</p>
        <FieldList fields={ERROR_FIELDS} labels={fields} />
        <pre lang="en">
          <code>{JSON.stringify(ERROR_EXAMPLE, null, 2)}</code>
        </pre>
      </section>
    </div>
  );
}
