import type { CSSProperties, ReactNode } from "react";
import { DataTable } from "../data-table";

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
    <DataTable
      label={caption}
      caption={caption}
      columns={columns}
      className="admin-table"
      style={columnNameProperties(columns)}
    >
      {children}
    </DataTable>
  );
}
