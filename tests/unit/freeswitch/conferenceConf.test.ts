import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { conferenceProfileName, planCall } from "@/server/dialplan/planCall";
import {
  CONFERENCE_CONTROLS,
  isConferenceControlsName,
  renderConferenceControls,
  renderConferenceProfiles,
  type ConferenceProfileView,
} from "@/server/freeswitch/render/conferenceConf";
import { renderDialplan } from "@/server/freeswitch/render/dialplan";
import { callData } from "../dialplan/callDataFixtures";
import { expectGolden } from "./golden";

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" });

const room = (overrides: Partial<ConferenceProfileView> = {}): ConferenceProfileView => ({
  profileName: conferenceProfileName("tenant1.example", "3000"),
  domain: "tenant1.example",
  number: "3000",
  pin: "1234",
  moderatorPin: "9876",
  maxMembers: 10,
  record: true,
  mohSound: "local_stream://moh",
  ...overrides,
});

type Param = { name: string; value: string };
function paramsOf(xml: string): Record<string, string> {
  const doc = parser.parse(xml) as {
    document: { section: { configuration: { profiles: { profile: { param: Param[] } } } } };
  };
  return Object.fromEntries(
    doc.document.section.configuration.profiles.profile.param.map((p) => [p.name, String(p.value)]),
  );
}

describe("conference.conf", () => {
  it("a room's profile: PINs, size and recording", () =>
    expectGolden("conference.conf-profile", renderConferenceProfiles([room()])));

  it("a room without PINs, limit or recording leaves those params out", () => {
    const params = paramsOf(
      renderConferenceProfiles([room({ pin: null, moderatorPin: null, maxMembers: 0, record: false })]),
    );
    for (const name of ["pin", "moderator-pin", "max-members", "auto-record"]) expect(params).not.toHaveProperty(name);
    expect(params["caller-controls"]).toBe(CONFERENCE_CONTROLS.caller);
    expect(params.domain).toBe("tenant1.example");
  });

  it("recordings land in the tenant's own folder", () => {
    expect(paramsOf(renderConferenceProfiles([room()]))["auto-record"]).toMatch(
      /^\$\{recordings_dir\}\/tenant1\.example\/conference-3000-/,
    );
  });

  it("keypad groups", () => {
    expectGolden("conference.conf-controls", renderConferenceControls(CONFERENCE_CONTROLS.caller));
    expect(renderConferenceControls(CONFERENCE_CONTROLS.moderator)).toContain('<control action="lock" digits="*"/>');
    expect(isConferenceControlsName("default")).toBe(false);
    expect(isConferenceControlsName(CONFERENCE_CONTROLS.moderator)).toBe(true);
  });
});

describe("the dialplan's conference branch", () => {
  const data = callData({ local: { kind: "conference", room: { number: "3000", name: "Weekly" } } });

  it("joins <room>@<domain> with the room's own profile, PINs nowhere in the dialplan", () => {
    const plan = planCall(data, "3000");
    expect(plan.rule).toEqual({ type: "conference", number: "3000", name: "Weekly" });
    const xml = renderDialplan(plan);
    expectGolden("dialplan-conference", xml);
    expect(xml).toContain('application="conference" data="3000@tenant1.example@tenant1.example-3000"');
    expect(xml).not.toContain("+");
  });

  it("another tenant's room 3000 is another conference and another profile", () => {
    const other = planCall({ ...data, domain: { ...data.domain, name: "tenant2.example" } }, "3000");
    expect(renderDialplan(other)).toContain('data="3000@tenant2.example@tenant2.example-3000"');
  });
});
