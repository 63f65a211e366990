import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import {
  chmodSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { eventually } from "../support/eventually";
import { freePort } from "../support/testApp";
import { looksLikeApiToken } from "@/server/apiTokens/tokenSecret";

type Proc = { pid: number; uid: number; cwd: string; cmdline: string };

function processes(): Proc[] {
  const out: Proc[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      out.push({
        pid: Number(entry),
        uid: statSync(`/proc/${entry}`).uid,
        cwd: readlinkSync(`/proc/${entry}/cwd`),
        cmdline: readFileSync(`/proc/${entry}/cmdline`, "utf8").replaceAll("\0", " "),
      });
    } catch {
      // exited while we looked
    }
  }
  return out;
}

/** A copy of this working tree (the code under test, not HEAD) with node_modules hard-linked in. */
function checkoutUnder(parent: string): string {
  const dir = join(parent, "switchboard");
  const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard"], { encoding: "utf8" })
    .split("\n")
    .filter((f) => f && !f.startsWith("node_modules/"));
  for (const f of files) {
    try {
      mkdirSync(join(dir, dirname(f)), { recursive: true });
      cpSync(f, join(dir, f));
    } catch {
      // listed but deleted in the working tree
    }
  }
  // What `npm ci` would have produced: the packages and the generated Prisma client.
  execFileSync("cp", ["-al", "node_modules", join(dir, "node_modules")]);
  cpSync("server/db/generated", join(dir, "server/db/generated"), { recursive: true });
  return dir;
}

/**
 * The real `npm start` path (in dev mode, so no production build is needed) from a checkout inside a mode-700
 * folder, with no DATABASE_URL: as root the embedded PostgreSQL runs as `postgres`, who cannot enter that
 * folder. Then a worker crash and restart, and a Ctrl-C to the whole process group, as a terminal sends it.
 */
describe("npm start from a fresh checkout", () => {
  const parent = mkdtempSync(join(tmpdir(), "sb-clone-"));
  chmodSync(parent, 0o700);
  let databaseDir: string | undefined;
  afterAll(() => {
    rmSync(parent, { recursive: true, force: true });
    // As root the data lives outside the checkout, in a folder of its own.
    if (databaseDir?.startsWith("/var/lib/switchboard/"))
      rmSync(dirname(databaseDir), { recursive: true, force: true });
  });

  it("starts under a mode-700 parent, restarts a crashed worker, and Ctrl-C leaves no process behind", async () => {
    const checkout = checkoutUnder(parent);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(await freePort()),
      EMBEDDED_PG_PORT: String(await freePort()),
      NEXT_TELEMETRY_DISABLED: "1",
    };
    delete env.DATABASE_URL;
    delete env.SWITCHBOARD_DATA_DIR;
    const app: ChildProcess = spawn("npm", ["run", "dev"], { cwd: checkout, env, detached: true, stdio: "pipe" });
    let output = "";
    app.stdout!.on("data", (b: Buffer) => (output += b.toString()));
    app.stderr!.on("data", (b: Buffer) => (output += b.toString()));
    const exited = new Promise<number | null>((resolve) => app.once("exit", resolve));
    const ours = () =>
      processes().filter(
        (p) =>
          p.cwd.startsWith(checkout) ||
          p.cmdline.includes(checkout) ||
          (databaseDir !== undefined && p.cmdline.includes(databaseDir)),
      );

    try {
      for (const deadline = Date.now() + 150_000; !output.includes("Switchboard is running");) {
        if (app.exitCode !== null || Date.now() > deadline) throw new Error(`npm start did not start:\n${output}`);
        await new Promise((r) => setTimeout(r, 250));
      }
      databaseDir = /Embedded PostgreSQL running \(data in (\S+),/.exec(output)?.[1];
      expect(databaseDir).toBeDefined();
      const postgres = ours().find((p) => p.cmdline.includes(`-D ${databaseDir}`));
      expect(postgres).toBeDefined();
      if (process.getuid?.() === 0) {
        expect(databaseDir!.startsWith(parent)).toBe(false);
        expect(postgres!.uid).not.toBe(0);
      }
      const xmlCurl = await fetch(`http://127.0.0.1:${env.PORT}/freeswitch/xml`, { method: "POST", body: "" });
      expect(xmlCurl.status).toBe(401);
      // As the README's REST walkthrough uses it: no DATABASE_URL, it finds the running instance's database.
      const tokenCreate = ["run", "-s", "token:create", "--", "--platform", "--name", "demo"];
      const token = spawnSync("npm", tokenCreate, { cwd: checkout, env, encoding: "utf8" });
      expect(token.status, token.stderr).toBe(0);
      expect(looksLikeApiToken(token.stdout.trim())).toBe(true);

      const workerRuns = () => output.match(/\[worker\] running/g)?.length ?? 0;
      await eventually(async () => expect(workerRuns()).toBe(1), 60_000, 200);
      const worker = await eventually(async () => {
        const w = ours().find((p) => p.cmdline.includes("workers/main.ts"));
        expect(w).toBeDefined();
        return w!;
      }, 30_000);
      process.kill(worker.pid, "SIGKILL");
      await eventually(
        async () =>
          expect(ours().some((p) => p.cmdline.includes("workers/main.ts") && p.pid !== worker.pid)).toBe(true),
        30_000,
        100,
      );
      await eventually(async () => expect(workerRuns()).toBe(2), 60_000, 200);

      process.kill(-app.pid!, "SIGINT");
      await exited;
      expect(output).toContain("Switchboard stopped.");
      expect(output).not.toMatch(/FATAL|Unhandled|^\s+at /m);
      await eventually(async () => expect(ours().map((p) => `${p.pid} ${p.cmdline}`)).toEqual([]), 10_000, 100);
      const afterStop = spawnSync("npm", tokenCreate, { cwd: checkout, env, encoding: "utf8" });
      expect(afterStop.status).toBe(1);
      expect(afterStop.stderr.trim()).toMatch(
        /^No `npm start` is running from this checkout .*: start it, or set DATABASE_URL\.$/,
      );
    } finally {
      for (const pid of [-app.pid!, ...ours().map((p) => p.pid)]) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
    }
  }, 240_000);
});
