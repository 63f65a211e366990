"use client";

import type { ReactNode } from "react";
import { FilterInput, FilterSelect, ListFilters } from "@/components/ui/ListFilters";
import { DIRECTION_OPTIONS, DISPOSITION_OPTIONS } from "./callFormat";
import type { CallFilterValues } from "./callFilters";

type Props = {
  filters: CallFilterValues;
  setFilter: <K extends keyof CallFilterValues>(key: K, value: CallFilterValues[K]) => void;
  /** End users see only their own extension's calls: no extension filter for them. */
  extensionFilter?: boolean;
  /** Extra controls in front, e.g. the platform's tenant filter. */
  children?: ReactNode;
};

export function CallFiltersBar({ filters, setFilter, extensionFilter = true, children }: Props) {
  // The menus offer only the enum's values, so their strings are those values.
  const bind = <K extends keyof CallFilterValues>(key: K) => ({
    value: filters[key],
    onChange: (value: string) => setFilter(key, value as CallFilterValues[K]),
  });
  return (
    <ListFilters className="grid grid-cols-1 sm:grid-cols-2 lg:grid-cols-4">
      {children}
      <FilterInput {...bind("search")} label="Number or name" placeholder="Number or name" />
      <FilterSelect
        {...bind("direction")}
        label="Direction"
        className=""
        anyLabel="Any direction"
        options={DIRECTION_OPTIONS}
      />
      <FilterSelect
        {...bind("disposition")}
        label="Result"
        className=""
        anyLabel="Any result"
        options={DISPOSITION_OPTIONS}
      />
      {extensionFilter && <FilterInput {...bind("extension")} label="Extension" placeholder="Extension" />}
      <FilterInput {...bind("from")} label="From" type="date" visibleLabel />
      <FilterInput {...bind("to")} label="To" type="date" visibleLabel />
    </ListFilters>
  );
}
