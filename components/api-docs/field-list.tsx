import type { FieldDoc } from "@/lib/http/openapi/operations";

/** The labels a field list shows, in the page's language. */
export interface FieldListLabels {
  required: string;
  optional: string;
  location?: (where: string) => string;
}

/**
 * A schema's fields (or an operation's parameters) as a list that reads on a phone: name, type and
 * whether it is required on one line, then its constraints and the document's (English) description.
 */
export function FieldList({
  fields,
  labels,
}: {
  fields: readonly (FieldDoc & { in?: string })[];
  labels: FieldListLabels;
}) {
  return (
    <ul className="api-fields">
      {fields.map((field) => (
        <li key={`${field.in ?? ""}${field.path}`}>
          <div className="api-field-head">
            <code className="api-field-name">{field.path}</code>
            <code className="api-field-type">{field.type}</code>
            {field.in && labels.location ? <span className="badge">{labels.location(field.in)}</span> : null}
            <span className={field.required ? "badge badge-accent" : "badge"}>
              {field.required ? labels.required : labels.optional}
            </span>
          </div>
          {field.constraints.length > 0 ? (
            <p className="api-field-constraints small" lang="en">
              {field.constraints.join(" · ")}
            </p>
          ) : null}
          {field.description ? (
            <p className="small muted" lang="en">
              {field.description}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
