import type { CSSProperties, ReactNode } from "react";

/** A column heading; numeric columns are right-aligned. `key` is needed when `label` is not a string. */
export interface DataColumn {
  label: ReactNode;
  key?: string;
  numeric?: boolean;
}

/**
 * A table in a scroll box a keyboard can reach and a screen reader can name (axe:
 * scrollable-region-focusable), with one heading row from `columns`. The region is named by the
 * element `labelledBy` points to, else by `label`; `caption` adds a caption only screen readers see.
 */
export function DataTable({
  columns,
  children,
  label,
  labelledBy,
  caption,
  className,
  wrapClassName,
  testId,
  style,
}: {
  columns: DataColumn[];
  children: ReactNode;
  label?: string;
  labelledBy?: string;
  caption?: string;
  className?: string;
  wrapClassName?: string;
  testId?: string;
  style?: CSSProperties;
}) {
  return (
    <div
      className={wrapClassName ? `table-wrap ${wrapClassName}` : "table-wrap"}
      role="region"
      aria-label={labelledBy ? undefined : label}
      aria-labelledby={labelledBy}
      tabIndex={0}
    >
      <table className={className ? `table ${className}` : "table"} data-testid={testId} style={style}>
        {caption ? <caption className="visually-hidden">{caption}</caption> : null}
        <thead>
          <tr>
            {columns.map((column, i) => (
              <th
                key={column.key ?? (typeof column.label === "string" ? column.label : i)}
                scope="col"
                className={column.numeric ? "num" : undefined}
              >
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
