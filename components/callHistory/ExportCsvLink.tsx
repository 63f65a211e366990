import { csvHref } from "./callFilters";

type Props = { path: string; filters: Record<string, string | boolean | undefined> };

/**
 * A plain link, not a fetch: the browser streams the download to disk with the session cookie,
 * so an export of 100k calls never sits in the page's memory either.
 */
export function ExportCsvLink({ path, filters }: Props) {
  return (
    <a
      className="inline-flex items-center rounded-md bg-white px-3.5 py-2 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-slate-300 hover:bg-slate-50"
      href={csvHref(path, filters)}
      download
    >
      Export CSV
    </a>
  );
}
