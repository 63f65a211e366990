import { destinationApp, type DestinationStep } from "@/server/dialplan/destination";
import { inertText } from "@/server/dialplan/dialSafety";
import { el, freeswitchDocument } from "../xml";

export type IvrMenuView = {
  /** The name the dialplan's `ivr` application asks for (planCall.ts `ivrMenuName`). */
  name: string;
  domain: string;
  greeting: string;
  timeoutSeconds: number;
  maxFailures: number;
  options: { digits: string; step: DestinationStep }[];
  onInvalid: DestinationStep;
  onTimeout: DestinationStep;
};

const appLine = (step: DestinationStep, domain: string) => {
  const { app, data } = destinationApp(step, domain);
  return `${app} ${data}`;
};

function menuElement(m: IvrMenuView) {
  return el(
    "menu",
    {
      name: m.name,
      "greet-long": inertText(m.greeting),
      "greet-short": inertText(m.greeting),
      "invalid-sound": "ivr/ivr-that_was_an_invalid_entry.wav",
      "exit-sound": "voicemail/vm-goodbye.wav",
      timeout: m.timeoutSeconds * 1000,
      "inter-digit-timeout": 2000,
      "max-failures": m.maxFailures,
      "max-timeouts": m.maxFailures,
      "digit-len": 4,
      "exec-on-max-failures": appLine(m.onInvalid, m.domain),
      "exec-on-max-timeouts": appLine(m.onTimeout, m.domain),
    },
    m.options.map((o) => el("entry", { action: "menu-exec-app", digits: o.digits, param: appLine(o.step, m.domain) })),
  );
}

/** ivr.conf with the menus asked for (FreeSWITCH passes `Menu-Name` when the `ivr` app runs). */
export function renderIvrConf(menus: IvrMenuView[]): string {
  return freeswitchDocument("configuration", [
    el("configuration", { name: "ivr.conf", description: "IVR menus" }, [el("menus", {}, menus.map(menuElement))]),
  ]);
}
