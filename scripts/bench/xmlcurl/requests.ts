import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { benchDomainName, benchExtensionNumber } from "./seed";

const FIXTURES = join(process.cwd(), "..", "shared", "fixtures", "freeswitch");
const fixture = (name: string) => readFileSync(join(FIXTURES, name), "utf8");

/** One mod_xml_curl request body and the texts a right answer to it contains. */
export type BenchRequest = { body: string; answerContains: string[] };

/**
 * How the requests use connections: "keep-alive" reuses them; "close" asks the server to close
 * after each answer, so every request comes on a new connection, as mod_xml_curl sends them
 * (curl_easy_init/curl_easy_cleanup per fetch).
 */
export type ConnectionMode = "close" | "keep-alive";

/**
 * mod_xml_curl request bodies for the seeded data: the captured fixtures with the
 * fields that pick the user or call prepended (the first occurrence of a key wins).
 */
export class BenchRequests {
  private readonly register = fixture("directory-sip_auth-register.body");
  private readonly invite = fixture("dialplan-sip-invite.body");

  constructor(private readonly authorization: string) {}

  sipAuth(domain: number, extension: number): BenchRequest {
    const d = benchDomainName(domain);
    const user = benchExtensionNumber(extension);
    return {
      body: `user=${user}&domain=${d}&sip_auth_username=${user}&sip_auth_realm=${d}&${this.register}`,
      answerContains: [`<domain name="${d}">`, `<user id="${user}" `],
    };
  }

  dialplan(domain: number, fromExtension: number, destination: string): BenchRequest {
    const d = benchDomainName(domain);
    const from = benchExtensionNumber(fromExtension);
    return {
      body: `Caller-Context=${d}&Hunt-Context=${d}&Caller-Destination-Number=${destination}&Hunt-Destination-Number=${destination}&variable_user_name=${from}&variable_domain_name=${d}&${this.invite}`,
      // Every seeded destination is routed: to the extension or out through the route's trunk.
      answerContains: [`<context name="${d}">`, `expression="^${destination}$"`, `<action application="bridge"`],
    };
  }

  /** The whole HTTP/1.1 request as FreeSWITCH's libcurl sends it: what wrk and the paced generator replay. */
  http(request: BenchRequest, mode: ConnectionMode): string {
    return [
      "POST /freeswitch/xml HTTP/1.1",
      "Host: 127.0.0.1",
      "User-Agent: freeswitch-xml/1.0",
      `Authorization: ${this.authorization}`,
      "Content-Type: application/x-www-form-urlencoded",
      ...(mode === "close" ? ["Connection: close"] : []),
      `Content-Length: ${Buffer.byteLength(request.body)}`,
      "",
      request.body,
    ].join("\r\n");
  }
}

/** NUL-separated, the format replay.lua and pacedLoad.ts read. */
export function writeRequestsFile(path: string, requests: readonly string[]): string {
  writeFileSync(path, requests.join("\0"));
  return path;
}
