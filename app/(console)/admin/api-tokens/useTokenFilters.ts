"use client";

import { useState } from "react";

export const TOKEN_PAGE_SIZE = 25;

/** Search, "show revoked/expired" and paging, shared by the platform and tenant token pages. */
export function useTokenFilters() {
  const [search, setSearch] = useState("");
  const [includeInactive, setIncludeInactive] = useState(false);
  const [page, setPage] = useState(1);
  return {
    page,
    setPage,
    search,
    includeInactive,
    listInput: { page, pageSize: TOKEN_PAGE_SIZE, search: search || undefined, includeInactive },
    setSearch: (value: string) => {
      setSearch(value);
      setPage(1);
    },
    setIncludeInactive: (value: boolean) => {
      setIncludeInactive(value);
      setPage(1);
    },
  };
}

export type TokenFilters = ReturnType<typeof useTokenFilters>;
