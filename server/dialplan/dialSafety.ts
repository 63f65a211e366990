// Values from the database end up in FreeSWITCH application data, where `${...}` is
// expanded (and can call API commands) and `,`/`|`/`[`/`{` change a dial string's meaning.
// Numbers are checked against a strict shape; free text loses the expansion characters.

const DIALABLE = /^\+?[0-9*#]{1,32}$/;
const GATEWAY_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

/** A number FreeSWITCH can dial or transfer to, or null when the stored value is not one. */
export function dialableNumber(value: string | null | undefined): string | null {
  return value && DIALABLE.test(value) ? value : null;
}

export function safeGatewayName(value: string): string | null {
  return GATEWAY_NAME.test(value) ? value : null;
}

/** Free text (caller ID names) without the characters FreeSWITCH expands or parses. */
export function inertText(value: string): string {
  return value.replace(/[${}\\\u0000-\u001F\u007F]/g, "");
}

/** What a phone may dial: digits, `*`, `#`, `+`, and SIP-user letters; nothing that could reach a regex raw. */
export const DIALED_DESTINATION = /^[0-9A-Za-z*#+._-]{1,64}$/;
