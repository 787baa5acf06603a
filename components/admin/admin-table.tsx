import type { ReactNode } from "react";

/** A column heading; numeric columns are right-aligned. */
export interface AdminColumn {
  label: string;
  numeric?: boolean;
}

/** The operator pages' table: scrolls sideways on a phone, captioned for screen readers. */
export function AdminTable({
  caption,
  columns,
  children,
}: {
  caption: string;
  columns: AdminColumn[];
  children: ReactNode;
}) {
  return (
    // A scroll box a keyboard can reach and a screen reader can name (axe: scrollable-region-focusable).
    <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.label} scope="col" className={column.numeric ? "num" : undefined}>
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
