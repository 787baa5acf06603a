import type { CSSProperties, ReactNode } from "react";

/** A column heading; numeric columns are right-aligned. */
export interface AdminColumn {
  label: string;
  numeric?: boolean;
}

/** Most columns an operator table has: the phone layout names the cells of that many. */
const ADMIN_TABLE_MAX_COLUMNS = 8;

/**
 * The column names as CSS strings (--admin-col-1, …): on a phone each row becomes a card and each
 * cell shows its column's name above its value (globals.css), with no sideways scroll.
 */
function columnNameProperties(columns: AdminColumn[]): CSSProperties {
  return Object.fromEntries(
    columns
      .slice(0, ADMIN_TABLE_MAX_COLUMNS)
      .map((column, i) => [`--admin-col-${i + 1}`, JSON.stringify(column.label)]),
  );
}

/** The operator pages' table, captioned for screen readers; a card per row on a phone. */
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
      <table className="table admin-table" style={columnNameProperties(columns)}>
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
