/** Live pages refetch this often: a change on a node shows within 2 s without a reload. */
export const LIVE_REFETCH_MS = 1000;
export const LIVE_PAGE_SIZE = 50;

/** The platform pages' filters, as the platform list procedures take them (blank = any). */
export type PlatformLiveFilters = { search: string; domainId: string; nodeId: string };
export const NO_PLATFORM_LIVE_FILTERS: PlatformLiveFilters = { search: "", domainId: "", nodeId: "" };

export function platformLiveQuery(filters: PlatformLiveFilters, page: number) {
  return {
    page,
    pageSize: LIVE_PAGE_SIZE,
    search: filters.search || undefined,
    domainId: filters.domainId || undefined,
    nodeId: filters.nodeId || undefined,
  };
}
