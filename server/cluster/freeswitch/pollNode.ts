import { z } from "zod";
import type { Db } from "@/server/db/client";
import { open } from "@/server/security/secretBox";
import { eslApi } from "../esl/eslClient";

// `show calls count` answers e.g. "\n3 total.\n".
const CallsCount = z.string().transform((s, ctx) => {
  const m = /(\d+)\s+total/.exec(s);
  if (!m) {
    ctx.addIssue({ code: "custom", message: "unexpected `show calls count` reply" });
    return z.NEVER;
  }
  return Number(m[1]);
});

/** Asks every node for its call count; a node that does not answer is marked DOWN. */
export async function pollNodes(db: Db): Promise<void> {
  const nodes = await db.telephonyNode.findMany({
    select: { id: true, eslHost: true, eslPort: true, eslPasswordEnc: true },
  });
  await Promise.all(
    nodes.map(async (n) => {
      try {
        const [reply] = await eslApi({ host: n.eslHost, port: n.eslPort, password: open(n.eslPasswordEnc) }, [
          "show calls count",
        ]);
        const activeCalls = CallsCount.parse(reply ?? "");
        await db.telephonyNode.update({
          where: { id: n.id },
          data: { activeCalls, health: "UP", lastSeenAt: new Date() },
        });
      } catch {
        await db.telephonyNode.update({ where: { id: n.id }, data: { health: "DOWN" } });
      }
    }),
  );
}
