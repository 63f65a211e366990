import { createSocket } from "node:dgram";
import { randomBytes } from "node:crypto";

/**
 * Sends one INVITE for `domain` through the proxy and resolves with the final status code
 * (null if none within `timeoutMs`). Non-2xx finals are ACKed, as a UA must. For asserting
 * refusals (503) that sipp's caller scenario would only count as "failed".
 */
export function inviteStatus(opts: {
  proxyPort: number;
  localPort: number;
  domain: string;
  timeoutMs?: number;
}): Promise<number | null> {
  const socket = createSocket("udp4");
  const callId = randomBytes(8).toString("hex");
  const branch = `z9hG4bK${randomBytes(6).toString("hex")}`;
  const tag = randomBytes(4).toString("hex");
  const via = `Via: SIP/2.0/UDP 127.0.0.1:${opts.localPort};branch=${branch}`;
  const from = `From: <sip:caller@${opts.domain}>;tag=${tag}`;
  const uri = `sip:100@${opts.domain}`;
  const request = (method: string, to: string, cseq: string) =>
    [
      `${method} ${uri} SIP/2.0`,
      via,
      from,
      to,
      `Call-ID: ${callId}`,
      `CSeq: ${cseq}`,
      `Contact: <sip:caller@127.0.0.1:${opts.localPort}>`,
      "Max-Forwards: 70",
      "Content-Length: 0",
      "",
      "",
    ].join("\r\n");
  const send = (text: string) => socket.send(text, opts.proxyPort, "127.0.0.1");

  return new Promise((resolve, reject) => {
    const done = (code: number | null) => {
      clearTimeout(timer);
      socket.close();
      resolve(code);
    };
    const timer = setTimeout(() => done(null), opts.timeoutMs ?? 10_000);
    socket.on("error", reject);
    socket.on("message", (msg) => {
      const text = msg.toString();
      const code = Number(/^SIP\/2\.0 (\d{3})/.exec(text)?.[1]);
      if (!code || code < 200) return;
      if (code >= 300) {
        const to = /^To:.*$/im.exec(text)?.[0] ?? `To: <${uri}>`;
        send(request("ACK", to, "1 ACK"));
      }
      done(code);
    });
    socket.bind(opts.localPort, "127.0.0.1", () => send(request("INVITE", `To: <${uri}>`, "1 INVITE")));
  });
}
