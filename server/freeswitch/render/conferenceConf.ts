import { el, freeswitchDocument, param, type XmlNode } from "../xml";

export type ConferenceProfileView = {
  /** planCall.ts `conferenceProfileName`: what the dialplan's `conference` application asks for. */
  profileName: string;
  domain: string;
  number: string;
  pin: string | null;
  moderatorPin: string | null;
  /** 0 = no limit. */
  maxMembers: number;
  record: boolean;
  /** What a lone member hears: the tenant's hold music. */
  mohSound: string;
};

/** The keypad groups our profiles name; mod_conference asks for each by name when a member joins. */
export const CONFERENCE_CONTROLS = { caller: "switchboard-caller", moderator: "switchboard-moderator" } as const;
export type ConferenceControlsName = (typeof CONFERENCE_CONTROLS)[keyof typeof CONFERENCE_CONTROLS];

export function isConferenceControlsName(name: string): name is ConferenceControlsName {
  return Object.values<string>(CONFERENCE_CONTROLS).includes(name);
}

// FreeSWITCH's stock "default" group: the keys callers of any conference bridge expect.
const CALLER_KEYS: [digits: string, action: string][] = [
  ["0", "mute"],
  ["*", "deaf mute"],
  ["9", "energy up"],
  ["8", "energy equ"],
  ["7", "energy dn"],
  ["3", "vol talk up"],
  ["2", "vol talk zero"],
  ["1", "vol talk dn"],
  ["6", "vol listen up"],
  ["5", "vol listen zero"],
  ["4", "vol listen dn"],
  ["#", "hangup"],
];
// A moderator's * locks and unlocks the room instead (no free key is left on a keypad).
const MODERATOR_KEYS = CALLER_KEYS.map(([digits, action]): [string, string] =>
  digits === "*" ? [digits, "lock"] : [digits, action],
);
const KEYS: Record<ConferenceControlsName, [string, string][]> = {
  [CONFERENCE_CONTROLS.caller]: CALLER_KEYS,
  [CONFERENCE_CONTROLS.moderator]: MODERATOR_KEYS,
};

function profileElement(p: ConferenceProfileView): XmlNode {
  return el("profile", { name: p.profileName }, [
    param("domain", p.domain),
    param("rate", 8000),
    param("interval", 20),
    param("energy-level", 100),
    param("comfort-noise", true),
    param("caller-controls", CONFERENCE_CONTROLS.caller),
    param("moderator-controls", CONFERENCE_CONTROLS.moderator),
    // No sound-prefix: relative sounds resolve through the node's own sound_prefix variable.
    param("moh-sound", p.mohSound),
    param("alone-sound", "conference/conf-alone.wav"),
    param("muted-sound", "conference/conf-muted.wav"),
    param("unmuted-sound", "conference/conf-unmuted.wav"),
    param("kicked-sound", "conference/conf-kicked.wav"),
    param("locked-sound", "conference/conf-locked.wav"),
    param("is-locked-sound", "conference/conf-is-locked.wav"),
    param("is-unlocked-sound", "conference/conf-is-unlocked.wav"),
    param("pin-sound", "conference/conf-pin.wav"),
    param("bad-pin-sound", "conference/conf-bad-pin.wav"),
    param("enter-sound", "tone_stream://%(200,0,500,600,700)"),
    param("exit-sound", "tone_stream://%(500,0,300,200,100,50,25)"),
    param("pin-retries", 3),
    p.pin !== null && param("pin", p.pin),
    p.moderatorPin !== null && param("moderator-pin", p.moderatorPin),
    p.maxMembers > 0 && param("max-members", p.maxMembers),
    // Expanded on the node when the first member joins; one file per run of the conference.
    p.record &&
      param("auto-record", `\${recordings_dir}/${p.domain}/conference-${p.number}-\${strftime(%Y%m%d-%H%M%S)}.wav`),
  ]);
}

/** conference.conf with the room profiles asked for (the `conference` app passes `profile_name`). */
export function renderConferenceProfiles(profiles: ConferenceProfileView[]): string {
  return freeswitchDocument("configuration", [
    el("configuration", { name: "conference.conf", description: "Conference rooms" }, [
      el("profiles", {}, profiles.map(profileElement)),
    ]),
  ]);
}

/** conference.conf with one keypad group (a joining member's `Action=request-controls`). */
export function renderConferenceControls(name: ConferenceControlsName): string {
  return freeswitchDocument("configuration", [
    el("configuration", { name: "conference.conf", description: "Conference controls" }, [
      el("caller-controls", {}, [
        el(
          "group",
          { name },
          KEYS[name].map(([digits, action]) => el("control", { action, digits })),
        ),
      ]),
    ]),
  ]);
}
