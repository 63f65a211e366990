import type { DialExtension, DialParkingLot, DialPickupGroup } from "./callData";

// Call pickup (mod_dptools `pickup`) and parking (mod_valet_parking), the planner's part.
// Every name FreeSWITCH sees carries the domain, so two tenants' keys and lots never meet
// on a node they share.

type Action = { app: string; data?: string };

const hangupClearing: Action = { app: "hangup", data: "NORMAL_CLEARING" };

/** The `pickup/` key a call to an extension registers under, for `**<ext>`. */
export function extensionPickupKey(domain: string, number: string): string {
  return `${number}@${domain}`;
}

/** The key of a pickup group: its id, since names are free text. Never a bare number, so never an extension's key. */
export function groupPickupKey(domain: string, group: DialPickupGroup): string {
  return `group-${group.id}@${domain}`;
}

/**
 * The dial string ringing an extension. A member of a pickup group also rings one `pickup/`
 * leg per key, in the same bridge (`,` = at once): `pickup <key>` elsewhere answers that leg,
 * which connects the caller; the phone answering first cancels the pickup legs.
 * A `pickup/` leg never fails on its own, so `fail_on_single_reject` makes the phone's failure
 * (busy, not registered, declined) fail the bridge at once, with its cause, as it would alone.
 * It is set in the dial string's `{}` so it lasts for this bridge only, not for a ring group
 * the call may be transferred to afterwards.
 */
export function extensionDialString(domain: string, callee: DialExtension, groups: DialPickupGroup[]): string {
  const user = `user/${callee.number}@${domain}`;
  if (groups.length === 0) return user;
  const keys = [extensionPickupKey(domain, callee.number), ...groups.map((g) => groupPickupKey(domain, g))];
  return `{fail_on_single_reject=true}${[user, ...keys.map((k) => `pickup/${k}`)].join(",")}`;
}

/** The valet lot of a domain (`park@<domain>`: mod_valet_parking sends BLF presence for `<slot>@<domain>`). */
export function parkingLotName(domain: string): string {
  return `park@${domain}`;
}

/** The slot a dialled number is, if it is one of the domain's enabled lot. */
export function parkingSlotOf(
  parking: Pick<DialParkingLot, "firstSlot" | "lastSlot"> | null,
  dialed: string,
): number | null {
  if (!parking || !/^[1-9][0-9]{0,9}$/.test(dialed)) return null;
  const slot = Number(dialed);
  return slot >= parking.firstSlot && slot <= parking.lastSlot ? slot : null;
}

/** `*8`: the caller's groups in turn (mod_dptools takes one key per `pickup`). */
export function pickupGroupActions(domain: string, groups: DialPickupGroup[]): Action[] {
  return [...groups.map((g) => ({ app: "pickup", data: groupPickupKey(domain, g) })), hangupClearing];
}

export function pickupExtensionActions(domain: string, number: string): Action[] {
  return [{ app: "pickup", data: extensionPickupKey(domain, number) }, hangupClearing];
}

/**
 * `*70`: parks in the first free slot. Phones park by blind-transferring the call here, so the
 * parked leg's `referred_by_user` (set by mod_sofia from the REFER) is the parker, to whom the
 * call returns when nobody retrieves it in time. `auto in`'s max is exclusive (mod_valet_parking
 * tries min..max-1), hence lastSlot + 1.
 */
export function parkActions(domain: string, parking: DialParkingLot): Action[] {
  return [
    { app: "set", data: `valet_parking_timeout=${parking.timeoutSeconds}` },
    { app: "set", data: "valet_parking_orbit_dialplan=XML" },
    { app: "set", data: `valet_parking_orbit_context=${domain}` },
    { app: "set", data: "valet_parking_orbit_exten=${referred_by_user}" },
    { app: "answer" },
    {
      app: "valet_park",
      data: `${parkingLotName(domain)} auto in ${parking.firstSlot} ${parking.lastSlot + 1}`,
    },
    hangupClearing,
  ];
}

/** Dialling a slot retrieves the call parked there (an empty slot parks the caller in it, as mod_valet_parking does). */
export function retrieveActions(domain: string, slot: number): Action[] {
  return [{ app: "answer" }, { app: "valet_park", data: `${parkingLotName(domain)} ${slot}` }, hangupClearing];
}
