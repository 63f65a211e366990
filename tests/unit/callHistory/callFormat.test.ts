import { describe, expect, it } from "vitest";
import { csvHref } from "@/components/callHistory/callFilters";
import { formatDuration } from "@/components/callHistory/callFormat";

describe("call history formatting", () => {
  it("writes durations as a phone bill does", () => {
    expect(formatDuration(0)).toBe("0:00");
    expect(formatDuration(7)).toBe("0:07");
    expect(formatDuration(750)).toBe("12:30");
    expect(formatDuration(3723)).toBe("1:02:03");
  });

  it("puts only the filters that are set into the CSV link, encoded", () => {
    expect(csvHref("/api/v1/call-records.csv", { search: "", unattributed: undefined })).toBe(
      "/api/v1/call-records.csv",
    );
    expect(csvHref("/x.csv", { search: "+1555 12", disposition: "BUSY", unattributed: true, to: "" })).toBe(
      "/x.csv?search=%2B1555+12&disposition=BUSY&unattributed=true",
    );
  });
});
