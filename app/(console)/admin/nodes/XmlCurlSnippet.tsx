"use client";

import { toast } from "sonner";
import { Button } from "@/components/ui/Button";

/** deploy/freeswitch/xml_curl.conf.xml filled in for one node, so it can be pasted as is. */
function xmlCurlConf(switchboardUrl: string, user: string, secret: string): string {
  const binding = (name: string, sections: string, timeout: number) => `    <binding name="${name}">
      <param name="gateway-url" value="${switchboardUrl}/freeswitch/xml" bindings="${sections}"/>
      <param name="gateway-credentials" value="${user}:${secret}"/>
      <param name="auth-scheme" value="basic"/>
      <param name="timeout" value="${timeout}"/>
      <param name="disable-100-continue" value="true"/>
    </binding>`;
  return `<configuration name="xml_curl.conf" description="Switchboard">
  <bindings>
${binding("switchboard-directory-dialplan", "directory|dialplan", 5)}
${binding("switchboard-configuration", "configuration", 10)}
  </bindings>
</configuration>
`;
}

export function XmlCurlSnippet({ user, secret }: { user: string; secret: string }) {
  // The address this browser reaches Switchboard on; nodes on another network edit it.
  const conf = xmlCurlConf(window.location.origin, user, secret);
  const copy = () =>
    navigator.clipboard.writeText(conf).then(
      () => toast.success("xml_curl.conf.xml copied"),
      () => toast.error("Copy failed; select the text and copy it by hand"),
    );
  return (
    <div className="space-y-2">
      <div className="flex items-center justify-between gap-2">
        <p className="text-sm font-medium text-slate-700">autoload_configs/xml_curl.conf.xml</p>
        <Button size="sm" variant="secondary" onClick={copy}>
          Copy xml_curl.conf.xml
        </Button>
      </div>
      <pre
        aria-label="xml_curl.conf.xml"
        className="max-h-64 overflow-auto rounded-lg bg-slate-900 p-3 font-mono text-xs text-slate-100"
      >
        {conf}
      </pre>
      <p className="text-xs text-slate-500">
        Then run <code>fs_cli -x &quot;reload mod_xml_curl&quot;</code> on the node (reloadxml does not re-read
        bindings).
      </p>
    </div>
  );
}
