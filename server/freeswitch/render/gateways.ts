import { el, freeswitchDocument } from "../xml";
import { domainElement } from "./directoryDomain";
import { gatewayElement, type GatewayView } from "./gateway";

/**
 * `purpose=gateways&profile=P`: the trunks this node loads for P, under a directory
 * domain's `<gateways>` (sofia parses them when the profile has `<domain parse="true">`).
 * Returns null when there is nothing to load, which the caller answers with "not found".
 */
export function renderGatewaysDirectory(groups: { domain: string; gateways: GatewayView[] }[]): string | null {
  const nonEmpty = groups.filter((g) => g.gateways.length > 0);
  if (nonEmpty.length === 0) return null;
  return freeswitchDocument(
    "directory",
    nonEmpty.map((g) => domainElement(g.domain, [], [el("gateways", {}, g.gateways.map(gatewayElement))])),
  );
}
