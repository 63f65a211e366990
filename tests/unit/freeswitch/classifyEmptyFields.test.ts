import { describe, expect, it } from "vitest";
import { classifyRequest, parseRequestBody } from "@/server/freeswitch/requestBody";

const classify = (body: string) => classifyRequest(parseRequestBody(body));

// FreeSWITCH sends an unset channel variable as `name=`: an empty optional field is absent.
describe("classifyRequest with empty fields", () => {
  it("falls through an empty Hunt-* field to its Caller-* twin and drops an empty route-as", () => {
    expect(
      classify(
        "section=dialplan&hostname=fs1&Hunt-Context=&Caller-Context=Tenant1.example&Hunt-Destination-Number=" +
          "&Caller-Destination-Number=1001&Caller-Caller-ID-Number=&variable_sb_route_as=&variable_user_name=",
      ),
    ).toEqual({
      kind: "dialplan",
      hostname: "fs1",
      context: "tenant1.example",
      destination: "1001",
      callerIdNumber: "",
      authenticatedUser: undefined,
      routeAs: undefined,
    });
  });

  it("keeps the first occurrence even when it is the empty one", () => {
    expect(
      classify("section=dialplan&hostname=fs1&Caller-Context=&Caller-Context=t.example&Caller-Destination-Number=1"),
    ).toMatchObject({ kind: "unsupported", hostname: "fs1" });
  });

  it("reads a domain lookup's domain past an empty tag_attr_val", () => {
    expect(
      classify(
        "section=directory&hostname=fs1&tag=domain&tag_attr_name=name&tag_attr_val=&key_value=&domain=A.example",
      ),
    ).toEqual({ kind: "domain-lookup", hostname: "fs1", domain: "a.example" });
  });

  it("still refuses an empty required field", () => {
    expect(classify("section=directory&hostname=fs1&action=sip_auth&user=&domain=a.example")).toMatchObject({
      kind: "unsupported",
      reason: expect.stringMatching(/^sipAuth: user /),
    });
    expect(classify("section=configuration&hostname=fs1&key_value=&profile=")).toMatchObject({
      kind: "unsupported",
      reason: expect.stringMatching(/^configuration: key_value /),
    });
  });
});
