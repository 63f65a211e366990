"use client";

import { useState } from "react";

/**
 * A list's filters and page: changing or clearing a filter goes back to page 1, since the old
 * page number means nothing in the new result. Empty string = filter off.
 */
export function useListFilters<F extends Record<string, string>>(initial: F, onChange?: () => void) {
  const [filters, setFilters] = useState(initial);
  const [page, setPage] = useState(1);
  const setFilter = <K extends keyof F>(key: K, value: F[K]) => {
    setFilters((current) => ({ ...current, [key]: value }));
    setPage(1);
    onChange?.();
  };
  const clear = () => {
    setFilters(initial);
    setPage(1);
    onChange?.();
  };
  return { filters, setFilter, clear, active: Object.values(filters).some(Boolean), page, setPage };
}
