import { inertText } from "@/server/dialplan/dialSafety";
import { el, freeswitchDocument, param, variable } from "../xml";
import { domainElement } from "./directoryDomain";

export type DirectoryUserView = {
  domain: string;
  number: string;
  displayName: string;
  /** md5(number:domain:password): FreeSWITCH checks the digest with it; the password itself is never stored. */
  a1Hash: string;
  /** Clear PIN (unsealed by the loader); null = FreeSWITCH's default (no PIN login). */
  voicemailPin: string | null;
  voicemailEnabled: boolean;
  voicemailEmail: string | null;
  internalCallerIdName: string | null;
  internalCallerIdNumber: string | null;
  externalCallerIdName: string | null;
  externalCallerIdNumber: string | null;
  forwardAlways: { enabled: boolean; target: string | null };
  forwardBusy: { enabled: boolean; target: string | null };
  forwardNoAnswer: { enabled: boolean; target: string | null };
  noAnswerTimeout: number;
  dnd: boolean;
  maxCalls: number;
  tollAllow: string[];
  recordCalls: boolean;
  cidr: string | null;
};

/** Free text as a variable: escaped by the builder, and inert if FreeSWITCH ever expands it. */
const text = (name: string, value: string) => variable(name, inertText(value));

/**
 * The directory answer for one user. `cacheableMs` > 0 lets the FreeSWITCH core keep it
 * (a password change then flushes it, see events.ts `freeswitch.flush-user`).
 */
export function renderDirectoryUser(u: DirectoryUserView, cacheableMs: number): string {
  const callerIdName = u.internalCallerIdName ?? u.displayName;
  const callerIdNumber = u.internalCallerIdNumber ?? u.number;
  const forward = (name: string, f: { enabled: boolean; target: string | null }) => [
    variable(`${name}_enabled`, f.enabled),
    f.target !== null && text(name, f.target),
  ];
  const user = el(
    "user",
    { id: u.number, cacheable: cacheableMs > 0 ? cacheableMs : undefined, cidr: u.cidr ?? undefined },
    [
      el("params", {}, [
        param("a1-hash", u.a1Hash),
        u.voicemailPin !== null && param("vm-password", u.voicemailPin),
        param("vm-enabled", u.voicemailEnabled),
        u.voicemailEmail !== null && param("vm-mailto", u.voicemailEmail),
      ]),
      el("variables", {}, [
        variable("user_context", u.domain),
        variable("domain_name", u.domain),
        text("effective_caller_id_name", callerIdName),
        text("effective_caller_id_number", callerIdNumber),
        u.externalCallerIdName !== null && text("outbound_caller_id_name", u.externalCallerIdName),
        u.externalCallerIdNumber !== null && text("outbound_caller_id_number", u.externalCallerIdNumber),
        ...forward("forward_all", u.forwardAlways),
        ...forward("forward_busy", u.forwardBusy),
        ...forward("forward_no_answer", u.forwardNoAnswer),
        variable("call_timeout", u.noAnswerTimeout),
        variable("do_not_disturb", u.dnd),
        variable("max_calls", u.maxCalls),
        variable("limit_max", u.maxCalls),
        variable("toll_allow", u.tollAllow.join(",")),
        u.recordCalls && variable("record_stereo", true),
      ]),
    ],
  );
  return freeswitchDocument("directory", [domainElement(u.domain, [user])]);
}
