"use client";

import Link from "next/link";
import { inputClass } from "@/components/ui/Field";
import type { TokenFilters } from "./useTokenFilters";

export function TokenFiltersBar({ filters }: { filters: TokenFilters }) {
  return (
    <div className="mb-4 flex flex-wrap items-center gap-4">
      <input
        className={`${inputClass} max-w-sm`}
        placeholder="Search by name"
        aria-label="Search tokens"
        value={filters.search}
        onChange={(e) => filters.setSearch(e.target.value)}
      />
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input
          type="checkbox"
          checked={filters.includeInactive}
          onChange={(e) => filters.setIncludeInactive(e.target.checked)}
        />
        Show revoked and expired
      </label>
      <Link href="/api-docs" className="ml-auto text-sm font-medium text-brand-700 hover:underline">
        API reference →
      </Link>
    </div>
  );
}
