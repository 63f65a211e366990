import QRCode from "qrcode";

/**
 * The QR code as an SVG data URL, made on the server: the page shows it as a plain <img>,
 * which needs no script and only `img-src data:` under the CSP.
 */
export async function qrCodeDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}
