import type { EnrolmentStart } from "@/server/twoFactor/enrolment";

/** The QR code to scan, the same secret to type, and the recovery codes, shown this once. */
export function EnrolmentDetails({ start }: { start: EnrolmentStart }) {
  return (
    <div className="space-y-4">
      <div className="flex flex-col items-center gap-2 sm:flex-row sm:items-start">
        {/* A server-made SVG data URL: no script, no remote image. */}
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img
          src={start.qrCode}
          alt="QR code for your authenticator app"
          width={176}
          height={176}
          className="rounded-md ring-1 ring-slate-200"
        />
        <div className="space-y-2 text-sm text-slate-600">
          <p>Scan the code with an authenticator app, or type this key into it:</p>
          <code
            data-testid="totp-secret"
            className="block break-all rounded bg-slate-100 px-2 py-1 font-mono text-slate-900"
          >
            {start.secret}
          </code>
          <p className="hidden" data-testid="otpauth-uri">
            {start.otpauthUri}
          </p>
        </div>
      </div>
      <div>
        <p className="text-sm font-medium text-slate-900">Recovery codes</p>
        <p className="text-sm text-slate-500">
          Each one signs you in once if you lose your phone. Keep them somewhere safe: they are not shown again.
        </p>
        <ul
          data-testid="recovery-codes"
          className="mt-2 grid grid-cols-2 gap-1 rounded-md bg-slate-50 p-3 font-mono text-sm text-slate-900"
        >
          {start.recoveryCodes.map((code) => (
            <li key={code}>{code}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}
