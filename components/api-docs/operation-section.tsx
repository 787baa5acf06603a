import type { OperationDoc } from "@/lib/http/openapi/operations";
import { FieldList, type FieldListLabels } from "./field-list";

/** Everything an operation's section says in the page's language (the document itself is English). */
export interface OperationLabels {
  summary: (op: OperationDoc) => string;
  response: (description: string) => string;
  security: (scheme: string) => string;
  text: (
    key:
      | "auth"
      | "authNone"
      | "parameters"
      | "parametersNone"
      | "requestBody"
      | "responsesTitle"
      | "example"
      | "exampleRequest"
      | "exampleResponse"
      | "fields"
      | "noFields"
      | "errorBody"
      | "backToContents"
      | "contentType",
  ) => string;
  fields: FieldListLabels;
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

/** The example request as an HTTP client would send it: request line, content type, body. */
function requestText(op: OperationDoc): string {
  const { method, url, contentType, body } = op.requestExample;
  const head = [`${method} ${url}`, ...(contentType ? [`Content-Type: ${contentType}`] : [])].join("\n");
  return body === undefined ? head : `${head}\n\n${json(body)}`;
}

/** One operation of the API: method, path, summary, auth, parameters, body, responses and an example. */
export function OperationSection({ op, labels }: { op: OperationDoc; labels: OperationLabels }) {
  const { text } = labels;
  const titleId = `${op.anchor}-title`;
  return (
    <article id={op.anchor} className="card stack api-op" aria-labelledby={titleId}>
      <h3 id={titleId} className="api-op-title">
        <span className={`api-method api-method-${op.method.toLowerCase()}`}>{op.method}</span>{" "}
        <code className="api-path">{op.path}</code>
      </h3>
      <p>{labels.summary(op)}</p>
      {op.description ? (
        <p className="small muted" lang="en">
          {op.description}
        </p>
      ) : null}
      <p className="small">
        <strong>{text("auth")}:</strong>{" "}
        {op.security.length ? op.security.map(labels.security).join(" + ") : text("authNone")}
      </p>

      <h4>{text("parameters")}</h4>
      {op.parameters.length ? (
        <FieldList fields={op.parameters.map((p) => ({ ...p, path: p.name }))} labels={labels.fields} />
      ) : (
        <p className="small muted">{text("parametersNone")}</p>
      )}

      {op.requestBody ? (
        <>
          <h4>{text("requestBody")}</h4>
          <p className="small">
            {text("contentType")}:{" "}
            {op.requestBody.contentTypes.map((type, i) => (
              <span key={type}>
                {i > 0 ? ", " : null}
                <code>{type}</code>
              </span>
            ))}
          </p>
          {op.requestBody.fields.length ? (
            <FieldList fields={op.requestBody.fields} labels={labels.fields} />
          ) : (
            <p className="small muted">{text("noFields")}</p>
          )}
        </>
      ) : null}

      <h4>{text("responsesTitle")}</h4>
      <ul className="api-responses">
        {op.responses.map((response) => (
          <li key={response.status}>
            <div>
              <code className={`api-status api-status-${response.status[0]}xx`}>{response.status}</code>{" "}
              {labels.response(response.description)}
            </div>
            {response.body?.ref === "Error" ? (
              <p className="small">
                <a href="#errors">{text("errorBody")}</a>
              </p>
            ) : response.body ? (
              <details className="api-schema">
                <summary>
                  {text("fields")} ({response.body.contentTypes.join(", ")})
                </summary>
                {response.body.fields.length ? (
                  <FieldList fields={response.body.fields} labels={labels.fields} />
                ) : (
                  <p className="small muted">{text("noFields")}</p>
                )}
              </details>
            ) : null}
          </li>
        ))}
      </ul>

      <h4>{text("example")}</h4>
      <div className="api-examples">
        <figure>
          <figcaption className="small muted">{text("exampleRequest")}</figcaption>
          <pre lang="en">
            <code>{requestText(op)}</code>
          </pre>
        </figure>
        {op.responseExample ? (
          <figure>
            <figcaption className="small muted">
              {text("exampleResponse")} {op.responseExample.status}
            </figcaption>
            <pre lang="en">
              <code>{json(op.responseExample.body)}</code>
            </pre>
          </figure>
        ) : null}
      </div>
      <p className="small">
        <a href="#contents">{text("backToContents")}</a>
      </p>
    </article>
  );
}
