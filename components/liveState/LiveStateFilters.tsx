"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";
import { FilterInput, FilterSelect, ListFilters } from "@/components/ui/ListFilters";

type Filters = { search: string; domainId: string; nodeId: string };

type Props = {
  filters: Filters;
  setFilter: <K extends keyof Filters>(key: K, value: Filters[K]) => void;
  searchPlaceholder: string;
};

/** Platform live pages: search, one tenant, one node. */
export function LiveStateFilters({ filters, setFilter, searchPlaceholder }: Props) {
  const trpc = useTRPC();
  const tenants = useQuery(trpc.domains.list.queryOptions({ pageSize: 200 }));
  const nodes = useQuery(trpc.cluster.nodes.list.queryOptions());
  return (
    <ListFilters>
      <FilterInput
        label="Search"
        placeholder={searchPlaceholder}
        value={filters.search}
        onChange={(v) => setFilter("search", v)}
      />
      <FilterSelect
        label="Tenant"
        anyLabel="Any tenant"
        className="w-full sm:w-56"
        value={filters.domainId}
        onChange={(v) => setFilter("domainId", v)}
        options={tenants.data?.items.map((d) => ({ value: d.id, label: d.displayName })) ?? []}
      />
      <FilterSelect
        label="Node"
        anyLabel="Any node"
        value={filters.nodeId}
        onChange={(v) => setFilter("nodeId", v)}
        options={nodes.data?.map((n) => ({ value: n.id, label: n.hostname })) ?? []}
      />
    </ListFilters>
  );
}
