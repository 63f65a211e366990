import { XMLValidator } from "fast-xml-parser";
import { expect } from "vitest";
import { listenForConfigChanges } from "@/server/freeswitch/configListener";
import { defaultXmlCurlSettings, XmlCurlService, type XmlCurlSettings } from "@/server/freeswitch/xmlCurlService";
import type { TestDatabase } from "../../support/database";
import { eventually } from "../../support/eventually";
import { readSharedFixture } from "../../unit/freeswitch/sharedFixtures";
import { serveXmlCurl } from "./httpClient";
import { basicAuth, NODE } from "./seed";

/**
 * The xml_curl endpoint over a test database as a node sees it: its answer cache, the change
 * listener that clears it (connected before this returns), and a client posting as fs-node-01.
 */
export async function startLiveEndpoint(t: TestDatabase, settings: Partial<XmlCurlSettings> = {}) {
  const logs: string[] = [];
  const service = new XmlCurlService(t.db, t.db, { ...defaultXmlCurlSettings, ...settings }, (m) => logs.push(m));
  const listener = listenForConfigChanges(t.url, service.cache, (m) => logs.push(m));
  const endpoint = await serveXmlCurl(service, logs);
  await eventually(async () => expect(listener.connected()).toBe(true));
  const auth = basicAuth(NODE.user, NODE.secret);

  /** A well-formed 200 answer's body. */
  const post = async (body: string) => {
    const reply = await endpoint.post(body, auth);
    expect(reply.status).toBe(200);
    expect(XMLValidator.validate(reply.body)).toBe(true);
    return reply.body;
  };
  /** Phone 1001 of tenant1.example dials `destination` (the captured INVITE's dialplan request). */
  const call = (destination: string) =>
    post(
      `Caller-Destination-Number=${destination}&Hunt-Destination-Number=${destination}&` +
        readSharedFixture("dialplan-sip-invite.body"),
    );
  const close = async () => {
    await endpoint.close();
    await listener.close();
  };
  return { service, logs, post, call, close };
}
