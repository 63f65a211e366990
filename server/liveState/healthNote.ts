/** The node fields the health note reads (a node as the API returns it). */
export type NodeHealthFields = {
  health: "UNKNOWN" | "UP" | "DOWN";
  lastHeartbeatAt: Date | null;
  eslConnectedAt: Date | null;
  eslDisconnectedAt: Date | null;
  eslLastError: string | null;
};

export function ago(from: Date, now: Date): string {
  const s = Math.max(0, Math.round((now.getTime() - from.getTime()) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86_400)} d ago`;
}

/** Says why a node is in its state: "never connected", "heartbeat 4 s ago", "lost 2 min ago (…)". */
export function healthNote(node: NodeHealthFields, now = new Date()): string {
  if (!node.eslConnectedAt && !node.lastHeartbeatAt) {
    return node.eslLastError ? `never connected (${node.eslLastError})` : "never connected";
  }
  if (node.health === "UP" && node.lastHeartbeatAt) return `heartbeat ${ago(node.lastHeartbeatAt, now)}`;
  if (!node.lastHeartbeatAt) return "connected, no heartbeat yet";
  const reason = node.eslLastError ? ` (${node.eslLastError})` : "";
  return `lost ${ago(node.lastHeartbeatAt, now)}${reason}`;
}
