import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createXmlCurlHandler } from "@/server/freeswitch/httpHandler";
import type { XmlCurlService } from "@/server/freeswitch/xmlCurlService";

export type Reply = { status: number; contentType: string; body: string };

/** The endpoint on a loopback port, plus a client that posts like mod_xml_curl does. */
export async function serveXmlCurl(service: XmlCurlService, logs: string[] = []) {
  const server: Server = createServer(createXmlCurlHandler(service, (m) => logs.push(m)));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/freeswitch/xml`;
  const post = async (body: string, authorization?: string): Promise<Reply> => {
    const res = await fetch(url, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "User-Agent": "freeswitch-xml/1.0",
        ...(authorization ? { Authorization: authorization } : {}),
      },
      body,
    });
    return { status: res.status, contentType: res.headers.get("content-type") ?? "", body: await res.text() };
  };
  return { post, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
