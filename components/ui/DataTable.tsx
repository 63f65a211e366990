import { Fragment, type ReactNode } from "react";
import { Pagination } from "./Pagination";
import { EmptyRow, TableCard, Td, Th } from "./Table";

export type Column<T> = { header: ReactNode; cell: (row: T) => ReactNode; className?: string };

type Props<T> = {
  columns: Column<T>[];
  /** Undefined while loading or after an error. */
  rows: T[] | undefined;
  rowKey: (row: T) => string;
  /** What the rows are, for the loading and error rows: "trunks" → "Loading trunks…". */
  noun: string;
  loading: boolean;
  error?: string;
  /** Shown when the query succeeded with no rows: say why, and what to do next. */
  empty: ReactNode;
  /** Buttons at the end of each row, under a header only screen readers announce. */
  actions?: (row: T) => ReactNode;
  /** A full-width row under a row, e.g. its details once expanded; null for none. */
  detail?: (row: T) => ReactNode;
  pagination?: { page: number; pageSize: number; total: number; onPage: (page: number) => void };
  /** Any other footer, e.g. a cursor pager for lists too large to count; used without `pagination`. */
  footer?: ReactNode;
};

/** The list every console page shows: a card with a table, loading, error and empty rows, and paging. */
export function DataTable<T>({
  columns,
  rows,
  rowKey,
  noun,
  loading,
  error,
  empty,
  actions,
  detail,
  pagination,
  footer,
}: Props<T>) {
  const width = columns.length + (actions ? 1 : 0);
  return (
    <TableCard footer={pagination ? <Pagination {...pagination} /> : footer}>
      <thead>
        <tr>
          {columns.map((column, i) => (
            <Th key={i}>{column.header}</Th>
          ))}
          {actions && (
            <Th>
              {/* Positioned so the visually hidden label stays inside the table's scroll box on phones. */}
              <span className="relative">
                <span className="sr-only">Actions</span>
              </span>
            </Th>
          )}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {loading && <EmptyRow colSpan={width}>Loading {noun}…</EmptyRow>}
        {error && (
          <EmptyRow colSpan={width}>
            Could not load {noun}: {error}
          </EmptyRow>
        )}
        {rows?.length === 0 && <EmptyRow colSpan={width}>{empty}</EmptyRow>}
        {rows?.map((row) => {
          const more = detail?.(row);
          return (
            <Fragment key={rowKey(row)}>
              <tr className="hover:bg-slate-50">
                {columns.map((column, i) => (
                  <Td key={i} className={column.className}>
                    {column.cell(row)}
                  </Td>
                ))}
                {actions && (
                  <Td>
                    <div className="flex justify-end gap-2">{actions(row)}</div>
                  </Td>
                )}
              </tr>
              {more && (
                <tr>
                  <td colSpan={width} className="bg-slate-50 px-4 py-3">
                    {more}
                  </td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </TableCard>
  );
}
