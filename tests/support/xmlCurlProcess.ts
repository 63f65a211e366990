import { spawn, type ChildProcess } from "node:child_process";
import { freePort } from "./testApp";

export type XmlCurlProcess = { child: ChildProcess; port: number; output: () => string };

/** `npm run xmlcurl` (server/freeswitch/standalone.ts) on a free port, once it says it listens. */
export async function startXmlCurlProcess(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<XmlCurlProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "server/freeswitch/standalone.ts"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, XMLCURL_PORT: String(port), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (b: Buffer) => (output += b.toString()));
  child.stderr?.on("data", (b: Buffer) => (output += b.toString()));
  const deadline = Date.now() + 30_000;
  while (!output.includes("xmlcurl: listening")) {
    if (child.exitCode !== null) throw new Error(`xmlcurl process exited:\n${output}`);
    if (Date.now() > deadline) throw new Error(`xmlcurl process did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, port, output: () => output };
}
